// The team server's integration suite on a real PostgreSQL, plus what only PostgreSQL can show:
// two server instances on one database. Runs in `npm run test:e2e`, which starts a private
// cluster (scripts/with-postgres.mjs) and sets TEST_DATABASE_URL; skipped without it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationResult } from '../../src/core/syncProtocol';
import { migrate } from '../../src/server/db/migrations';
import { aConsole, createContract, createCustomer, requestGoLive } from './support/consoleClient';
import { describeServer, serverStart } from './support/serverSuite';
import { aTeam, openPokeStream, startServer, type RunningServer } from './support/serverHarness';
import { openTestDatabase, type TestDatabase } from './support/testDatabase';

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('PostgreSQL (TEST_DATABASE_URL)', () => {
  describeServer('postgres', () => openTestDatabase('postgres'));

  describe('two server instances on one PostgreSQL', () => {
    let database: TestDatabase;
    let instanceA: RunningServer;
    let instanceB: RunningServer;

    beforeAll(async () => {
      database = await openTestDatabase('postgres');
      await migrate(database.db);
      // Both start at once, as behind a load balancer: the migration lock lets one migrate.
      const second = await database.openAnother();
      await Promise.all([migrate(database.db), migrate(second)]);
      instanceA = await startServer(database.db, { clock: () => serverStart });
      instanceB = await startServer(second, { clock: () => serverStart });
    }, 60_000);

    afterAll(async () => {
      await instanceA?.close();
      await instanceB?.close();
      await database?.dispose();
    });

    it('a write through instance A pokes a console connected to instance B', async () => {
      const team = await aTeam(database.db);
      const listening = await openPokeStream(instanceB.url, team.users.advisor?.token ?? '');
      try {
        await listening.next('ready');
        const writer = aConsole(instanceA.url, team.users.tam?.token ?? '');
        const pushed = await writer.push(createCustomer({ id: 'c-across' }));
        expect(pushed.status).toBe(200);
        expect(JSON.parse((await listening.next('poke', 2_000)).data)).toEqual({ version: 1 });
        // And B serves what A wrote.
        const reader = aConsole(instanceB.url, team.users.advisor?.token ?? '');
        expect((await reader.pullAll()).map((change) => change.id)).toEqual(['c-across']);
      } finally {
        await listening.close();
      }
    });

    it('ten consoles split over both instances race for the last Go Live unit: exactly one wins', async () => {
      const members = Object.fromEntries(
        Array.from({ length: 10 }, (_, index) => [`tam-${index}`, 'tam' as const]),
      );
      const team = await aTeam(database.db, members);
      const setup = aConsole(instanceA.url, team.users['tam-0']?.token ?? '');
      await setup.push(
        createCustomer({ id: 'c-race' }),
        createContract({ customerId: 'c-race', overrides: { included: { goLiveEvents: 1 } } }),
      );
      const answers = await Promise.all(
        Object.values(team.users).map((user, index) =>
          aConsole(index % 2 === 0 ? instanceA.url : instanceB.url, user.token).push(
            requestGoLive('c-race', `gl-${index}`, `2026-03-${String(10 + index).padStart(2, '0')}`),
          ),
        ),
      );
      const results = answers.map((answer) => answer.results[0] as MutationResult);
      expect(results.filter((result) => result.status === 'applied')).toHaveLength(1);
      expect(results.filter((result) => result.status === 'rejected')).toHaveLength(9);
      const bookings = (await setup.pullAll()).filter((change) => change.table === 'goLiveBookings');
      expect(bookings).toHaveLength(1);
    });
  });
});
