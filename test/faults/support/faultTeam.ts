// One fault scenario's world: a fresh PostgreSQL database (migrated), a team with consoles, the
// server in a child process at a fixed clock, and the checks every scenario ends with: each
// console's verdicts and the team's records equal the model's, nothing lost, nothing twice.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { Role } from '../../../src/core/mutations/mutation';
import { migrate } from '../../../src/server/db/migrations';
import { aTeam, type TestTeam } from '../../server/support/serverHarness';
import { openTestDatabase, type TestDatabase } from '../../server/support/testDatabase';
import { ModelTeam, verdictOf, type Verdict } from './model';
import { ModelClient, serverSnapshot } from './modelClient';
import { serverChild, type ServerChild } from './serverChild';

/** The server's clock in every fault scenario (the model runs at the same instant). */
export const SERVER_CLOCK = '2026-03-02T09:00:00.000Z';

export type FaultWorld = {
  database: TestDatabase;
  team: TestTeam;
  server: ServerChild;
  consoles: { client: ModelClient; userId: string; role: Role }[];
  dispose(): Promise<void>;
};

export async function faultWorld(members: Record<string, Role>, batchSize = 8): Promise<FaultWorld> {
  const database = await openTestDatabase('postgres');
  await migrate(database.db);
  const team = await aTeam(database.db, members);
  const server = await serverChild(database.location, SERVER_CLOCK);
  const consoles = Object.values(team.users).map((user) => ({
    client: new ModelClient(
      `console-${user.id}-${randomBytes(4).toString('hex')}`,
      user.token,
      server.url,
      batchSize,
    ),
    userId: user.id,
    role: user.role,
  }));
  return {
    database,
    team,
    server,
    consoles,
    async dispose() {
      await server.stop();
      await database.dispose();
    },
  };
}

export type Outcome = {
  mutations: number;
  lost: number;
  duplicates: number;
  applied: number;
  rejected: number;
};

/**
 * Runs every console's queued operations through the model (consoles own disjoint customers, so
 * only each console's own order matters) and compares: every mutation has exactly one result on
 * the server, equal to the model's verdict and to what the console was told; the team's records
 * equal the model's records; no audit entry or result exists twice.
 */
export async function expectServerEqualsModel(world: FaultWorld, now = SERVER_CLOCK): Promise<Outcome> {
  const model = new ModelTeam();
  const expected = new Map<string, Verdict[]>();
  for (const { client, userId, role } of world.consoles) {
    expected.set(
      client.clientId,
      client.queued.map((mutation) => model.apply(mutation, { userId, role }, now)),
    );
  }
  let lost = 0;
  let mutations = 0;
  let applied = 0;
  for (const { client } of world.consoles) {
    const pulled = await client.pullResults();
    const verdicts = expected.get(client.clientId) ?? [];
    mutations += client.queued.length;
    expect(pulled.lastMutationId, `${client.clientId}: the server's place in the queue`).toBe(
      client.queued.length,
    );
    const byId = new Map(pulled.results.map((result) => [result.mutationId, result]));
    client.queued.forEach((mutation, index) => {
      const result = byId.get(mutation.id);
      if (!result) {
        lost += 1;
        return;
      }
      const told = client.results.get(mutation.id);
      if (told)
        expect(told, `${client.clientId} #${mutation.id}: what push said and pull says`).toEqual(result);
      expect(verdictOf(result), `${client.clientId} #${mutation.id} ${mutation.name}`).toEqual(
        verdicts[index],
      );
      if (result.status === 'applied') applied += 1;
    });
    expect(pulled.results.map((result) => result.mutationId)).toEqual(
      client.queued.map((mutation) => mutation.id),
    );
  }
  const [duplicates] = await world.database.db.query<{ audit: unknown; results: unknown }>(
    `SELECT
       (SELECT count(*) FROM (SELECT 1 FROM audit_log WHERE team_id = $1 AND client_id IS NOT NULL
          GROUP BY client_id, mutation_id HAVING count(*) > 1) AS twice) AS audit,
       (SELECT count(*) FROM mutation_results WHERE team_id = $1) - (SELECT count(DISTINCT (client_id, mutation_id)) FROM mutation_results WHERE team_id = $1) AS results`,
    [world.team.id],
  );
  const [auditCount] = await world.database.db.query<{ count: unknown }>(
    'SELECT count(*) FROM audit_log WHERE team_id = $1 AND client_id IS NOT NULL',
    [world.team.id],
  );
  expect(Number(auditCount?.count), 'one audit entry per mutation').toBe(mutations);
  const twice = Number(duplicates?.audit) + Number(duplicates?.results);
  const first = world.consoles[0]?.client;
  if (!first) throw new Error('no console');
  expect(await serverSnapshot(first)).toEqual(model.snapshot());
  expect(lost).toBe(0);
  expect(twice).toBe(0);
  return { mutations, lost, duplicates: twice, applied, rejected: mutations - applied };
}
