// The one write path: a core mutation on the book in Dexie, its records and its outbox entry in one
// transaction; a refusal writes nothing. Real Dexie under fake-indexeddb.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MutationRequest } from '../../src/core/mutations';
import { applyLocalMutation, applyLocalMutations } from '../../src/renderer/src/db/localMutations';
import { readCustomerBook } from '../../src/renderer/src/db/books';
import { db, resetConsoleDatabase } from '../../src/renderer/src/db/schema';
import { saveSettings } from '../../src/renderer/src/db/settings';

const now = '2026-04-01T08:00:00.000Z';

const createCustomer: MutationRequest = {
  name: 'createCustomer',
  version: 1,
  args: {
    customer: {
      id: 'cust-1',
      name: 'Bahia Payments Ltda',
      country: 'BR',
      region: 'SP',
      timeZone: 'America/Sao_Paulo',
      tamUserId: 'tam-01',
      channels: ['ticket'],
    },
  },
};

const createContract: MutationRequest = {
  name: 'createContract',
  version: 1,
  args: {
    contract: {
      id: 'contract-1',
      customerId: 'cust-1',
      planId: 'edge-mission-critical',
      startDate: '2026-04-01',
      termMonths: 12,
    },
  },
};

function goLive(id: string, date: string, time: string): MutationRequest {
  return {
    name: 'requestGoLive',
    version: 1,
    args: { id, customerId: 'cust-1', title: 'Black Friday', date, time, durationMinutes: 240 },
  };
}

beforeEach(async () => {
  await resetConsoleDatabase();
  await saveSettings({ userId: 'tam-01', userName: 'Ana Lima', role: 'tam', timeZone: 'Europe/Zurich' });
});

describe('applying a change locally', () => {
  it('writes the records and queues each mutation with the next mutation id, in order', async () => {
    const result = await applyLocalMutations([createCustomer, createContract], now);
    expect(result).toMatchObject({ ok: true, mutationIds: [1, 2] });
    const book = await readCustomerBook('cust-1');
    expect(book?.contract?.planId).toBe('edge-mission-critical');
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map((entry) => [entry.mutationId, entry.name, entry.status])).toEqual([
      [1, 'createCustomer', 'pending'],
      [2, 'createContract', 'pending'],
    ]);
    expect(outbox[0]?.clientTime).toBe(now);
    expect(outbox[1]?.args).toEqual(createContract.args);
  });

  it('carries on the mutation ids across separate changes', async () => {
    await applyLocalMutations([createCustomer, createContract], now);
    const booked = await applyLocalMutation(goLive('gl-1', '2026-04-05', '10:00'), now);
    expect(booked).toMatchObject({ ok: true, mutationIds: [3] });
    expect((await readCustomerBook('cust-1'))?.goLiveBookings.map((b) => b.id)).toEqual(['gl-1']);
  });

  it('a Go Live 60 h ahead is refused with the numbers, and nothing is written or queued', async () => {
    await applyLocalMutations([createCustomer, createContract], now);
    // 08:00 UTC is 05:00 in São Paulo; 60 h later is 17:00 local two days on.
    const refused = await applyLocalMutation(goLive('gl-1', '2026-04-03', '17:00'), now);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.rejection.code).toBe('go-live-notice');
    expect(refused.rejection.message).toBe('Go Live needs 72 h notice; this gives 60 h.');
    expect(refused.rejection.field).toBe('date');
    expect(await db.goLiveBookings.count()).toBe(0);
    expect(await db.outbox.count()).toBe(2);
  });

  it('a batch whose second change is refused saves neither', async () => {
    const shortTerm = {
      ...createContract,
      args: { contract: { ...(createContract.args as { contract: object }).contract, termMonths: 6 } },
    };
    const result = await applyLocalMutations([createCustomer, shortTerm], now);
    expect(result).toMatchObject({ ok: false, index: 1, rejection: { field: 'contract.termMonths' } });
    expect(await db.customers.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it("bumps the customer's revision with every write, so the books in memory reload it", async () => {
    await applyLocalMutations([createCustomer, createContract], now);
    const before = (await db.customerRevisions.get('cust-1'))?.revision ?? 0;
    await applyLocalMutation(goLive('gl-1', '2026-04-05', '10:00'), now);
    const after = (await db.customerRevisions.get('cust-1'))?.revision ?? 0;
    expect(after).toBeGreaterThan(before);
    // Stamped with the team revision of the write: the books find it by "changed since".
    expect(await db.meta.get('teamRevision')).toEqual({ key: 'teamRevision', value: after });
  });

  it('refuses to write before I have said who I am', async () => {
    await db.meta.delete('settings');
    const result = await applyLocalMutation(createCustomer, now);
    expect(result).toMatchObject({ ok: false, rejection: { code: 'no-identity' } });
    expect(await db.customers.count()).toBe(0);
  });
});
