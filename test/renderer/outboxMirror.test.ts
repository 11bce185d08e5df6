// Survival: a console whose IndexedDB is wiped is rebuilt from the desktop app's outbox mirror
// (the real main-process file store) and re-pushes its pending mutations under the same client id
// to the real team server (PGlite, real HTTP): each change is applied exactly once.
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { teamServerForFile } from './support/teamServer';
import type { MutationRequest } from '../../src/core/mutations';
import { pullResponseSchema, pushResponseSchema } from '../../src/core/syncProtocol';
import { outboxMirrorStore } from '../../src/main/outboxMirror';
import { applyLocalMutation, applyLocalMutations } from '../../src/renderer/src/db/localMutations';
import { readMirrorSnapshot, restoreFromMirror } from '../../src/renderer/src/db/outboxMirror';
import { readCustomerBook } from '../../src/renderer/src/db/books';
import { db, resetConsoleDatabase } from '../../src/renderer/src/db/schema';
import { readSettings, saveSettings } from '../../src/renderer/src/db/settings';
import { SyncEngine } from '../../src/renderer/src/sync/syncEngine';
import { httpSyncTransport } from '../../src/renderer/src/sync/syncTransport';
import { aTeam, apiClient } from '../server/support/serverHarness';

const now = '2026-04-01T08:00:00.000Z';

const changes: MutationRequest[] = [
  {
    name: 'createCustomer',
    version: 1,
    args: {
      customer: {
        id: 'cust-1',
        name: 'Helvetia Payments AG',
        country: 'CH',
        region: 'SG',
        timeZone: 'Europe/Zurich',
        tamUserId: 'tam',
        channels: ['ticket'],
      },
    },
  },
  {
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
  },
  {
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
  },
];

let userData: string;

const shared = teamServerForFile(() => now);

beforeEach(async () => {
  await resetConsoleDatabase();
  userData = mkdtempSync(join(tmpdir(), 'tam-survival-'));
  return () => rmSync(userData, { recursive: true, force: true });
});

/** Pushes every pending outbox entry, as the sync client does, and returns the server's results. */
async function pushPending(token: string) {
  const clientId = (await db.meta.get('clientId'))?.value as string;
  const pending = await db.outbox.where('status').equals('pending').sortBy('mutationId');
  const answer = await apiClient(shared.server.url, token).post('/push', {
    clientId,
    mutations: pending.map((entry) => ({
      id: entry.mutationId,
      name: entry.name,
      version: entry.version,
      args: entry.args,
      clientTime: entry.clientTime,
    })),
  });
  expect(answer.status).toBe(200);
  return { clientId, ...pushResponseSchema.parse(answer.body) };
}

describe('a wiped IndexedDB rebuilt from the outbox mirror', () => {
  it('re-sends the pending changes under the same client id, and the team has each exactly once', async () => {
    const team = await aTeam(shared.database.db, { tam: 'tam' });
    const token = team.users['tam']?.token ?? '';
    await saveSettings({ userId: 'tam', userName: 'Ana Lima', role: 'tam', timeZone: 'Europe/Zurich' });
    expect(await applyLocalMutations(changes, now)).toMatchObject({ ok: true, mutationIds: [1, 2, 3] });

    // The renderer mirrors; main writes the file. Then the push goes out, but the answer is lost
    // (the laptop slept): the entries are still pending when IndexedDB is wiped.
    const store = outboxMirrorStore(join(userData, 'outbox-mirror.jsonl'));
    const snapshot = await readMirrorSnapshot();
    if (!snapshot) throw new Error('nothing to mirror');
    expect(store.save(snapshot).ok).toBe(true);
    const first = await pushPending(token);
    expect(first.results.map((result) => result.status)).toEqual(['applied', 'applied', 'applied']);
    await resetConsoleDatabase();

    const read = store.load();
    if (!read.ok) throw new Error(read.error.message);
    expect(await restoreFromMirror(read.value)).toEqual({
      restored: true,
      clientId: first.clientId,
      pending: 3,
    });
    expect((await readSettings())?.userName).toBe('Ana Lima');

    const again = await pushPending(token);
    expect(again.clientId).toBe(first.clientId);
    expect(again.lastMutationId).toBe(3);
    expect(again.results.map((result) => [result.mutationId, result.status])).toEqual([
      [1, 'applied'],
      [2, 'applied'],
      [3, 'applied'],
    ]);

    // The next change takes id 4: no gap, no clash, and 1–3 are still not applied twice.
    const next = await applyLocalMutation(
      {
        name: 'createCustomer',
        version: 1,
        args: {
          customer: {
            id: 'cust-2',
            name: 'Bahia Payments Ltda',
            country: 'BR',
            region: 'SP',
            timeZone: 'America/Sao_Paulo',
            tamUserId: 'tam',
            channels: ['ticket'],
          },
        },
      },
      now,
    );
    expect(next).toMatchObject({ ok: true, mutationIds: [4] });
    const third = await pushPending(token);
    expect(third.results.map((result) => [result.mutationId, result.status])).toEqual([
      [1, 'applied'],
      [2, 'applied'],
      [3, 'applied'],
      [4, 'applied'],
    ]);
    const pull = pullResponseSchema.parse(
      (await apiClient(shared.server.url, token).post('/pull', { clientId: first.clientId, cursor: 0 })).body,
    );
    const rows = pull.changes.filter((change) => change.customerId === 'cust-1');
    expect(rows.map((row) => row.table).sort()).toEqual(['contracts', 'customers', 'goLiveBookings']);
    expect(pull.results.map((result) => result.mutationId)).toEqual([1, 2, 3, 4]);
    expect(pull.changes.filter((change) => change.table === 'customers')).toHaveLength(2);
  });

  it('with the real sync engine: a push whose answer was lost, a wipe, a rebuild, and the team holds each change once', async () => {
    const team = await aTeam(shared.database.db, { tam: 'tam' });
    const connection = { serverUrl: shared.server.url, token: team.users['tam']?.token ?? '' };
    await saveSettings({ userId: 'tam', userName: 'Ana Lima', role: 'tam', timeZone: 'Europe/Zurich' });
    expect(await applyLocalMutations(changes, now)).toMatchObject({ ok: true, mutationIds: [1, 2, 3] });
    const store = outboxMirrorStore(join(userData, 'outbox-mirror.jsonl'));
    const snapshot = await readMirrorSnapshot();
    if (!snapshot) throw new Error('nothing to mirror');
    expect(store.save(snapshot).ok).toBe(true);

    // The server applies the push, but its answer never arrives (the laptop slept).
    let answersLost = 0;
    const losing = new SyncEngine({
      connection: async () => connection,
      clock: () => now,
      transport: (to) =>
        httpSyncTransport(to, async (input, init) => {
          const response = await fetch(input, init);
          if (!String(input).endsWith('/push')) return response;
          answersLost += 1;
          throw new TypeError('network connection lost');
        }),
    });
    expect(await losing.syncOnce()).toMatchObject({ ok: false, failure: { kind: 'offline' } });
    expect(answersLost).toBe(1);
    expect(await db.outbox.where('status').equals('pending').count()).toBe(3);

    await resetConsoleDatabase();
    const read = store.load();
    if (!read.ok) throw new Error(read.error.message);
    expect(await restoreFromMirror(read.value)).toMatchObject({ restored: true, pending: 3 });

    const engine = new SyncEngine({ connection: async () => connection, clock: () => now });
    expect(await engine.syncOnce()).toMatchObject({ ok: true, pushed: 3, rejected: 0 });
    expect(
      (await db.outbox.orderBy('mutationId').toArray()).map((entry) => [entry.mutationId, entry.status]),
    ).toEqual([
      [1, 'applied'],
      [2, 'applied'],
      [3, 'applied'],
    ]);
    // The book returns with the pull.
    const book = await readCustomerBook('cust-1');
    expect(book?.contract?.id).toBe('contract-1');
    expect(book?.goLiveBookings.map((booking) => booking.id)).toEqual(['golive-1']);

    const next = await applyLocalMutation(
      { name: 'updateCustomer', version: 1, args: { id: 'cust-1', patch: { notes: 'After the rebuild.' } } },
      now,
    );
    expect(next).toMatchObject({ ok: true, mutationIds: [4] });
    expect(await engine.syncOnce()).toMatchObject({ ok: true, pushed: 1, rejected: 0 });

    const count = async (sql: string) =>
      Number((await shared.database.db.query<{ n: unknown }>(sql, [team.id]))[0]?.n);
    expect(await count('SELECT count(*) AS n FROM clients WHERE team_id = $1')).toBe(1);
    expect(await count('SELECT count(*) AS n FROM audit_log WHERE team_id = $1')).toBe(4);
    expect(
      await count(
        'SELECT count(*) AS n FROM (SELECT 1 FROM audit_log WHERE team_id = $1 GROUP BY client_id, mutation_id HAVING count(*) > 1) AS twice',
      ),
    ).toBe(0);
    expect(await count('SELECT count(*) AS n FROM mutation_results WHERE team_id = $1')).toBe(4);
    expect(
      await count(`SELECT count(*) AS n FROM records WHERE team_id = $1 AND table_name = 'goLiveBookings'`),
    ).toBe(1);
  });

  it('a console that still has its data is never overwritten by the mirror', async () => {
    await saveSettings({ userId: 'tam', userName: 'Ana Lima', role: 'tam', timeZone: 'Europe/Zurich' });
    await applyLocalMutations(changes.slice(0, 1), now);
    const snapshot = await readMirrorSnapshot();
    await applyLocalMutations(changes.slice(1, 2), now);
    expect(await restoreFromMirror(snapshot)).toEqual({ restored: false, reason: 'not-empty' });
    expect(await db.outbox.count()).toBe(2);
  });

  it('with no mirror (the browser build, or a first start) nothing is restored', async () => {
    expect(await restoreFromMirror(null)).toEqual({ restored: false, reason: 'no-mirror' });
    expect(await db.meta.count()).toBe(0);
  });
});
