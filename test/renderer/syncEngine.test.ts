// The sync engine against a real team server (Fastify on PGlite, real HTTP): two consoles, each
// with its own Dexie database under fake-indexeddb, push, pull, rebase and the server's verdicts.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { teamServerForFile } from './support/teamServer';
import type { MutationRequest } from '../../src/core/mutations';
import { applyLocalMutation, applyLocalMutations } from '../../src/renderer/src/db/localMutations';
import { readCustomerBook } from '../../src/renderer/src/db/books';
import { dismissMergeNotice, readMergeNotices } from '../../src/renderer/src/db/mergeNotices';
import { readProvisionalBookingIds } from '../../src/renderer/src/db/shadows';
import { db, switchConsoleDatabase } from '../../src/renderer/src/db/schema';
import { saveSettings } from '../../src/renderer/src/db/settings';
import { backoffDelay, SyncEngine } from '../../src/renderer/src/sync/syncEngine';
import { httpSyncTransport } from '../../src/renderer/src/sync/syncTransport';
import type { SyncState } from '../../src/renderer/src/sync/syncStore';
import { createToken, revokeToken } from '../../src/server/teamAdmin';
import { aCustomer, aContract } from '../support/fixtures';
import { aTeam, startServer, type TestTeam } from '../server/support/serverHarness';

const now = '2026-04-01T08:00:00.000Z';

let team: TestTeam;
let run = 0;
/** The server's clock; tests move it forward. */
let serverNow = now;

const shared = teamServerForFile(() => serverNow);

beforeEach(async () => {
  team = await aTeam(shared.database.db, { ana: 'tam', ben: 'tam' });
  run += 1;
  serverNow = now;
});

type TestConsole = {
  name: string;
  engine: SyncEngine;
  statuses: Partial<SyncState>[];
  /** Runs `task` with this console's database as the console's `db`. */
  as<T>(task: () => Promise<T>): Promise<T>;
};

async function aConsoleFor(user: 'ana' | 'ben', options: { pullLimit?: number; pushLimit?: number } = {}) {
  const name = `sync-${user}-${run}`;
  switchConsoleDatabase(name);
  await db.delete();
  await db.open();
  await saveSettings({ userId: user, userName: user, role: 'tam', timeZone: 'Europe/Zurich' });
  const statuses: Partial<SyncState>[] = [];
  const token = team.users[user]?.token ?? '';
  const engine = new SyncEngine({
    connection: async () => ({ serverUrl: shared.server.url, token }),
    clock: () => now,
    status: (patch) => statuses.push(patch),
    ...options,
  });
  const console: TestConsole = {
    name,
    engine,
    statuses,
    as: async (task) => {
      switchConsoleDatabase(name);
      return task();
    },
  };
  return console;
}

const customer = (id: string, name = `Customer ${id}`): MutationRequest => ({
  name: 'createCustomer',
  version: 1,
  args: { customer: aCustomer({ id, name }) },
});

const contract = (customerId: string, goLiveEvents?: number): MutationRequest => ({
  name: 'createContract',
  version: 1,
  args: {
    contract: aContract({
      id: `contract-${customerId}`,
      customerId,
      ...(goLiveEvents === undefined ? {} : { overrides: { included: { goLiveEvents } } }),
    }),
  },
});

const goLive = (customerId: string, id: string, date: string): MutationRequest => ({
  name: 'requestGoLive',
  version: 1,
  args: { id, customerId, title: `Launch ${id}`, date, time: '10:00', durationMinutes: 60 },
});

const rename = (id: string, name: string): MutationRequest => ({
  name: 'updateCustomer',
  version: 1,
  args: { id, patch: { name } },
});

async function outbox() {
  return db.outbox.orderBy('mutationId').toArray();
}

async function serverCustomerNames(token: string): Promise<string[]> {
  const response = await fetch(`${shared.server.url}/pull`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: `probe-${run}`, cursor: 0, limit: 10_000 }),
  });
  const body = (await response.json()) as { changes: { table: string; record: { name: string } }[] };
  return body.changes.filter((change) => change.table === 'customers').map((change) => change.record.name);
}

describe('push', () => {
  it('sends what was changed offline once, in mutation-id order, and marks it applied', async () => {
    const ana = await aConsoleFor('ana');
    await ana.as(async () => {
      await applyLocalMutations([customer('c1', 'Alpha AG'), contract('c1'), customer('c2', 'Beta AG')], now);
      const first = await ana.engine.syncOnce();
      expect(first).toMatchObject({ ok: true, pushed: 3, rejected: 0 });
      expect((await outbox()).map((entry) => [entry.mutationId, entry.status])).toEqual([
        [1, 'applied'],
        [2, 'applied'],
        [3, 'applied'],
      ]);
      const second = await ana.engine.syncOnce();
      expect(second).toMatchObject({ ok: true, pushed: 0 });
    });
    expect((await serverCustomerNames(team.users.ana?.token ?? '')).sort()).toEqual(['Alpha AG', 'Beta AG']);
  });

  it('pushes more than one batch in order: 1,203 changes in batches of 500 all arrive once', async () => {
    const ana = await aConsoleFor('ana');
    await ana.as(async () => {
      await applyLocalMutation(customer('c1', 'Alpha AG'), now);
      for (let batch = 0; batch < 6; batch += 1) {
        await applyLocalMutations(
          Array.from({ length: 200 + (batch === 0 ? 2 : 0) }, (_, index) =>
            rename('c1', `Alpha ${batch}-${index}`),
          ),
          now,
        );
      }
      const outcome = await ana.engine.syncOnce();
      expect(outcome).toMatchObject({ ok: true, pushed: 1203, rejected: 0 });
      expect(await db.outbox.where('status').equals('applied').count()).toBe(1203);
      expect((await readCustomerBook('c1'))?.customer.name).toBe('Alpha 5-199');
    });
    const [state] = await shared.database.db.query<{ last_mutation_id: unknown }>(
      `SELECT last_mutation_id FROM clients WHERE team_id = $1`,
      [team.id],
    );
    expect(Number(state?.last_mutation_id)).toBe(1203);
    const [audit] = await shared.database.db.query<{ count: unknown }>(
      `SELECT count(*) AS count FROM audit_log WHERE team_id = $1 AND status = 'applied'`,
      [team.id],
    );
    expect(Number(audit?.count)).toBe(1203);
  });

  it('batches sent back to back keep every verdict: a change refused in the middle batch is rejected, the rest applied, in order', async () => {
    const ana = await aConsoleFor('ana', { pushLimit: 3 });
    await ana.as(async () => {
      await applyLocalMutation(customer('c1', 'Alpha AG'), now);
      // Queued as a console offline for a while holds them; change 5 renames a customer nobody has.
      await db.outbox.bulkAdd(
        Array.from({ length: 7 }, (_, index) => {
          const mutationId = index + 2;
          const target = mutationId === 5 ? 'ghost' : 'c1';
          return {
            mutationId,
            ...rename(target, `Alpha ${mutationId}`),
            clientTime: now,
            customerId: target,
            summary: `rename ${mutationId}`,
            status: 'pending' as const,
            rejection: null,
          };
        }),
      );
      await db.meta.put({ key: 'lastMutationId', value: 8 });
      const outcome = await ana.engine.syncOnce();
      expect(outcome).toMatchObject({ ok: true, pushed: 8, rejected: 1 });
      expect((await outbox()).map((entry) => [entry.mutationId, entry.status])).toEqual([
        [1, 'applied'],
        [2, 'applied'],
        [3, 'applied'],
        [4, 'applied'],
        [5, 'rejected'],
        [6, 'applied'],
        [7, 'applied'],
        [8, 'applied'],
      ]);
      expect((await readCustomerBook('c1'))?.customer.name).toBe('Alpha 8');
    });
    expect(await serverCustomerNames(team.users.ana?.token ?? '')).toEqual(['Alpha 8']);
  });

  it('an unknown mutation version stops pushing and says to update the console; pulling goes on', async () => {
    const ana = await aConsoleFor('ana');
    await ana.as(async () => {
      await applyLocalMutation(customer('c1'), now);
      await db.outbox.add({
        mutationId: 2,
        name: 'createCustomer',
        version: 99,
        args: {},
        clientTime: now,
        customerId: 'c9',
        summary: 'from a newer console',
        status: 'pending',
        rejection: null,
      });
      await db.meta.put({ key: 'lastMutationId', value: 2 });
      const outcome = await ana.engine.syncOnce();
      expect(outcome.ok).toBe(true);
      expect(ana.engine.pushBlocked).toMatch(/^Update the console: .*version 99 of createCustomer/);
      expect((await outbox()).map((entry) => entry.status)).toEqual(['pending', 'pending']);
      expect(ana.statuses.some((status) => status.lastSyncAt === now)).toBe(true);
    });
  });

  it('a gap the console cannot fill stops pushing with the id the server expects', async () => {
    const ana = await aConsoleFor('ana');
    await ana.as(async () => {
      await applyLocalMutation(customer('c1'), now);
      await ana.engine.syncOnce();
      // Change 2 was lost locally (a wiped database rebuilt without it); change 3 waits.
      await db.meta.put({ key: 'lastMutationId', value: 2 });
      await applyLocalMutation(customer('c3'), now);
      const outcome = await ana.engine.syncOnce();
      expect(outcome.ok).toBe(true);
      expect(ana.engine.pushBlocked).toMatch(/expects change 2 from this console/);
      expect((await outbox()).map((entry) => [entry.mutationId, entry.status])).toEqual([
        [1, 'applied'],
        [3, 'pending'],
      ]);
    });
  });
});

describe('quick push of a local change', () => {
  /** A console whose engine counts how often it read the server and token. */
  async function countingConsole(token: () => string) {
    const ana = await aConsoleFor('ana');
    let reads = 0;
    const engine = new SyncEngine({
      connection: async () => {
        reads += 1;
        return { serverUrl: shared.server.url, token: token() };
      },
      clock: () => now,
    });
    return { ana, engine, reads: () => reads };
  }

  it("a change that is the whole queue goes out with the last good cycle's server and token, without reading them again", async () => {
    const token = team.users.ana?.token ?? '';
    const { ana, engine, reads } = await countingConsole(() => token);
    await ana.as(async () => {
      expect(await engine.syncOnce()).toMatchObject({ ok: true, pushed: 0 });
      expect(reads()).toBe(1);
      const saved = await applyLocalMutation(customer('c1', 'Alpha AG'), now);
      if (!saved.ok) throw new Error(saved.rejection.message);
      expect(await engine.syncOnce(saved.queued)).toMatchObject({ ok: true, pushed: 1, rejected: 0 });
      expect(reads()).toBe(1);
      expect((await outbox()).map((entry) => [entry.mutationId, entry.status])).toEqual([[1, 'applied']]);
    });
    expect(await serverCustomerNames(token)).toEqual(['Alpha AG']);
  });

  it('a change behind an older pending one waits its turn: both go out in id order through a plain cycle', async () => {
    const token = team.users.ana?.token ?? '';
    const { ana, engine, reads } = await countingConsole(() => token);
    await ana.as(async () => {
      await engine.syncOnce();
      // Change 1 was queued while this engine was not told (another tab, before a reload).
      await applyLocalMutation(customer('c1', 'Alpha AG'), now);
      const saved = await applyLocalMutation(customer('c2', 'Beta AG'), now);
      if (!saved.ok) throw new Error(saved.rejection.message);
      expect(await engine.syncOnce(saved.queued)).toMatchObject({ ok: true, pushed: 2 });
      expect(reads()).toBe(2);
      expect((await outbox()).map((entry) => [entry.mutationId, entry.status])).toEqual([
        [1, 'applied'],
        [2, 'applied'],
      ]);
    });
    expect((await serverCustomerNames(token)).sort()).toEqual(['Alpha AG', 'Beta AG']);
  });

  it('a quick push the server refuses (the token was replaced) reads the new token and pushes again, once', async () => {
    const old = await createToken(shared.database.db, team.id, 'ana');
    let token = old.token;
    const { ana, engine, reads } = await countingConsole(() => token);
    await ana.as(async () => {
      await engine.syncOnce();
      await revokeToken(shared.database.db, old.tokenId, now);
      token = team.users.ana?.token ?? '';
      const saved = await applyLocalMutation(customer('c1', 'Alpha AG'), now);
      if (!saved.ok) throw new Error(saved.rejection.message);
      expect(await engine.syncOnce(saved.queued)).toMatchObject({ ok: true, pushed: 1 });
      expect(reads()).toBe(2);
      expect((await outbox()).map((entry) => [entry.mutationId, entry.status])).toEqual([[1, 'applied']]);
    });
    expect(await serverCustomerNames(token)).toEqual(['Alpha AG']);
  });
});

describe('pull and rebase', () => {
  it("the other console's first sync arrives in chunks with a progress figure", async () => {
    const ana = await aConsoleFor('ana');
    await ana.as(async () => {
      await applyLocalMutations(
        Array.from({ length: 7 }, (_, index) => customer(`c${index}`, `Customer ${index}`)),
        now,
      );
      await ana.engine.syncOnce();
    });
    const ben = await aConsoleFor('ben', { pullLimit: 3 });
    await ben.as(async () => {
      const outcome = await ben.engine.syncOnce();
      expect(outcome).toMatchObject({ ok: true, pulled: 7 });
      expect(await db.customers.count()).toBe(7);
      // One revision bump at the end of the first sync, not one per page.
      expect((await db.customerRevisions.toArray()).map((entry) => entry.revision)).toEqual(Array(7).fill(1));
      const progress = ben.statuses.flatMap((status) => (status.firstSync ? [status.firstSync] : []));
      expect(progress).toEqual([
        { done: 3, total: 7 },
        { done: 6, total: 7 },
      ]);
      expect(ben.statuses.at(-1)).toMatchObject({ syncing: false });
      expect(ben.statuses.some((status) => 'firstSync' in status && status.firstSync === null)).toBe(true);
    });
  });

  it('an engine stopped during its first sync writes no further page; the engine after it pulls everything once', async () => {
    const ana = await aConsoleFor('ana');
    await ana.as(async () => {
      await applyLocalMutations(
        Array.from({ length: 7 }, (_, index) => customer(`c${index}`, `Customer ${index}`)),
        now,
      );
      await ana.engine.syncOnce();
    });
    const ben = await aConsoleFor('ben', { pullLimit: 3 });
    const token = team.users.ben?.token ?? '';
    let pulls = 0;
    const stopping: SyncEngine = new SyncEngine({
      connection: async () => ({ serverUrl: shared.server.url, token }),
      clock: () => now,
      pullLimit: 3,
      transport: (connection) => {
        const http = httpSyncTransport(connection);
        return {
          ...http,
          pull: async (request) => {
            pulls += 1;
            const answer = await http.pull(request);
            // Settings replaced the runtime while the second page was on the wire.
            if (pulls === 2) stopping.stop();
            return answer;
          },
        };
      },
    });
    await ben.as(async () => {
      expect(await stopping.syncOnce()).toMatchObject({ ok: false, failure: { kind: 'stopped' } });
      expect(await db.customers.count()).toBe(3);
      expect(await stopping.syncOnce()).toMatchObject({ ok: false, failure: { kind: 'stopped' } });
      expect(await ben.engine.syncOnce()).toMatchObject({ ok: true, pulled: 4 });
      expect(await db.customers.count()).toBe(7);
    });
  });

  it('both book the last Go Live unit offline: the first to sync keeps it, the other is rejected with the rule, kept in the outbox and gone from the view', async () => {
    const ana = await aConsoleFor('ana');
    await ana.as(async () => {
      await applyLocalMutations([customer('c1', 'Alpha AG'), contract('c1', 1)], now);
      await ana.engine.syncOnce();
    });
    const ben = await aConsoleFor('ben');
    await ben.as(() => ben.engine.syncOnce());
    await ana.as(() => applyLocalMutation(goLive('c1', 'gl-ana', '2026-04-10'), now));
    await ben.as(async () => {
      await applyLocalMutation(goLive('c1', 'gl-ben', '2026-04-11'), now);
      expect(await readProvisionalBookingIds()).toEqual(new Set(['gl-ben']));
    });
    await ana.as(async () => {
      expect(await ana.engine.syncOnce()).toMatchObject({ ok: true, rejected: 0 });
      expect(await readProvisionalBookingIds()).toEqual(new Set());
    });
    await ben.as(async () => {
      expect(await ben.engine.syncOnce()).toMatchObject({ ok: true, rejected: 1 });
      const [entry] = await outbox();
      expect(entry).toMatchObject({ status: 'rejected', name: 'requestGoLive' });
      expect(entry?.rejection?.code).toBe('allowance-exhausted');
      expect(entry?.rejection?.message).toMatch(/1/);
      const book = await readCustomerBook('c1');
      expect(book?.goLiveBookings.map((booking) => booking.id)).toEqual(['gl-ana']);
      expect(await readProvisionalBookingIds()).toEqual(new Set());
      expect(await db.shadows.count()).toBe(0);
    });
  });

  it("a pending change stays on top of the team's newer rows; one the rules now refuse stays pending, at risk", async () => {
    const ana = await aConsoleFor('ana');
    await ana.as(async () => {
      await applyLocalMutations([customer('c1', 'Alpha AG'), contract('c1', 1)], now);
      await ana.engine.syncOnce();
    });
    const ben = await aConsoleFor('ben');
    await ben.as(() => ben.engine.syncOnce());
    // Ben, offline, books the last unit and adds a contact; meanwhile Ana books it and syncs.
    await ben.as(() =>
      applyLocalMutations(
        [
          goLive('c1', 'gl-ben', '2026-04-11'),
          {
            name: 'createContact',
            version: 1,
            args: {
              contact: {
                id: 'ct-1',
                customerId: 'c1',
                name: 'Carla Ops',
                role: 'it-operations',
                email: 'carla@example.com',
                phones: [],
              },
            },
          },
        ],
        now,
      ),
    );
    await ana.as(async () => {
      await applyLocalMutation(goLive('c1', 'gl-ana', '2026-04-10'), now);
      await ana.engine.syncOnce();
    });
    // Ben pulls without pushing: his booking no longer fits locally but stays pending.
    await ben.as(async () => {
      const { applyPulledPage } = await import('../../src/renderer/src/db/serverChanges');
      const { rebasePending } = await import('../../src/renderer/src/db/rebase');
      const { httpSyncTransport } = await import('../../src/renderer/src/sync/syncTransport');
      const transport = httpSyncTransport({
        serverUrl: shared.server.url,
        token: team.users.ben?.token ?? '',
      });
      const clientId = (await db.meta.get('clientId'))?.value as string;
      const page = await transport.pull({
        clientId,
        cursor: (await db.meta.get('syncCursor'))?.value as number,
      });
      if (!page.ok) throw new Error(page.failure.message);
      await applyPulledPage(page.value);
      const rebased = await rebasePending(now);
      expect(rebased).toMatchObject({ replayed: 2, atRisk: 1 });
      const book = await readCustomerBook('c1');
      expect(book?.goLiveBookings.map((booking) => booking.id)).toEqual(['gl-ana']);
      expect(book?.contacts.map((contact) => contact.name)).toEqual(['Carla Ops']);
      const [booking, contact] = await outbox();
      expect(booking).toMatchObject({ status: 'pending', atRisk: { code: 'allowance-exhausted' } });
      expect(contact).toMatchObject({ status: 'pending' });
      expect(contact?.atRisk ?? null).toBeNull();
    });
  });

  it('plain edits merge per field: the later client time wins, and the loser is told who changed it', async () => {
    const ana = await aConsoleFor('ana');
    await ana.as(async () => {
      await applyLocalMutation(customer('c1', 'Alpha AG'), now);
      await ana.engine.syncOnce();
    });
    const ben = await aConsoleFor('ben');
    await ben.as(() => ben.engine.syncOnce());
    // Both edit offline; Ben's edit is the later one but reaches the server first.
    await ana.as(() =>
      applyLocalMutation(
        {
          name: 'updateCustomer',
          version: 1,
          args: { id: 'c1', patch: { name: 'Alpha Group', notes: 'VIP' } },
        },
        '2026-04-01T09:00:00.000Z',
      ),
    );
    await ben.as(async () => {
      await applyLocalMutation(rename('c1', 'Alpha Holding'), '2026-04-01T09:30:00.000Z');
      await ben.engine.syncOnce();
    });
    await ana.as(async () => {
      const outcome = await ana.engine.syncOnce();
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      const customerNow = (await readCustomerBook('c1'))?.customer;
      expect(customerNow?.name).toBe('Alpha Holding');
      expect(customerNow?.notes).toBe('VIP');
      expect(outcome.notices).toEqual([
        expect.objectContaining({
          field: 'name',
          yourValue: 'Alpha Group',
          keptValue: 'Alpha Holding',
          by: 'ben',
          at: '2026-04-01T09:30:00.000Z',
        }),
      ]);
      // Kept until closed.
      expect((await readMergeNotices()).map((notice) => notice.field)).toEqual(['name']);
    });
  });

  it('the losing edit reaches the team first: its TAM is told when the later one arrives, but not of an edit made after theirs was confirmed', async () => {
    const ana = await aConsoleFor('ana');
    await ana.as(async () => {
      await applyLocalMutation(customer('c1', 'Alpha AG'), now);
      await ana.engine.syncOnce();
    });
    const ben = await aConsoleFor('ben');
    await ben.as(() => ben.engine.syncOnce());
    // Both edit offline, Ana first; Ana's edit reaches the team first and is confirmed.
    await ana.as(async () => {
      await applyLocalMutation(
        {
          name: 'updateCustomer',
          version: 1,
          args: { id: 'c1', patch: { name: 'Alpha Group', notes: 'VIP' } },
        },
        '2026-04-01T09:00:00.000Z',
      );
      await ana.engine.syncOnce();
      expect(await readMergeNotices()).toEqual([]);
    });
    await ben.as(async () => {
      await applyLocalMutation(rename('c1', 'Alpha Holding'), '2026-04-01T09:30:00.000Z');
      await ben.engine.syncOnce();
    });
    await ana.as(async () => {
      await ana.engine.syncOnce();
      const customerNow = (await readCustomerBook('c1'))?.customer;
      expect(customerNow?.name).toBe('Alpha Holding');
      expect(customerNow?.notes).toBe('VIP');
      expect(await readMergeNotices()).toEqual([
        expect.objectContaining({
          subject: { kind: 'customer', name: 'Alpha Holding', customer: null },
          field: 'name',
          yourValue: 'Alpha Group',
          keptValue: 'Alpha Holding',
          by: 'ben',
          at: '2026-04-01T09:30:00.000Z',
        }),
      ]);
      const [notice] = await readMergeNotices();
      if (notice) await dismissMergeNotice(notice);
      expect(await readMergeNotices()).toEqual([]);
    });
    // Ben renames it again after Ana's edit was confirmed (he could have seen it): no conflict.
    await ben.as(async () => {
      await applyLocalMutation(rename('c1', 'Alpha Holding SA'), new Date(Date.now() + 60_000).toISOString());
      await ben.engine.syncOnce();
    });
    await ana.as(async () => {
      await ana.engine.syncOnce();
      expect((await readCustomerBook('c1'))?.customer.name).toBe('Alpha Holding SA');
      expect(await readMergeNotices()).toEqual([]);
    });
  });
});

describe('reservations (escrow)', () => {
  it('a booking that spends my reservation is confirmed offline and accepted later, though the notice has run short by then', async () => {
    const ana = await aConsoleFor('ana');
    await ana.as(async () => {
      await applyLocalMutations(
        [
          customer('c1', 'Alpha AG'),
          contract('c1', 2),
          {
            name: 'reserveAllowance',
            version: 1,
            args: { id: 'res-1', customerId: 'c1', quantity: 1, validForDays: 14 },
          },
        ],
        now,
      );
      expect(await ana.engine.syncOnce()).toMatchObject({ ok: true, rejected: 0 });
      // Offline from here: 80 h before the window (18:00 in Zurich on 4 April is 16:00 UTC).
      const booked = await applyLocalMutation(
        {
          name: 'requestGoLive',
          version: 1,
          args: {
            id: 'gl-ana',
            customerId: 'c1',
            title: 'Launch on my reservation',
            date: '2026-04-04',
            time: '18:00',
            durationMinutes: 60,
            reservationId: 'res-1',
          },
        },
        now,
      );
      expect(booked.ok).toBe(true);
      expect(await readProvisionalBookingIds()).toEqual(new Set());
    });
    // Ben takes the unit nobody reserved.
    const ben = await aConsoleFor('ben');
    await ben.as(async () => {
      await ben.engine.syncOnce();
      await applyLocalMutation(goLive('c1', 'gl-ben', '2026-04-12'), now);
      expect(await ben.engine.syncOnce()).toMatchObject({ ok: true, rejected: 0 });
    });
    // Ana comes back a day later: only 56 h remain on the server's clock.
    serverNow = '2026-04-02T08:00:00.000Z';
    await ana.as(async () => {
      expect(await ana.engine.syncOnce()).toMatchObject({ ok: true, rejected: 0 });
      expect((await outbox()).map((entry) => entry.status)).toEqual([
        'applied',
        'applied',
        'applied',
        'applied',
      ]);
      const book = await readCustomerBook('c1');
      expect(book?.goLiveBookings.map((booking) => booking.id).sort()).toEqual(['gl-ana', 'gl-ben']);
    });
  });

  it('the same booking without a reservation is refused on the server clock', async () => {
    const ana = await aConsoleFor('ana');
    await ana.as(async () => {
      await applyLocalMutations([customer('c1', 'Alpha AG'), contract('c1', 2)], now);
      await ana.engine.syncOnce();
      await applyLocalMutation(
        {
          name: 'requestGoLive',
          version: 1,
          args: {
            id: 'gl-ana',
            customerId: 'c1',
            title: 'Launch',
            date: '2026-04-04',
            time: '18:00',
            durationMinutes: 60,
          },
        },
        now,
      );
      expect(await readProvisionalBookingIds()).toEqual(new Set(['gl-ana']));
      serverNow = '2026-04-02T08:00:00.000Z';
      expect(await ana.engine.syncOnce()).toMatchObject({ ok: true, rejected: 1 });
      const [, , entry] = await outbox();
      expect(entry?.rejection?.code).toBe('go-live-notice');
    });
  });
});

describe('backoff', () => {
  it('waits between half and all of a doubling ceiling, capped at a minute, never before Retry-After', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 0.999_999, noNaN: true }),
        fc.option(fc.integer({ min: 0, max: 120_000 }), { nil: null }),
        (attempt, random, retryAfter) => {
          const ceiling = Math.min(60_000, 1000 * 2 ** (attempt - 1));
          const delay = backoffDelay(attempt, () => random, retryAfter);
          expect(delay).toBeGreaterThanOrEqual(Math.max(ceiling / 2, retryAfter ?? 0));
          expect(delay).toBeLessThanOrEqual(Math.max(ceiling, retryAfter ?? 0));
        },
      ),
    );
  });

  it('a rate-limited push is a transient failure with the wait the server asked for; nothing is lost', async () => {
    const limited = await startServer(shared.database.db, {
      clock: () => now,
      // Three requests: the engine first asks whose token it is (/me) and the team's names (/team),
      // the third pushes.
      rateLimit: { burst: 3, perSecond: 0.01 },
    });
    try {
      const ana = await aConsoleFor('ana');
      const engine = new SyncEngine({
        connection: async () => ({ serverUrl: limited.url, token: team.users.ana?.token ?? '' }),
        clock: () => now,
      });
      await ana.as(async () => {
        await applyLocalMutations([customer('c1'), customer('c2')], now);
        const first = await engine.syncOnce();
        // The push used the last request the limit allows; the pull is refused.
        expect(first).toMatchObject({ ok: false, failure: { kind: 'transient' } });
        if (first.ok || first.failure.kind !== 'transient') return;
        expect(first.failure.retryAfterMs).toBeGreaterThanOrEqual(1000);
        expect((await outbox()).map((entry) => entry.status)).toEqual(['applied', 'applied']);
      });
    } finally {
      await limited.close();
    }
  });
});
