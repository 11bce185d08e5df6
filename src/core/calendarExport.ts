// Calendar export (ICS, RFC 5545): a customer's review calls, Go Live windows and training days,
// or a TAM's whole schedule, as a calendar file any calendar app imports and re-imports.
//
// Decisions (ARCHITECTURE.md, "Calendar export"):
// - A review series is ONE recurring event (RRULE FREQ=WEEKLY;INTERVAL=n, COUNT when the series
//   has an end date) at the agreed local time with TZID = the series' zone, so a calendar app
//   keeps the call at 10:00 local across daylight-saving changes, as the console does.
// - What became of an occurrence: a missed or cancelled call is an EXDATE (it did not take place);
//   a moved call, or a held one whose time or length differs, is an override (same UID,
//   RECURRENCE-ID = the occurrence's scheduled start) at its real time. An occurrence whose agreed
//   time the clocks skip starts at the first valid minute after the gap in the console; calendar
//   apps would read it an hour later (RFC 5545 3.3.5), so those get an override with the
//   console's time too, up to `horizonDays` ahead.
// - Go Live windows are timed events in the booking's zone; training days are all-day events.
//   Cancelled ones stay in the file with STATUS:CANCELLED, so a re-import cancels them in the app.
// - UIDs are the record ids (`review-series-<id>@tam-console`, `go-live-<id>`, `training-day-<id>`):
//   re-importing an updated file updates the events instead of duplicating them. DTSTAMP is `now`.
// - Every zone used gets its VTIMEZONE (timezones-ical-library), so the file does not depend on
//   the app knowing the zone names.
// - DTSTART, EXDATE and RECURRENCE-ID carry the agreed wall-clock time itself (02:30 even on the
//   night the clocks skip it), so every calendar app matches them against its own expansion.
import ical, {
  ICalCalendarMethod,
  ICalEventRepeatingFreq,
  ICalEventStatus,
  type ICalTemporalPlainDateTimeStub,
  type ICalTemporalZonedDateTimeStub,
} from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { CustomerBook, ReviewCall, ReviewSeries } from './records';
import { occurrenceIndexOf, occurrencesBetween, type ReviewOccurrence } from './reviewCadence';
import {
  addDays,
  dayNumberOf,
  DAY_MS,
  instantMillis,
  toInstant,
  type Instant,
  type IsoDate,
  type LocalTime,
  type ZoneName,
} from './time';

export const CALENDAR_PRODUCT_ID = '//TAM Console//Calendar export//EN';
const UID_DOMAIN = 'tam-console';
/** How far ahead skipped-hour occurrences get their override. */
const DEFAULT_HORIZON_DAYS = 3 * 366;

export type CalendarExportOptions = {
  /** The moment of the export: DTSTAMP, and where the skipped-hour horizon starts. */
  now: Instant;
  /** The calendar's name as calendar apps show it. */
  name: string;
  horizonDays?: number;
};

/** What goes into a calendar, decided per record. */
export type CalendarSelection = {
  series: (series: ReviewSeries, book: CustomerBook) => boolean;
  goLives: (book: CustomerBook, bookedBy: string | null) => boolean;
  trainingDays: (book: CustomerBook) => boolean;
};

export function reviewSeriesUid(seriesId: string): string {
  return `review-series-${seriesId}@${UID_DOMAIN}`;
}
export function goLiveUid(bookingId: string): string {
  return `go-live-${bookingId}@${UID_DOMAIN}`;
}
export function trainingDayUid(trainingDayId: string): string {
  return `training-day-${trainingDayId}@${UID_DOMAIN}`;
}

function vtimezone(zone: string): string | null {
  const block = tzlib_get_ical_block(zone);
  const text = Array.isArray(block) ? block[0] : null;
  return typeof text === 'string' && text.includes('BEGIN:VTIMEZONE') ? text : null;
}

/**
 * An agreed wall-clock time, written as is (ical-generator's Temporal.PlainDateTime shape): luxon
 * would move a skipped 02:30 to 03:30 before it is written, and then no app could match it.
 */
function wallClock(date: IsoDate, time: LocalTime, plusMinutes = 0): ICalTemporalPlainDateTimeStub {
  const base = Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
    Number(time.slice(0, 2)),
    Number(time.slice(3, 5)) + plusMinutes,
  );
  const fields = new Date(base);
  const text = fields.toISOString().slice(0, 19);
  const plain: ICalTemporalPlainDateTimeStub = {
    year: fields.getUTCFullYear(),
    month: fields.getUTCMonth() + 1,
    day: fields.getUTCDate(),
    hour: fields.getUTCHours(),
    minute: fields.getUTCMinutes(),
    second: 0,
    toJSON: () => text,
    toString: () => text,
    toPlainDate: () => ({
      year: plain.year,
      month: plain.month,
      day: plain.day,
      toJSON: () => text.slice(0, 10),
      toString: () => text.slice(0, 10),
    }),
    toZonedDateTime: (zone: string) => zonedWallClock(plain, zone),
  };
  return plain;
}

function zonedWallClock(plain: ICalTemporalPlainDateTimeStub, zone: string): ICalTemporalZonedDateTimeStub {
  const millis = DateTime.fromObject(
    { year: plain.year, month: plain.month, day: plain.day, hour: plain.hour, minute: plain.minute },
    { zone },
  ).toMillis();
  const zoned: ICalTemporalZonedDateTimeStub = {
    year: plain.year,
    month: plain.month,
    day: plain.day,
    hour: plain.hour,
    minute: plain.minute,
    second: plain.second,
    timeZoneId: zone,
    toJSON: () => `${plain.toString()}[${zone}]`,
    toString: () => `${plain.toString()}[${zone}]`,
    toPlainDateTime: () => plain,
    // The writer asks for the time in its own zone again: the wall clock is already that.
    withTimeZone: () => zoned,
    toInstant: () => ({
      epochMilliseconds: millis,
      toJSON: () => toInstant(millis),
      toString: () => toInstant(millis),
      toZonedDateTimeISO: () => zoned,
    }),
  };
  return zoned;
}

function zoned(instant: Instant, zone: ZoneName): DateTime {
  return DateTime.fromMillis(instantMillis(instant), { zone });
}

/** The number of calls a series with an end date has: those on dates before the end. */
function occurrenceCount(series: ReviewSeries): number | null {
  if (!series.endDate) return null;
  const days = dayNumberOf(series.endDate) - dayNumberOf(series.firstDate);
  return Math.max(0, Math.ceil(days / (series.intervalWeeks * 7)));
}

function callSummary(customerName: string): string {
  return `Review call · ${customerName}`;
}

type CalendarBuilder = ReturnType<typeof ical>;

function addSeries(
  calendar: CalendarBuilder,
  book: CustomerBook,
  series: ReviewSeries,
  stamp: DateTime,
  horizonEnd: Instant,
): void {
  const count = occurrenceCount(series);
  if (count === 0) return;
  const zone = series.timeZone;
  const [first] = occurrencesBetween(
    series,
    toInstant(instantMillis(`${series.firstDate}T00:00:00.000Z`) - 2 * DAY_MS),
    toInstant(instantMillis(`${addDays(series.firstDate, 1)}T00:00:00.000Z`) + 2 * DAY_MS),
  );
  if (!first) return;
  const uid = reviewSeriesUid(series.id);
  const summary = callSummary(book.customer.name);
  const calls = book.reviewCalls.filter(
    (call) => call.seriesId === series.id && occurrenceIndexOf(series, call.occurrenceDate) !== null,
  );
  const excluded = calls.filter((call) => call.status === 'missed' || call.status === 'cancelled');
  const overridden = new Map<string, ReviewCall>();
  for (const call of calls) {
    if (call.status !== 'moved' && call.status !== 'held') continue;
    overridden.set(call.occurrenceDate, call);
  }
  const nominalStart = (occurrenceDate: IsoDate) => wallClock(occurrenceDate, series.localTime);

  calendar.createEvent({
    id: uid,
    stamp,
    start: nominalStart(first.occurrenceDate),
    end: wallClock(first.occurrenceDate, series.localTime, series.durationMinutes),
    timezone: zone,
    summary,
    description: `Review call every ${series.intervalWeeks} weeks with ${book.customer.name}, ${series.localTime} ${zone}. TAM: ${series.tamUserId}.`,
    repeating: {
      freq: ICalEventRepeatingFreq.WEEKLY,
      interval: series.intervalWeeks,
      ...(count !== null ? { count } : {}),
      ...(excluded.length > 0 ? { exclude: excluded.map((call) => nominalStart(call.occurrenceDate)) } : {}),
    },
  });

  const overrideAt = (occurrence: Pick<ReviewOccurrence, 'occurrenceDate'>, start: Instant, end: Instant) =>
    calendar.createEvent({
      id: uid,
      stamp,
      recurrenceId: nominalStart(occurrence.occurrenceDate),
      start: zoned(start, zone),
      end: zoned(end, zone),
      timezone: zone,
      summary,
    });

  for (const call of overridden.values()) {
    const duration = call.durationMinutes > 0 ? call.durationMinutes : series.durationMinutes;
    const endsAt = toInstant(instantMillis(call.startsAt) + duration * 60_000);
    const scheduled = occurrencesBetween(
      series,
      toInstant(instantMillis(`${call.occurrenceDate}T00:00:00.000Z`) - 2 * DAY_MS),
      toInstant(instantMillis(`${call.occurrenceDate}T00:00:00.000Z`) + 3 * DAY_MS),
    ).find((occurrence) => occurrence.occurrenceDate === call.occurrenceDate);
    if (scheduled && scheduled.startsAt === call.startsAt && scheduled.endsAt === endsAt) continue;
    overrideAt(call, call.startsAt, endsAt);
  }
  // Occurrences the clocks skip: the console's time, not the calendar app's reading of the gap.
  for (const occurrence of occurrencesBetween(series, first.startsAt, horizonEnd)) {
    if (!occurrence.shiftedByDaylightSaving) continue;
    if (overridden.has(occurrence.occurrenceDate)) continue;
    if (excluded.some((call) => call.occurrenceDate === occurrence.occurrenceDate)) continue;
    overrideAt(occurrence, occurrence.startsAt, occurrence.endsAt);
  }
}

function addBook(
  calendar: CalendarBuilder,
  book: CustomerBook,
  selection: CalendarSelection,
  stamp: DateTime,
  horizonEnd: Instant,
): void {
  const customerName = book.customer.name;
  for (const series of book.reviewSeries) {
    if (selection.series(series, book)) addSeries(calendar, book, series, stamp, horizonEnd);
  }
  for (const booking of book.goLiveBookings) {
    if (!selection.goLives(book, booking.bookedBy)) continue;
    calendar.createEvent({
      id: goLiveUid(booking.id),
      stamp,
      start: zoned(booking.startsAt, booking.timeZone),
      end: zoned(booking.endsAt, booking.timeZone),
      timezone: booking.timeZone,
      summary: `Go Live · ${customerName}: ${booking.title}`,
      description: `Go Live support window for ${customerName} (${booking.timeZone}).${booking.notes ? `\n${booking.notes}` : ''}`,
      status: booking.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  if (!selection.trainingDays(book)) return;
  for (const day of book.trainingDays) {
    const date = DateTime.fromISO(day.date, { zone: 'utc' });
    calendar.createEvent({
      id: trainingDayUid(day.id),
      stamp,
      start: date,
      end: date.plus({ days: 1 }),
      allDay: true,
      summary: `Training day · ${customerName}: ${day.topic}`,
      description: day.attendees.length > 0 ? `Attendees: ${day.attendees.join(', ')}` : '',
      status: day.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
}

/** Builds the calendar text for the books and the records the selection picks. */
export function calendarOf(
  books: readonly CustomerBook[],
  selection: CalendarSelection,
  options: CalendarExportOptions,
): string {
  const calendar = ical({
    prodId: CALENDAR_PRODUCT_ID,
    name: options.name,
    method: ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone: every event carries its own TZID, and DTSTAMP stays in UTC.
    timezone: { name: null, generator: vtimezone },
  });
  const stamp = DateTime.fromMillis(instantMillis(options.now), { zone: 'utc' });
  const horizonEnd = toInstant(
    instantMillis(options.now) + (options.horizonDays ?? DEFAULT_HORIZON_DAYS) * DAY_MS,
  );
  for (const book of books) addBook(calendar, book, selection, stamp, horizonEnd);
  return calendar.toString();
}

/** Everything in one customer's calendar: every series, Go Live window and training day. */
export function customerCalendar(book: CustomerBook, now: Instant): string {
  const all = () => true;
  return calendarOf(
    [book],
    { series: all, goLives: all, trainingDays: all },
    {
      now,
      name: `${book.customer.name} · TAM Console`,
    },
  );
}

/**
 * My schedule: the review series I hold, and the Go Live windows and training days of my
 * customers (a Go Live I booked for someone else's customer too) — as the Schedule's "mine".
 */
export function myScheduleCalendar(books: readonly CustomerBook[], userId: string, now: Instant): string {
  const mine = (book: CustomerBook) => book.customer.tamUserId === userId;
  return calendarOf(
    books,
    {
      series: (series) => series.tamUserId === userId,
      goLives: (book, bookedBy) => mine(book) || bookedBy === userId,
      trainingDays: mine,
    },
    { now, name: 'My TAM schedule' },
  );
}

/** A file name for a download: letters, digits and dashes only. */
export function calendarFileName(label: string): string {
  const slug = label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'calendar'}.ics`;
}
