// What the Today view lists, derived from the team's books with the core: my calls this week and
// next, cadences that slipped, Go Lives soon, free-cancellation deadlines closing, response
// objectives at risk, allowances nearly gone and my TAM hours. A function of data and `now`.
import { GO_LIVE_FREE_CANCELLATION_HOURS } from '../../../core/consumption';
import type { CustomerStatus } from '../../../core/customerStatus';
import type { LedgerKind } from '../../../core/ledger';
import type { PlanTemplate } from '../../../core/plans';
import type { CustomerBook, GoLiveBooking } from '../../../core/records';
import {
  effectiveOccurrence,
  occurrencesBetween,
  type CadenceOccurrence,
  type CadenceStatus,
} from '../../../core/reviewCadence';
import { myTamHoursThisWeek, type MyTamWeek } from '../../../core/tamHours';
import type { OpenObjective } from '../../../core/tickets';
import {
  addDays,
  DAY_MS,
  HOUR_MS,
  localDateOf,
  localToInstant,
  toInstant,
  weekStartOf,
  type Instant,
  type ZoneName,
} from '../../../core/time';
import { currentLines } from '../customers/customerRows';

export type TodayScope = 'mine' | 'team';

type Named = { customerId: string; customerName: string; timeZone: ZoneName };

export type TodayDigest = {
  calls: (Named & { occurrence: CadenceOccurrence })[];
  cadences: (Named & { status: CadenceStatus; overdueCount: number; lastHeldAt: Instant | null })[];
  goLives: (Named & { booking: GoLiveBooking })[];
  freeCancellationClosing: (Named & { booking: GoLiveBooking; closesAt: Instant })[];
  objectives: (Named & { objective: OpenObjective })[];
  allowances: (Named & {
    kind: LedgerKind;
    remaining: number;
    available: number;
    runsOutBeforeRenewal: boolean;
  })[];
  tamWeek: MyTamWeek;
  /** From Monday of this week to Monday two weeks on, in my zone. */
  callsFrom: Instant;
  callsTo: Instant;
};

export type TodayInput = {
  books: readonly CustomerBook[];
  statusOf(book: CustomerBook): CustomerStatus;
  templates: readonly PlanTemplate[];
  now: Instant;
  me: { userId: string; timeZone: ZoneName };
  scope: TodayScope;
};

/** How far ahead a closing free-cancellation deadline is worth a line. */
const CLOSING_SOON_MS = 48 * HOUR_MS;
const allowanceKinds = [
  'goLiveEvents',
  'bestPracticesReviews',
  'trainingDays',
  'customConfigurationSites',
] as const;

export function todayDigest({ books, statusOf, templates, now, me, scope }: TodayInput): TodayDigest {
  const mine = scope === 'team' ? books : books.filter((book) => book.customer.tamUserId === me.userId);
  const today = localDateOf(now, me.timeZone);
  const monday = weekStartOf(today);
  const fromResult = localToInstant(monday, '00:00', me.timeZone);
  const toResult = localToInstant(addDays(monday, 14), '00:00', me.timeZone);
  const callsFrom = fromResult.ok ? fromResult.instant : now;
  const callsTo = toResult.ok ? toResult.instant : toInstant(Date.parse(now) + 14 * DAY_MS);
  const nowMillis = Date.parse(now);
  const weekAhead = toInstant(nowMillis + 7 * DAY_MS);
  const closingBy = toInstant(nowMillis + CLOSING_SOON_MS);

  const digest: TodayDigest = {
    calls: [],
    cadences: [],
    goLives: [],
    freeCancellationClosing: [],
    objectives: [],
    allowances: [],
    tamWeek: myTamHoursThisWeek(me.userId, scope === 'team' ? books : mine, today, { templates }),
    callsFrom,
    callsTo,
  };

  for (const book of mine) {
    const named = {
      customerId: book.customer.id,
      customerName: book.customer.name,
      timeZone: book.customer.timeZone,
    };
    const status = statusOf(book);
    const calls = new Map(book.reviewCalls.map((call) => [`${call.seriesId}|${call.occurrenceDate}`, call]));
    for (const series of book.reviewSeries) {
      if (scope === 'mine' && series.tamUserId !== me.userId) continue;
      for (const occurrence of occurrencesBetween(series, callsFrom, callsTo)) {
        const effective = effectiveOccurrence(
          occurrence,
          series,
          calls.get(`${series.id}|${occurrence.occurrenceDate}`) ?? null,
        );
        // Calls still ahead, and those that ended without being logged; logged ones are done with.
        const pending = effective.state === 'scheduled' || effective.state === 'moved';
        if (effective.effectiveEndsAt > now ? effective.state !== 'cancelled' : pending)
          digest.calls.push({ ...named, occurrence: effective });
      }
    }
    const cadence = status.cadence;
    if (
      cadence.status === 'overdue' ||
      cadence.status === 'missed' ||
      (cadence.status === 'not-scheduled' && book.reviewSeries.length > 0)
    )
      digest.cadences.push({
        ...named,
        status: cadence.status,
        overdueCount: cadence.overdue.length,
        lastHeldAt: cadence.lastHeld?.startsAt ?? null,
      });
    for (const booking of book.goLiveBookings) {
      if (booking.status !== 'booked') continue;
      if (booking.endsAt > now && booking.startsAt <= weekAhead) digest.goLives.push({ ...named, booking });
      const closesAt = toInstant(Date.parse(booking.startsAt) - GO_LIVE_FREE_CANCELLATION_HOURS * HOUR_MS);
      if (closesAt > now && closesAt <= closingBy)
        digest.freeCancellationClosing.push({ ...named, booking, closesAt });
    }
    for (const objective of status.openObjectives) {
      if (
        objective.answeredAt === null &&
        (objective.status === 'at-risk' || objective.status === 'breached')
      )
        digest.objectives.push({ ...named, objective });
    }
    const lines = currentLines(status);
    if (lines) {
      for (const kind of allowanceKinds) {
        const line = lines[kind];
        const runsOut = line.forecast?.runsOutBeforeRenewal ?? false;
        if (line.available > 0 && (line.remaining <= 1 || runsOut))
          digest.allowances.push({
            ...named,
            kind,
            remaining: line.remaining,
            available: line.available,
            runsOutBeforeRenewal: runsOut,
          });
      }
    }
  }

  digest.calls.sort((a, b) => (a.occurrence.effectiveStartsAt < b.occurrence.effectiveStartsAt ? -1 : 1));
  digest.goLives.sort((a, b) => (a.booking.startsAt < b.booking.startsAt ? -1 : 1));
  digest.freeCancellationClosing.sort((a, b) => (a.closesAt < b.closesAt ? -1 : 1));
  digest.objectives.sort((a, b) => (a.objective.deadline < b.objective.deadline ? -1 : 1));
  digest.allowances.sort((a, b) => a.remaining - b.remaining || a.customerName.localeCompare(b.customerName));
  digest.cadences.sort(
    (a, b) => b.overdueCount - a.overdueCount || a.customerName.localeCompare(b.customerName),
  );
  return digest;
}
