// A console whose team server or token is switched to another team (real server on PGlite, real
// HTTP, the real sync engine and Dexie under fake-indexeddb). Its client id, mutation ids, cursor
// and book belong to the first team: reused for the second they would collide (another user's
// client id is refused, a cursor from the first team skips the second's rows, the first team's
// customers would sit in the second's view). The console starts afresh for the new team when
// nothing of the old one waits, and refuses to sync while something does. The same team at a new
// address is the same team.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { teamServerForFile } from './support/teamServer';
import type { MutationRequest } from '../../src/core/mutations';
import { applyLocalMutation } from '../../src/renderer/src/db/localMutations';
import { keepMergeNotices, readMergeNotices } from '../../src/renderer/src/db/mergeNotices';
import { db, resetConsoleDatabase } from '../../src/renderer/src/db/schema';
import { readClientId, saveSettings } from '../../src/renderer/src/db/settings';
import { SyncEngine } from '../../src/renderer/src/sync/syncEngine';
import type { SyncConnection } from '../../src/renderer/src/sync/syncTransport';
import { createToken } from '../../src/server/teamAdmin';
import { aCustomer } from '../support/fixtures';
import { aClientId, aTeam, apiClient, startServer, type TestTeam } from '../server/support/serverHarness';

const now = '2026-04-01T08:00:00.000Z';

let first: TestTeam;
let second: TestTeam;

const shared = teamServerForFile(() => now);

beforeEach(async () => {
  first = await aTeam(shared.database.db, { ana: 'tam' });
  second = await aTeam(shared.database.db, { ana: 'tam', bo: 'tam' });
  await resetConsoleDatabase();
  await saveSettings({ userId: 'ana', userName: 'Ana Lima', role: 'tam', timeZone: 'Europe/Zurich' });
});

const customer = (id: string): MutationRequest => ({
  name: 'createCustomer',
  version: 1,
  args: { customer: aCustomer({ id, name: `Customer ${id}`, tamUserId: 'ana' }) },
});

/** An engine whose server and token are whatever `connection.current` says, as Settings saves them. */
function anEngine(connection: { current: SyncConnection }) {
  return new SyncEngine({ connection: async () => connection.current, clock: () => now });
}

async function serverRows(teamId: string, sql: string): Promise<number> {
  const [row] = await shared.database.db.query<{ count: unknown }>(sql, [teamId]);
  return Number(row?.count);
}

const tokenOf = (team: TestTeam, user = 'ana') => team.users[user]?.token ?? '';

describe('switching the console to another team', () => {
  it('with nothing waiting: a new client id, mutation ids from 1, the new team’s book only; nothing reaches the old team', async () => {
    // The second team already has a customer of its own, from another console.
    const seeded = await apiClient(shared.server.url, tokenOf(second, 'bo')).post('/push', {
      clientId: aClientId(),
      mutations: [{ id: 1, ...customer('c-second'), clientTime: now }],
    });
    expect(seeded.status).toBe(200);

    const connection = { current: { serverUrl: shared.server.url, token: tokenOf(first) } };
    const engine = anEngine(connection);
    await applyLocalMutation(customer('c-first'), now);
    await applyLocalMutation(customer('c-first-2'), now);
    expect(await engine.syncOnce()).toMatchObject({ ok: true, pushed: 2, rejected: 0 });
    const firstClientId = await readClientId();
    const firstAudit = await serverRows(first.id, 'SELECT count(*) FROM audit_log WHERE team_id = $1');
    // A "changed by" notice about the old team's customer, still open.
    await keepMergeNotices([
      {
        mutationId: 1,
        customerId: 'c-first',
        subject: { kind: 'customer', name: 'c-first', customer: null },
        field: 'name',
        yourValue: 'Mine',
        keptValue: 'Theirs',
        by: 'someone',
        at: now,
      },
    ]);
    expect(await readMergeNotices()).toHaveLength(1);

    connection.current = { serverUrl: shared.server.url, token: tokenOf(second) };
    const switched = await engine.syncOnce();
    expect(switched).toMatchObject({ ok: true });
    // Nothing of the old team stays on screen: its notices go with its book.
    expect(await readMergeNotices()).toEqual([]);
    const secondClientId = await readClientId();
    expect(secondClientId).not.toBe(firstClientId);
    expect((await db.customers.toArray()).map((row) => row.id)).toEqual(['c-second']);
    expect(await db.outbox.count()).toBe(0);

    const next = await applyLocalMutation(customer('c-mine-in-second'), now);
    expect(next).toMatchObject({ ok: true, mutationIds: [1] });
    expect(await engine.syncOnce()).toMatchObject({ ok: true, pushed: 1, rejected: 0 });
    expect((await db.outbox.toArray()).map((entry) => [entry.mutationId, entry.status])).toEqual([
      [1, 'applied'],
    ]);
    // The server: each client id within its own team, the old team untouched.
    const clients = await shared.database.db.query<{
      client_id: string;
      team_id: string;
      last_mutation_id: unknown;
    }>(
      'SELECT client_id, team_id, last_mutation_id FROM clients WHERE client_id IN ($1, $2) ORDER BY team_id = $3 DESC',
      [firstClientId, secondClientId, first.id],
    );
    expect(clients.map((row) => [row.client_id, row.team_id, Number(row.last_mutation_id)])).toEqual([
      [firstClientId, first.id, 2],
      [secondClientId, second.id, 1],
    ]);
    expect(await serverRows(first.id, 'SELECT count(*) FROM audit_log WHERE team_id = $1')).toBe(firstAudit);
    expect(
      await serverRows(
        second.id,
        `SELECT count(*) FROM records WHERE team_id = $1 AND table_name = 'customers'`,
      ),
    ).toBe(2);
  });

  it('with changes still waiting for the old team: nothing is sent to the new one, the book stays, and switching back sends them', async () => {
    const connection = { current: { serverUrl: shared.server.url, token: tokenOf(first) } };
    const engine = anEngine(connection);
    await applyLocalMutation(customer('c-first'), now);
    expect(await engine.syncOnce()).toMatchObject({ ok: true, pushed: 1 });
    const clientId = await readClientId();
    // Made offline, then the token is switched before they were sent.
    await applyLocalMutation(customer('c-offline'), now);
    await applyLocalMutation(customer('c-offline-2'), now);

    connection.current = { serverUrl: shared.server.url, token: tokenOf(second) };
    const refused = await engine.syncOnce();
    expect(refused).toMatchObject({ ok: false, failure: { kind: 'team-changed' } });
    expect(refused.ok ? '' : refused.failure.message).toMatch(/2 changes .* not reached .*team/);
    expect(await readClientId()).toBe(clientId);
    expect((await db.customers.toArray()).map((row) => row.id).sort()).toEqual([
      'c-first',
      'c-offline',
      'c-offline-2',
    ]);
    expect(await serverRows(second.id, 'SELECT count(*) FROM audit_log WHERE team_id = $1')).toBe(0);
    expect(await serverRows(second.id, 'SELECT count(*) FROM clients WHERE team_id = $1')).toBe(0);

    connection.current = { serverUrl: shared.server.url, token: tokenOf(first) };
    expect(await engine.syncOnce()).toMatchObject({ ok: true, pushed: 2, rejected: 0 });
    expect(await serverRows(first.id, 'SELECT count(*) FROM audit_log WHERE team_id = $1')).toBe(3);
  });

  it('the same team at a new address keeps everything, and the changes waiting for it reach it', async () => {
    const connection = { current: { serverUrl: shared.server.url, token: tokenOf(first) } };
    const engine = anEngine(connection);
    await applyLocalMutation(customer('c-first'), now);
    expect(await engine.syncOnce()).toMatchObject({ ok: true, pushed: 1 });
    const clientId = await readClientId();
    await applyLocalMutation(customer('c-offline'), now);
    // The server moves: the same database behind another address.
    const moved = await startServer(shared.database.db, { clock: () => now });
    try {
      connection.current = { serverUrl: `${moved.url}/`, token: tokenOf(first) };
      expect(await engine.syncOnce()).toMatchObject({ ok: true, pushed: 1, rejected: 0 });
      expect(await readClientId()).toBe(clientId);
      expect((await db.outbox.toArray()).map((entry) => [entry.mutationId, entry.status])).toEqual([
        [1, 'applied'],
        [2, 'applied'],
      ]);
      expect(await serverRows(first.id, 'SELECT count(*) FROM audit_log WHERE team_id = $1')).toBe(2);
    } finally {
      await moved.close();
    }
  });

  it('a new token for the same user of the same team changes nothing', async () => {
    const connection = { current: { serverUrl: shared.server.url, token: tokenOf(first) } };
    const engine = anEngine(connection);
    await applyLocalMutation(customer('c-first'), now);
    expect(await engine.syncOnce()).toMatchObject({ ok: true, pushed: 1 });
    const clientId = await readClientId();
    const renewed = await createToken(shared.database.db, first.id, 'ana', 'renewed');
    connection.current = { serverUrl: shared.server.url, token: renewed.token };
    await applyLocalMutation(customer('c-first-2'), now);
    expect(await engine.syncOnce()).toMatchObject({ ok: true, pushed: 1 });
    expect(await readClientId()).toBe(clientId);
    expect((await db.outbox.toArray()).map((entry) => entry.mutationId)).toEqual([1, 2]);
  });
});
