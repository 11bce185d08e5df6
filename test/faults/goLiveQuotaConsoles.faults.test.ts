// The Go Live quota property again, with the real console on every side: three consoles (the
// renderer's Dexie outbox under fake-indexeddb and its sync engine, each with its own copy of the
// modules) pull the customer, book, cancel and reserve offline through the console's own write
// path, then sync in a drawn order against the real server on PostgreSQL. The allowance is never
// exceeded, and every rejection is visible on the console that made it, and only there: its
// outbox entry carries the server's very rejection, Needs attention lists it, and its booking is
// not shown as booked (each console's view of the customer equals the server's).
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/server/db/migrations';
import { aConsole, createContract, createCustomer } from '../server/support/consoleClient';
import { aTeam, startServer, type RunningServer, type TestTeam } from '../server/support/serverHarness';
import { openTestDatabase, type TestDatabase } from '../server/support/testDatabase';
import { openConsolePage, type ConsolePage } from './support/consolePage';
import { SERVER_CLOCK } from './support/faultTeam';
import { recordFigures } from './support/figures';
import { seededRandom } from './support/model';
import { ModelClient } from './support/modelClient';
import {
  expectWithinAllowance,
  QUOTA_CONSOLES,
  quotaRequests,
  quotaScenarioArbitrary,
} from './support/quotaScenario';

const RUNS = Number(process.env.QUOTA_CONSOLE_RUNS ?? 10);
/** The consoles' clock: the evening before, offline. */
const LAPTOP_NOW = '2026-03-01T18:00:00.000Z';

describe('the Go Live allowance with real consoles: every rejection visible where it was made', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let team: TestTeam;
  let run = 0;
  const figures = {
    runs: 0,
    consoles: QUOTA_CONSOLES,
    'changes queued offline': 0,
    'refused by the console itself': 0,
    applied: 0,
    'rejected by the server': 0,
    'allowance-exhausted': 0,
    'rejections shown in Needs attention': 0,
    'rejections not shown': 0,
  };

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await migrate(database.db);
    server = await startServer(database.db, { clock: () => SERVER_CLOCK });
    team = await aTeam(
      database.db,
      Object.fromEntries(
        Array.from({ length: QUOTA_CONSOLES }, (_, index) => [`tam-${index}`, 'tam' as const]),
      ),
    );
  });

  afterAll(async () => {
    await server?.close();
    await database?.dispose();
  });

  it(`never more included Go Lives than the allowance; each rejection shows on its console only (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(quotaScenarioArbitrary, async ({ allowance, work, order }) => {
        run += 1;
        const customerId = `c-consoles-${randomBytes(4).toString('hex')}`;
        const users = Object.values(team.users);
        const setup = await aConsole(server.url, users[0]?.token ?? '').push(
          createCustomer({ id: customerId, tamUserId: 'tam-0' }),
          createContract({ customerId, overrides: { included: { goLiveEvents: allowance } } }),
        );
        expect(setup.results.map((result) => result.status)).toEqual(['applied', 'applied']);

        const consoles: { page: ConsolePage; userId: string; token: string; index: number }[] = [];
        for (const [index, user] of users.entries()) {
          const page = await openConsolePage({
            databaseName: `quota-consoles-${run}-${index}`,
            connection: { serverUrl: server.url, token: user.token },
            clock: () => LAPTOP_NOW,
            random: seededRandom(run * 10 + index),
            pushLimit: 1 + index,
          });
          const saved = await page.modules.saveSettings({
            userId: user.id,
            userName: user.id,
            role: 'tam',
            timeZone: 'Europe/Zurich',
          });
          expect(saved.ok).toBe(true);
          // Online once: the console has the customer and its contract.
          expect(await page.engine.syncOnce()).toMatchObject({ ok: true });
          consoles.push({ page, userId: user.id, token: user.token, index });
        }
        try {
          // Offline, through the console's own write path: what its own rules refuse is never queued.
          for (const { page, index } of consoles) {
            for (const request of quotaRequests(work[index] ?? [], customerId, index)) {
              const outcome = await page.modules.applyLocalMutation(request, LAPTOP_NOW);
              if (outcome.ok) figures['changes queued offline'] += 1;
              else if (outcome.rejection.code === 'storage-failed')
                throw new Error(outcome.rejection.message);
              else figures['refused by the console itself'] += 1;
            }
          }
          // Back online in the drawn order, some at once; then every console syncs until nothing
          // is pending, and once more so each has pulled the others' last rows.
          for (let at = 0; at < order.length; at += 1) {
            const step = order[at];
            const together = step?.together ? order[at + 1] : undefined;
            if (together) at += 1;
            const cycles = [step, together].flatMap((each) => {
              const console = each ? consoles[each.console] : undefined;
              return console ? [console.page.engine.syncOnce()] : [];
            });
            for (const outcome of await Promise.all(cycles))
              expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
          }
          for (let round = 0; round < 2; round += 1) {
            for (const { page } of consoles) expect(await page.engine.syncOnce()).toMatchObject({ ok: true });
          }

          const queued = [];
          for (const { page } of consoles) queued.push(...(await page.db.outbox.toArray()));
          const used = await expectWithinAllowance(
            database,
            { teamId: team.id, customerId, allowance },
            queued,
          );
          const serverBookings = [...used.bookings].sort((a, b) => (a.id < b.id ? -1 : 1));

          for (const { page, userId, token, index } of consoles) {
            const outbox = await page.db.outbox.orderBy('mutationId').toArray();
            const clientId = (await page.db.meta.get('clientId'))?.value;
            if (typeof clientId !== 'string') throw new Error('no client id');
            const results = new Map(
              (await new ModelClient(clientId, token, server.url).pullResults()).results.map((result) => [
                result.mutationId,
                result,
              ]),
            );
            // The outbox holds the server's verdict on each change, the rejection as the server gave it.
            for (const entry of outbox) {
              const result = results.get(entry.mutationId);
              expect(result, `${userId} #${entry.mutationId} has a result`).toBeDefined();
              expect(entry.status, `${userId} #${entry.mutationId} ${entry.name}`).toBe(result?.status);
              if (result?.status === 'rejected') {
                expect(entry.rejection).toEqual(result.rejection);
                figures['rejected by the server'] += 1;
                if (result.rejection.code === 'allowance-exhausted') figures['allowance-exhausted'] += 1;
              } else figures.applied += 1;
            }
            // Needs attention lists exactly this console's rejections, none of another console's.
            const shown = (await page.modules.readRejectedEntries()).map((entry) => entry.mutationId).sort();
            const rejected = outbox
              .filter((entry) => entry.status === 'rejected')
              .map((entry) => entry.mutationId);
            expect(shown, `${userId}: Needs attention`).toEqual([...rejected].sort());
            for (const entry of await page.modules.readRejectedEntries()) {
              expect((entry.args as { id: string }).id, 'a rejection of this console’s own change').toMatch(
                new RegExp(`^${customerId}-${index}-`),
              );
            }
            figures['rejections shown in Needs attention'] += shown.length;
            figures['rejections not shown'] += rejected.length - shown.length;
            // A refused booking is not shown as booked: the console's view is the server's.
            const book = await page.modules.readCustomerBook(customerId);
            const mine = [...(book?.goLiveBookings ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1));
            expect(mine, `${userId}: Go Lives in view`).toEqual(serverBookings);
            for (const entry of outbox.filter(
              (each) => each.status === 'rejected' && each.name === 'requestGoLive',
            ))
              expect(mine.map((booking) => booking.id)).not.toContain((entry.args as { id: string }).id);
          }
        } finally {
          for (const { page } of consoles) page.reload();
        }
        figures.runs += 1;
      }),
      { numRuns: RUNS },
    );
    expect(figures['rejected by the server']).toBeGreaterThan(0);
    recordFigures('Go Live quota property, real consoles', figures);
  });
});
