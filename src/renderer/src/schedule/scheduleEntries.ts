// What the Schedule shows in a period: review calls (where they moved to, if moved) and Go Live
// windows, by day in my zone, plus the Go Live windows that overlap across the team (staffing).
import { overlappingWindows, type StaffingGroup } from '../../../core/goLive';
import type { CustomerBook, GoLiveBooking } from '../../../core/records';
import { effectiveOccurrence, occurrencesBetween, type OccurrenceState } from '../../../core/reviewCadence';
import {
  addDays,
  localDateOf,
  localToInstant,
  type Instant,
  type IsoDate,
  type ZoneName,
} from '../../../core/time';
import type { ScheduleScope } from './scheduleStore';

export type ScheduleEntry = {
  key: string;
  kind: 'call' | 'goLive';
  customerId: string;
  customerName: string;
  customerZone: ZoneName;
  startsAt: Instant;
  endsAt: Instant;
  /** The Go Live's title; empty for a call. */
  label: string;
  /** For a call: what became of it (the view words it). */
  callState?: Exclude<OccurrenceState, 'cancelled'>;
  owner: string | null;
};

export type SchedulePeriod = {
  from: IsoDate;
  /** Exclusive. */
  to: IsoDate;
  days: IsoDate[];
  byDay: Map<IsoDate, ScheduleEntry[]>;
  staffing: StaffingGroup[];
  names: Map<string, string>;
};

function startOfDay(date: IsoDate, zone: ZoneName): Instant {
  const result = localToInstant(date, '00:00', zone);
  return result.ok ? result.instant : `${date}T00:00:00.000Z`;
}

export function schedulePeriod(
  books: readonly CustomerBook[],
  from: IsoDate,
  to: IsoDate,
  me: { userId: string; timeZone: ZoneName },
  scope: ScheduleScope,
): SchedulePeriod {
  const fromInstant = startOfDay(from, me.timeZone);
  const toInstant = startOfDay(to, me.timeZone);
  const days: IsoDate[] = [];
  for (let day = from; day < to; day = addDays(day, 1)) days.push(day);
  const byDay = new Map<IsoDate, ScheduleEntry[]>(days.map((day) => [day, []]));
  const goLives: GoLiveBooking[] = [];
  const names = new Map<string, string>();
  const add = (entry: ScheduleEntry) => byDay.get(localDateOf(entry.startsAt, me.timeZone))?.push(entry);

  for (const book of books) {
    const customer = book.customer;
    const mineOnly = scope === 'mine';
    names.set(customer.id, customer.name);
    const base = { customerId: customer.id, customerName: customer.name, customerZone: customer.timeZone };
    const calls = new Map(book.reviewCalls.map((call) => [`${call.seriesId}|${call.occurrenceDate}`, call]));
    for (const series of book.reviewSeries) {
      if (mineOnly && series.tamUserId !== me.userId) continue;
      for (const occurrence of occurrencesBetween(series, fromInstant, toInstant)) {
        const call = effectiveOccurrence(
          occurrence,
          series,
          calls.get(`${series.id}|${occurrence.occurrenceDate}`) ?? null,
        );
        if (call.state === 'cancelled') continue;
        add({
          ...base,
          key: `${series.id}-${call.occurrenceDate}`,
          kind: 'call',
          startsAt: call.effectiveStartsAt,
          endsAt: call.effectiveEndsAt,
          label: '',
          callState: call.state,
          owner: series.tamUserId,
        });
      }
    }
    for (const booking of book.goLiveBookings) {
      if (booking.status !== 'booked' || booking.endsAt <= fromInstant || booking.startsAt >= toInstant)
        continue;
      goLives.push(booking);
      if (mineOnly && customer.tamUserId !== me.userId && booking.bookedBy !== me.userId) continue;
      add({
        ...base,
        key: booking.id,
        kind: 'goLive',
        startsAt: booking.startsAt,
        endsAt: booking.endsAt,
        label: booking.title,
        owner: booking.bookedBy,
      });
    }
  }
  for (const entries of byDay.values()) entries.sort((a, b) => (a.startsAt < b.startsAt ? -1 : 1));
  // Staffing is the team's question whatever the scope: who else is live at the same time.
  return { from, to, days, byDay, staffing: overlappingWindows(goLives), names };
}
