// The Go Live quota under offline work: several consoles of one team book, cancel and reserve Go
// Lives for one customer while offline, then sync in a random order (some pushes at once) against
// the real server on PostgreSQL. The allowance of a contract year is never exceeded, and every
// rejection reaches the console that made it, in its push answer and in its pull.
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goLiveConsumesUnit } from '../../src/core/consumption';
import type { AllowanceReservation, GoLiveBooking } from '../../src/core/records';
import { migrate } from '../../src/server/db/migrations';
import { aConsole, createContract, createCustomer } from '../server/support/consoleClient';
import { aTeam, startServer, type RunningServer, type TestTeam } from '../server/support/serverHarness';
import { openTestDatabase, type TestDatabase } from '../server/support/testDatabase';
import { SERVER_CLOCK } from './support/faultTeam';
import { recordFigures } from './support/figures';
import { ModelClient } from './support/modelClient';

const RUNS = Number(process.env.QUOTA_RUNS ?? 25);
const CONSOLES = 3;
/** Windows in contract year 1 (2026) and year 2 (2027): all far enough ahead for the notice. */
const dates = ['2026-03-10', '2026-04-14', '2026-06-16', '2026-09-08', '2027-02-09', '2027-05-11'];

type Step =
  | { kind: 'book'; date: number; hour: number; acceptBillable: boolean; spendReservation: boolean }
  | { kind: 'cancel'; which: number }
  | { kind: 'reserve'; quantity: number; year: number };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('book' as const),
      date: fc.nat(dates.length - 1),
      hour: fc.integer({ min: 8, max: 16 }),
      acceptBillable: fc.boolean(),
      spendReservation: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), which: fc.nat(20) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('reserve' as const),
      quantity: fc.integer({ min: 1, max: 2 }),
      year: fc.integer({ min: 1, max: 2 }),
    }),
  },
);

const scenarioArbitrary = fc.record({
  allowance: fc.integer({ min: 1, max: 3 }),
  work: fc.array(fc.array(stepArbitrary, { minLength: 1, maxLength: 10 }), {
    minLength: CONSOLES,
    maxLength: CONSOLES,
  }),
  /** The sync order: which console pushes next, how many mutations, and whether with the next one at once. */
  order: fc.array(
    fc.record({
      console: fc.nat(CONSOLES - 1),
      batch: fc.integer({ min: 1, max: 4 }),
      together: fc.boolean(),
    }),
    { maxLength: 30 },
  ),
});

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
      fc.asyncProperty(scenarioArbitrary, async ({ allowance, work, order }) => {
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
          const bookings: string[] = [];
          const reservations: string[] = [];
          (work[index] ?? []).forEach((step, serial) => {
            const id = `${customerId}-${index}-${serial}`;
            const clientTime = '2026-03-01T18:00:00.000Z';
            if (step.kind === 'book') {
              bookings.push(id);
              const reservationId = step.spendReservation
                ? (reservations[reservations.length - 1] ?? null)
                : null;
              client.queue({
                name: 'requestGoLive',
                version: 1,
                clientTime,
                args: {
                  id,
                  customerId,
                  title: `Launch ${id}`,
                  date: dates[step.date],
                  time: `${String(step.hour).padStart(2, '0')}:00`,
                  durationMinutes: 60,
                  acceptBillable: step.acceptBillable,
                  reservationId,
                },
              });
            } else if (step.kind === 'cancel' && bookings.length > 0) {
              client.queue({
                name: 'cancelGoLive',
                version: 1,
                clientTime,
                args: { customerId, id: bookings[step.which % bookings.length], reason: 'moved' },
              });
            } else {
              reservations.push(id);
              client.queue({
                name: 'reserveAllowance',
                version: 1,
                clientTime,
                args: {
                  id,
                  customerId,
                  quantity: step.kind === 'reserve' ? step.quantity : 1,
                  contractYear: step.kind === 'reserve' ? step.year : 1,
                  validForDays: 14,
                },
              });
            }
          });
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

        const rows = await database.db.query<{
          table_name: string;
          data: GoLiveBooking | AllowanceReservation;
        }>(
          "SELECT table_name, data FROM records WHERE team_id = $1 AND customer_id = $2 AND table_name IN ('goLiveBookings', 'allowanceReservations') AND NOT deleted",
          [team.id, customerId],
        );
        const bookings = rows
          .filter((row) => row.table_name === 'goLiveBookings')
          .map((row) => row.data as GoLiveBooking);
        const reservations = rows
          .filter((row) => row.table_name === 'allowanceReservations')
          .map((row) => row.data as AllowanceReservation);
        for (const year of [2026, 2027]) {
          const counted = bookings.filter(
            (booking) => goLiveConsumesUnit(booking) && booking.startsAt.startsWith(String(year)),
          );
          const included = counted.filter((booking) => !booking.billableAccepted);
          expect(included.length, `included Go Lives in ${year}`).toBeLessThanOrEqual(allowance);
          // Units held back by active reservations come out of the same allowance.
          const heldBack = reservations
            .filter(
              (reservation) =>
                reservation.contractYear === year - 2025 &&
                reservation.releasedAt === null &&
                SERVER_CLOCK <= reservation.expiresAt,
            )
            .reduce(
              (sum, reservation) =>
                sum +
                reservation.quantity -
                Math.min(
                  reservation.quantity,
                  included.filter((booking) => booking.reservationId === reservation.id).length,
                ),
              0,
            );
          expect(included.length + heldBack, `used and reserved in ${year}`).toBeLessThanOrEqual(allowance);
          // Billable only when the console accepted it.
          for (const booking of counted.filter((each) => each.billableAccepted)) {
            const step = consoles
              .flatMap(({ client }) => client.queued)
              .find((mutation) => (mutation.args as { id: string }).id === booking.id);
            expect((step?.args as { acceptBillable: boolean }).acceptBillable).toBe(true);
          }
          figures['largest included use'] = Math.max(figures['largest included use'], included.length);
          figures.billable += counted.length - included.length;
        }
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
