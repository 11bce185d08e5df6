// The Go Live quota scenarios the property tests draw: an allowance, each console's offline steps
// (book, cancel, reserve) and the order in which the consoles come back online.
import fc from 'fast-check';
import { expect } from 'vitest';
import { goLiveConsumesUnit } from '../../../src/core/consumption';
import type { AllowanceReservation, GoLiveBooking } from '../../../src/core/records';
import type { TestDatabase } from '../../server/support/testDatabase';
import { SERVER_CLOCK } from './faultTeam';

export const QUOTA_CONSOLES = 3;

/** Windows in contract year 1 (2026) and year 2 (2027): all far enough ahead for the notice. */
export const quotaDates = [
  '2026-03-10',
  '2026-04-14',
  '2026-06-16',
  '2026-09-08',
  '2027-02-09',
  '2027-05-11',
];

export type Step =
  | { kind: 'book'; date: number; hour: number; acceptBillable: boolean; spendReservation: boolean }
  | { kind: 'cancel'; which: number }
  | { kind: 'reserve'; quantity: number; year: number };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('book' as const),
      date: fc.nat(quotaDates.length - 1),
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

export const quotaScenarioArbitrary = fc.record({
  allowance: fc.integer({ min: 1, max: 3 }),
  work: fc.array(fc.array(stepArbitrary, { minLength: 1, maxLength: 10 }), {
    minLength: QUOTA_CONSOLES,
    maxLength: QUOTA_CONSOLES,
  }),
  /** The sync order: which console pushes next, how many mutations, and whether with the next one at once. */
  order: fc.array(
    fc.record({
      console: fc.nat(QUOTA_CONSOLES - 1),
      batch: fc.integer({ min: 1, max: 4 }),
      together: fc.boolean(),
    }),
    { maxLength: 30 },
  ),
});

export type QuotaRequest = { name: string; version: number; args: Record<string, unknown> };

/**
 * One console's steps as named mutations, knowing only its own bookings and reservations (it is
 * offline). `index` keeps ids apart between consoles.
 */
export function quotaRequests(steps: readonly Step[], customerId: string, index: number): QuotaRequest[] {
  const bookings: string[] = [];
  const reservations: string[] = [];
  return steps.flatMap((step, serial): QuotaRequest[] => {
    const id = `${customerId}-${index}-${serial}`;
    if (step.kind === 'book') {
      bookings.push(id);
      const reservationId = step.spendReservation ? (reservations[reservations.length - 1] ?? null) : null;
      return [
        {
          name: 'requestGoLive',
          version: 1,
          args: {
            id,
            customerId,
            title: `Launch ${id}`,
            date: quotaDates[step.date],
            time: `${String(step.hour).padStart(2, '0')}:00`,
            durationMinutes: 60,
            acceptBillable: step.acceptBillable,
            reservationId,
          },
        },
      ];
    }
    if (step.kind === 'cancel' && bookings.length > 0) {
      return [
        {
          name: 'cancelGoLive',
          version: 1,
          args: { customerId, id: bookings[step.which % bookings.length], reason: 'moved' },
        },
      ];
    }
    // A reservation; a cancellation with nothing to cancel reserves one unit of year 1.
    reservations.push(id);
    return [
      {
        name: 'reserveAllowance',
        version: 1,
        args: {
          id,
          customerId,
          quantity: step.kind === 'reserve' ? step.quantity : 1,
          contractYear: step.kind === 'reserve' ? step.year : 1,
          validForDays: 14,
        },
      },
    ];
  });
}

/**
 * The allowance rules on the server's rows of one customer: per contract year, included bookings
 * that consume a unit never exceed the allowance, nor do they plus the units active reservations
 * hold back; a billable booking exists only where its console accepted billable.
 */
export async function expectWithinAllowance(
  database: TestDatabase,
  where: { teamId: string; customerId: string; allowance: number },
  queued: readonly { args: unknown }[],
): Promise<{ bookings: GoLiveBooking[]; largestIncluded: number; billable: number }> {
  let largestIncluded = 0;
  let billable = 0;
  const rows = await database.db.query<{
    table_name: string;
    data: GoLiveBooking | AllowanceReservation;
  }>(
    "SELECT table_name, data FROM records WHERE team_id = $1 AND customer_id = $2 AND table_name IN ('goLiveBookings', 'allowanceReservations') AND NOT deleted",
    [where.teamId, where.customerId],
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
    expect(included.length, `included Go Lives in ${year}`).toBeLessThanOrEqual(where.allowance);
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
    expect(included.length + heldBack, `used and reserved in ${year}`).toBeLessThanOrEqual(where.allowance);
    // Billable only when the console accepted it.
    for (const booking of counted.filter((each) => each.billableAccepted)) {
      const step = queued.find((mutation) => (mutation.args as { id: string }).id === booking.id);
      expect((step?.args as { acceptBillable: boolean }).acceptBillable).toBe(true);
    }
    largestIncluded = Math.max(largestIncluded, included.length);
    billable += counted.length - included.length;
  }
  return { bookings, largestIncluded, billable };
}
