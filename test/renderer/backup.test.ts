// Backup and restore of a console's local data on a real Dexie (fake-indexeddb): the round trip
// keeps everything, a bad file is refused with the fault named and nothing written, and changes
// not yet at the team are only replaced when the user says so.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MutationRequest } from '../../src/core/mutations';
import {
  backupFileName,
  exportBackup,
  parseBackup,
  previewBackup,
  restoreBackup,
  type Backup,
} from '../../src/renderer/src/db/backup';
import { readCustomerBook } from '../../src/renderer/src/db/books';
import { applyLocalMutation, applyLocalMutations } from '../../src/renderer/src/db/localMutations';
import { db, resetConsoleDatabase } from '../../src/renderer/src/db/schema';
import { recordPushResults } from '../../src/renderer/src/db/serverChanges';
import { readLastMutationId, readSettings, saveSettings } from '../../src/renderer/src/db/settings';

const now = '2026-04-01T08:00:00.000Z';

function customer(id: string, name: string): MutationRequest {
  return {
    name: 'createCustomer',
    version: 1,
    args: {
      customer: {
        id,
        name,
        country: 'CH',
        region: 'SG',
        timeZone: 'Europe/Zurich',
        tamUserId: 'tam-01',
        channels: ['ticket'],
      },
    },
  };
}

const contract: MutationRequest = {
  name: 'createContract',
  version: 1,
  args: {
    contract: {
      id: 'contract-1',
      customerId: 'cust-1',
      planId: 'edge-mission-critical',
      startDate: '2026-01-01',
      termMonths: 36,
    },
  },
};

const goLive: MutationRequest = {
  name: 'requestGoLive',
  version: 1,
  args: {
    id: 'golive-1',
    customerId: 'cust-1',
    title: 'Launch',
    date: '2026-04-10',
    time: '10:00',
    durationMinutes: 120,
  },
};

async function snapshot(): Promise<string> {
  const backup = await exportBackup(now);
  return JSON.stringify(backup);
}

beforeEach(async () => {
  await resetConsoleDatabase();
  await saveSettings({ userId: 'tam-01', userName: 'Ana Lima', role: 'tam', timeZone: 'Europe/Zurich' });
  await applyLocalMutations([customer('cust-1', 'Helvetia Payments AG'), contract, goLive], now);
  const first = await db.outbox.where('mutationId').equals(1).first();
  if (first?.seq) await db.outbox.update(first.seq, { status: 'applied' });
});

describe('backup and restore', () => {
  it('a backup restored into a wiped console gives back every record, the outbox, my settings and client id', async () => {
    const text = await snapshot();
    const clientId = (await db.meta.get('clientId'))?.value;
    await resetConsoleDatabase();

    const parsed = parseBackup(text);
    if (!parsed.ok) throw new Error(parsed.rejection.message);
    expect(previewBackup(parsed.value)).toMatchObject({
      userName: 'Ana Lima',
      customers: 1,
      records: 3,
      outbox: { total: 3, pending: 2, rejected: 0 },
    });
    expect(await restoreBackup(parsed.value, { replacePending: false })).toEqual({
      ok: true,
      value: { records: 3, outbox: 3 },
    });
    expect((await readCustomerBook('cust-1'))?.goLiveBookings.map((booking) => booking.title)).toEqual([
      'Launch',
    ]);
    expect(
      (await db.outbox.orderBy('seq').toArray()).map((entry) => [entry.mutationId, entry.status]),
    ).toEqual([
      [1, 'applied'],
      [2, 'pending'],
      [3, 'pending'],
    ]);
    expect((await db.meta.get('clientId'))?.value).toBe(clientId);
    expect((await readSettings())?.userName).toBe('Ana Lima');
    expect(await readLastMutationId()).toBe(3);
    // Exported again, it is the same backup.
    expect(await snapshot()).toBe(text);
  });

  it("an outbox as the sync writes it restores: the server's verdict time and a change at risk are kept", async () => {
    // The server's verdict on mutation 2, recorded by the sync's own code (it stamps settledAt).
    await recordPushResults([
      { mutationId: 2, name: 'createContract', status: 'applied', summary: 'Contract' },
    ]);
    // A pending change the team's newer rows make the local rules refuse, as the rebase marks it.
    const third = await db.outbox.where('mutationId').equals(3).first();
    await db.outbox.update(third?.seq as number, {
      atRisk: { code: 'allowance-exhausted', message: 'No Go Live events left.', numbers: { remaining: 0 } },
    });
    const written = await db.outbox.orderBy('mutationId').toArray();
    expect(written[1]?.settledAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const parsed = parseBackup(await snapshot());
    if (!parsed.ok) throw new Error(parsed.rejection.message);
    await resetConsoleDatabase();
    expect(await restoreBackup(parsed.value, { replacePending: false })).toMatchObject({ ok: true });
    const restored = await db.outbox.orderBy('mutationId').toArray();
    expect(restored.map(({ seq: _seq, ...entry }) => entry)).toEqual(
      written.map(({ seq: _seq, ...entry }) => entry),
    );
  });

  it('changes not yet at the team are kept unless the user confirms they will be replaced', async () => {
    const parsed = parseBackup(await snapshot());
    if (!parsed.ok) throw new Error(parsed.rejection.message);
    await applyLocalMutation(customer('cust-2', 'Bahia Payments Ltda'), now);
    const refused = await restoreBackup(parsed.value, { replacePending: false });
    expect(refused).toMatchObject({
      ok: false,
      rejection: { code: 'invalid-transition', numbers: { pending: 3 } },
    });
    expect(await db.customers.count()).toBe(2);
    expect(await restoreBackup(parsed.value, { replacePending: true })).toMatchObject({ ok: true });
    expect(await db.customers.count()).toBe(1);
  });

  it('restored over the same client, mutation ids never go back: the next change takes a new id', async () => {
    const parsed = parseBackup(await snapshot());
    if (!parsed.ok) throw new Error(parsed.rejection.message);
    await applyLocalMutation(customer('cust-2', 'Bahia Payments Ltda'), now);
    await restoreBackup(parsed.value, { replacePending: true });
    expect(await readLastMutationId()).toBe(4);
    expect(await applyLocalMutation(customer('cust-3', 'Andes Retail SA'), now)).toMatchObject({
      mutationIds: [5],
    });
  });

  it.each([
    ['not JSON', 'PK\u0003\u0004 this is a zip', /not JSON/],
    ['another JSON file', JSON.stringify({ customers: [] }), /format/],
    ['a record that breaks its schema', null, /records\.customers\.0\.country/],
    ['a mutation id twice in the outbox', 'dup', /mutation 2 appears twice/],
  ])(
    'a bad file (%s) is refused with the fault named, and nothing is written',
    async (_what, text, message) => {
      const good = JSON.parse(await snapshot()) as Backup;
      let file = text;
      if (text === null) {
        const broken = structuredClone(good);
        (broken.records.customers[0] as { country: string }).country = 'Switzerland';
        file = JSON.stringify(broken);
      }
      if (text === 'dup') {
        const broken = structuredClone(good);
        broken.outbox.push({ ...(broken.outbox[1] as Backup['outbox'][number]) });
        file = JSON.stringify(broken);
      }
      const before = await snapshot();
      const parsed = parseBackup(file ?? '');
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.rejection.message).toMatch(message);
      expect(await snapshot()).toBe(before);
    },
  );

  it('the file is named by the moment it was exported', () => {
    expect(backupFileName('2026-04-01T08:05:00.000Z')).toBe('tam-console-backup-2026-04-01-08-05.json');
  });
});
