// The Go Live quota under offline work: several consoles of one team book, cancel and reserve Go
// Lives for one customer while offline, then sync in a random order (some pushes at once) against
// the real server on PostgreSQL. The allowance of a contract year is never exceeded, and every
// rejection reaches the console that made it, in its push answer and in its pull.
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/server/db/migrations';
import { aConsole, createContract, createCustomer } from '../server/support/consoleClient';
import { aTeam, startServer, type RunningServer, type TestTeam } from '../server/support/serverHarness';
import { openTestDatabase, type TestDatabase } from '../server/support/testDatabase';
import { SERVER_CLOCK } from './support/faultTeam';
import { recordFigures } from './support/figures';
import { ModelClient } from './support/modelClient';
import {
  expectWithinAllowance,
  QUOTA_CONSOLES,
  quotaRequests,
  quotaScenarioArbitrary,
} from './support/quotaScenario';

const RUNS = Number(process.env.QUOTA_RUNS ?? 25);
const CONSOLES = QUOTA_CONSOLES;

describe('the Go Live allowance under offline bookings from several consoles', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let team: TestTeam;
  const figures = {
    runs: 0,
    mutations: 0,
    applied: 0,
    rejected: 0,
    'allowance-exhausted': 0,
    billable: 0,
    'largest included use': 0,
  };

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await migrate(database.db);
    server = await startServer(database.db, { clock: () => SERVER_CLOCK });
    team = await aTeam(
      database.db,
      Object.fromEntries(Array.from({ length: CONSOLES }, (_, index) => [`tam-${index}`, 'tam' as const])),
    );
  });

  afterAll(async () => {
    await server?.close();
    await database?.dispose();
  });

  it(`never more included Go Lives than the allowance, and each rejection reaches its console (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(quotaScenarioArbitrary, async ({ allowance, work, order }) => {
        const customerId = `c-quota-${randomBytes(4).toString('hex')}`;
        const users = Object.values(team.users);
        const setup = aConsole(server.url, users[0]?.token ?? '');
        const ready = await setup.push(
          createCustomer({ id: customerId }),
          createContract({ customerId, overrides: { included: { goLiveEvents: allowance } } }),
        );
        expect(ready.results.map((result) => result.status)).toEqual(['applied', 'applied']);
        // Offline: each console queues its work, knowing only its own bookings and reservations.
        const consoles = users.map((user, index) => {
          const client = new ModelClient(
            `quota-${index}-${randomBytes(4).toString('hex')}`,
            user.token,
            server.url,
          );
          for (const request of quotaRequests(work[index] ?? [], customerId, index))
            client.queue({ ...request, clientTime: '2026-03-01T18:00:00.000Z' });
          return { client, userId: user.id };
        });
        // Back online, in the drawn order; then everyone syncs what is left.
        for (let at = 0; at < order.length; at += 1) {
          const step = order[at];
          const together = step?.together ? order[at + 1] : undefined;
          if (together) at += 1;
          await Promise.all(
            [step, together].flatMap((each) => {
              const console = each ? consoles[each.console] : undefined;
              return console && each
                ? [console.client.pushOnce(console.client.outbox.slice(0, each.batch))]
                : [];
            }),
          );
        }
        await Promise.all(consoles.map(({ client }) => client.sync()));

        const used = await expectWithinAllowance(
          database,
          { teamId: team.id, customerId, allowance },
          consoles.flatMap(({ client }) => client.queued),
        );
        figures['largest included use'] = Math.max(figures['largest included use'], used.largestIncluded);
        figures.billable += used.billable;
        const bookings = used.bookings;
        // Every console learns of each of its rejections, from the push answer and from pull.
        for (const { client, userId } of consoles) {
          const pulled = await client.pullResults();
          expect(pulled.results.map((result) => result.mutationId)).toEqual(
            client.queued.map((mutation) => mutation.id),
          );
          for (const mutation of client.queued) {
            const told = client.results.get(mutation.id);
            const stored = pulled.results.find((result) => result.mutationId === mutation.id);
            expect(told, `${client.clientId} #${mutation.id} answered by push`).toBeDefined();
            expect(stored).toEqual(told);
            figures.mutations += 1;
            if (told?.status === 'rejected') {
              figures.rejected += 1;
              if (told.rejection.code === 'allowance-exhausted') figures['allowance-exhausted'] += 1;
            } else figures.applied += 1;
          }
          const mine = new Set(client.queued.map((mutation) => (mutation.args as { id: string }).id));
          for (const booking of bookings.filter((each) => mine.has(each.id)))
            expect(booking.bookedBy).toBe(userId);
        }
        figures.runs += 1;
      }),
      { numRuns: RUNS },
    );
    expect(figures.rejected).toBeGreaterThan(0);
    recordFigures('Go Live quota property', { ...figures, consoles: CONSOLES });
  });
});
