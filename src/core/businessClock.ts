// The clocks response objectives run on: 24x7, or business/extended hours Monday to Friday
// in the contract's zone without its public holidays. Every opening and closing is a local
// wall-clock time of its own day, so a daylight-saving change never shifts the clock.
//
// How: per calendar, the opening windows of whole local years are computed once (with the
// zone's offset at each opening and closing) into sorted arrays with a running total of
// business time. Counting between two instants is then two binary searches, and adding
// minutes is one, however long the span: no per-day walk, no luxon in the hot path.
//
// Decisions (ARCHITECTURE.md, "Business clocks"):
// - A window is half-open, [opening, closing): at 17:00 on the 08-17 clock the clock is closed.
// - Adding N > 0 minutes gives the earliest instant by which N business minutes have run;
//   that may be a closing time (16:00 + 60 min = 17:00 the same day, not 08:00 the next).
// - Adding 0 minutes gives the start itself when the clock runs, else the next opening; so a
//   start outside hours always begins at the next opening.
// - Negative minutes are a programming error (objectives are positive) and throw.
// - Should an opening or closing fall into a daylight-saving gap (no zone in use does this
//   for 07-19), it moves forward by the gap, as the wall clock does.
import { IANAZone } from 'luxon';
import { publicHolidays } from './holidays';
import type { ClockId } from './plans';
import {
  DAY_MS,
  instantMillis,
  isoWeekday,
  MINUTE_MS,
  toInstant,
  type Instant,
  type IsoDate,
  type ZoneName,
} from './time';

/** Where a plan was contracted: its zone, and the country/region whose holidays apply. */
export type CustomerCalendar = { timeZone: ZoneName; country: string; region: string | null };

/** A clock in a place: what a response objective counts its minutes on. */
export type BusinessCalendar = CustomerCalendar & { clock: ClockId };

type BusinessHours = { opens: number; closes: number };

/** Local opening and closing hours of the clocks that are not 24x7. */
export const clockHours: Record<Exclude<ClockId, '24x7'>, BusinessHours> = {
  'business-08-17': { opens: 8, closes: 17 },
  'business-09-18': { opens: 9, closes: 18 },
  'extended-07-19': { opens: 7, closes: 19 },
};

export function calendarOn(place: CustomerCalendar, clock: ClockId): BusinessCalendar {
  return { timeZone: place.timeZone, country: place.country, region: place.region, clock };
}

/** A zone's UTC offsets through one UTC year: `offsets[i]` (minutes east of UTC) holds from `starts[i]`. */
type ZoneYear = { starts: number[]; offsets: number[] };

const zoneYears = new Map<string, ZoneYear>();

/**
 * Reading the zone's offset through Intl costs microseconds, so each zone's changes are found
 * once per year: a sample at every UTC midnight, and a bisection to the millisecond where the
 * offset differs from the day before. This assumes a zone changes its offset at most once a
 * day, which holds for every zone in the tz database in living memory.
 */
function zoneYear(zone: ZoneName, year: number): ZoneYear {
  const key = `${zone}:${year}`;
  const cached = zoneYears.get(key);
  if (cached) return cached;
  const iana = IANAZone.create(zone);
  if (!iana.isValid) throw new RangeError(`${zone} is not a known IANA time zone.`);
  const from = Date.UTC(year, 0, 1);
  const to = Date.UTC(year + 1, 0, 1);
  let previous = iana.offset(from);
  const timeline: ZoneYear = { starts: [from], offsets: [previous] };
  for (let sample = from + DAY_MS; sample <= to; sample += DAY_MS) {
    const offset = iana.offset(sample);
    if (offset === previous) continue;
    let low = sample - DAY_MS;
    let high = sample;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (iana.offset(middle) === previous) low = middle;
      else high = middle;
    }
    // A change at the stroke of the next UTC year is that year's first offset.
    if (high < to) {
      timeline.starts.push(high);
      timeline.offsets.push(offset);
    }
    previous = offset;
  }
  zoneYears.set(key, timeline);
  return timeline;
}

function offsetAt(zone: ZoneName, millis: number): number {
  const timeline = zoneYear(zone, new Date(millis).getUTCFullYear());
  for (let i = timeline.starts.length - 1; i > 0; i -= 1) {
    if (millis >= (timeline.starts[i] as number)) return timeline.offsets[i] as number;
  }
  return timeline.offsets[0] as number;
}

/** The instant a local wall-clock hour starts on a date in a zone; a skipped hour moves forward. */
function zonedHour(zone: ZoneName, date: IsoDate, hour: number): number {
  const local = Date.parse(`${date}T00:00:00Z`) + hour * 60 * MINUTE_MS;
  // The usual two-step offset fix: guess with the offset at the local reading, then correct.
  const first = offsetAt(zone, local);
  const guess = local - first * MINUTE_MS;
  const second = offsetAt(zone, guess);
  if (first === second) return guess;
  const corrected = local - second * MINUTE_MS;
  const third = offsetAt(zone, corrected);
  if (second === third) return corrected;
  // In a gap neither offset gives this wall time; take the later reading, as the wall clock does.
  return local - Math.min(second, third) * MINUTE_MS;
}

export type OpeningHours = { date: IsoDate; opens: Instant; closes: Instant };

function windowOn(
  hours: BusinessHours,
  zone: ZoneName,
  holidays: ReadonlySet<IsoDate>,
  date: IsoDate,
): [number, number] | null {
  if (isoWeekday(date) > 5 || holidays.has(date)) return null;
  return [zonedHour(zone, date, hours.opens), zonedHour(zone, date, hours.closes)];
}

/**
 * When the clock runs on a date: null on weekends and public holidays. A 24x7 clock runs
 * from local midnight to the next.
 */
export function openingHoursOn(calendar: BusinessCalendar, date: IsoDate): OpeningHours | null {
  const zone = calendar.timeZone;
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  if (calendar.clock === '24x7') {
    return { date, opens: toInstant(zonedHour(zone, date, 0)), closes: toInstant(zonedHour(zone, next, 0)) };
  }
  const holidays = publicHolidays(calendar.country, calendar.region, Number(date.slice(0, 4)));
  const window = windowOn(clockHours[calendar.clock], zone, holidays, date);
  return window ? { date, opens: toInstant(window[0]), closes: toInstant(window[1]) } : null;
}

/**
 * The opening windows of whole local years, oldest first. `through[i]` is the business time
 * (ms) from the first window's opening to the closing of window i. Instants from `coversFrom`
 * to `coversUntil` fall on local dates whose windows are all in the table.
 */
type ClockTable = {
  calendar: BusinessCalendar;
  hours: BusinessHours;
  firstYear: number;
  lastYear: number;
  coversFrom: number;
  coversUntil: number;
  opens: number[];
  closes: number[];
  through: number[];
};

const tables = new Map<string, ClockTable>();
/** Calendars seen before, to skip building the key; checked against the table, so a changed object is safe. */
const tablesByCalendar = new WeakMap<BusinessCalendar, ClockTable>();
/** A guard against runaway arithmetic (e.g. adding a billion minutes): the table spans at most this. */
const MAX_TABLE_YEARS = 400;

function yearWindows(table: ClockTable, year: number): { opens: number[]; closes: number[] } {
  const holidays = publicHolidays(table.calendar.country, table.calendar.region, year);
  const opens: number[] = [];
  const closes: number[] = [];
  const first = Date.UTC(year, 0, 1);
  const last = Date.UTC(year, 11, 31);
  for (let day = first; day <= last; day += DAY_MS) {
    const date = new Date(day).toISOString().slice(0, 10);
    const window = windowOn(table.hours, table.calendar.timeZone, holidays, date);
    if (!window) continue;
    opens.push(window[0]);
    closes.push(window[1]);
  }
  return { opens, closes };
}

function runningTotals(opens: readonly number[], closes: readonly number[]): number[] {
  const through: number[] = new Array<number>(opens.length);
  let total = 0;
  for (let i = 0; i < opens.length; i += 1) {
    total += (closes[i] as number) - (opens[i] as number);
    through[i] = total;
  }
  return through;
}

function addYear(table: ClockTable, year: number): void {
  if (table.lastYear - table.firstYear + 1 >= MAX_TABLE_YEARS) {
    throw new RangeError(`Business-clock arithmetic beyond ${MAX_TABLE_YEARS} years is not supported.`);
  }
  const windows = yearWindows(table, year);
  if (year < table.firstYear) {
    table.opens = [...windows.opens, ...table.opens];
    table.closes = [...windows.closes, ...table.closes];
    table.firstYear = year;
  } else {
    table.opens.push(...windows.opens);
    table.closes.push(...windows.closes);
    table.lastYear = year;
  }
  table.through = runningTotals(table.opens, table.closes);
  // Local years start within 14 h of UTC's, so a day's margin on each side is always enough.
  table.coversFrom = Date.UTC(table.firstYear, 0, 2);
  table.coversUntil = Date.UTC(table.lastYear, 11, 30);
}

function sameCalendar(a: BusinessCalendar, b: BusinessCalendar): boolean {
  return a.clock === b.clock && a.timeZone === b.timeZone && a.country === b.country && a.region === b.region;
}

function tableFor(calendar: BusinessCalendar, hours: BusinessHours, nearMillis: number): ClockTable {
  const known = tablesByCalendar.get(calendar);
  if (known && sameCalendar(known.calendar, calendar)) return known;
  const key = `${calendar.clock}|${calendar.timeZone}|${calendar.country}|${calendar.region ?? ''}`;
  let table = tables.get(key);
  if (!table) {
    const year = new Date(nearMillis).getUTCFullYear();
    table = {
      calendar: calendarOn(calendar, calendar.clock),
      hours,
      firstYear: year,
      lastYear: year - 1,
      coversFrom: 0,
      coversUntil: 0,
      opens: [],
      closes: [],
      through: [],
    };
    addYear(table, year);
    tables.set(key, table);
  }
  tablesByCalendar.set(calendar, table);
  return table;
}

/** Makes sure the table holds every window of the local dates around `millis`. */
function cover(table: ClockTable, millis: number): void {
  while (millis < table.coversFrom) addYear(table, table.firstYear - 1);
  while (millis > table.coversUntil) addYear(table, table.lastYear + 1);
}

/** Index of the last window opening at or before `millis`, or -1. */
function lastOpeningAtOrBefore(table: ClockTable, millis: number): number {
  let low = 0;
  let high = table.opens.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((table.opens[middle] as number) <= millis) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/** Business time (ms) from the table's first opening to `millis`. */
function businessTimeAt(table: ClockTable, millis: number): number {
  const index = lastOpeningAtOrBefore(table, millis);
  if (index < 0) return 0;
  const before = index === 0 ? 0 : (table.through[index - 1] as number);
  return before + Math.min(millis, table.closes[index] as number) - (table.opens[index] as number);
}

function totalOf(table: ClockTable): number {
  return table.through.length === 0 ? 0 : (table.through[table.through.length - 1] as number);
}

/** The first instant at or after `millis` when the clock runs. */
function openingAtOrAfter(table: ClockTable, millis: number): number {
  const index = lastOpeningAtOrBefore(table, millis);
  if (index >= 0 && millis < (table.closes[index] as number)) return millis;
  while (index + 1 >= table.opens.length) addYear(table, table.lastYear + 1);
  return table.opens[index + 1] as number;
}

function hoursOf(calendar: BusinessCalendar): BusinessHours | null {
  return calendar.clock === '24x7' ? null : clockHours[calendar.clock];
}

function preparedTable(calendar: BusinessCalendar, hours: BusinessHours, millis: number): ClockTable {
  const table = tableFor(calendar, hours, millis);
  cover(table, millis);
  return table;
}

export function isOpen(calendar: BusinessCalendar, at: Instant): boolean {
  const hours = hoursOf(calendar);
  if (!hours) return true;
  const millis = instantMillis(at);
  const table = preparedTable(calendar, hours, millis);
  const index = lastOpeningAtOrBefore(table, millis);
  return index >= 0 && millis < (table.closes[index] as number);
}

/** The first instant at or after `at` when the clock runs: `at` itself while it runs. */
export function nextOpening(calendar: BusinessCalendar, at: Instant): Instant {
  const hours = hoursOf(calendar);
  if (!hours) return at;
  const millis = instantMillis(at);
  return toInstant(openingAtOrAfter(preparedTable(calendar, hours, millis), millis));
}

/**
 * `addBusinessMinutes` on epoch milliseconds, for loops over many records: no parsing or
 * formatting of instants. `amount` is in milliseconds.
 */
export function addBusinessMillis(calendar: BusinessCalendar, startMillis: number, amount: number): number {
  if (!Number.isFinite(amount) || amount < 0) {
    throw new RangeError(
      `Business time to add must be finite and not negative, not ${amount / MINUTE_MS} min.`,
    );
  }
  const hours = hoursOf(calendar);
  if (!hours) return startMillis + amount;
  const table = preparedTable(calendar, hours, startMillis);
  if (amount === 0) return openingAtOrAfter(table, startMillis);
  const target = businessTimeAt(table, startMillis) + amount;
  while (totalOf(table) < target) addYear(table, table.lastYear + 1);
  // The first window whose running total reaches the target holds the answer.
  let low = 0;
  let high = table.through.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((table.through[middle] as number) >= target) high = middle;
    else low = middle + 1;
  }
  const before = low === 0 ? 0 : (table.through[low - 1] as number);
  return (table.opens[low] as number) + (target - before);
}

/** `businessMinutesBetween` on epoch milliseconds, in milliseconds. */
export function businessMillisBetween(
  calendar: BusinessCalendar,
  fromMillis: number,
  toMillis: number,
): number {
  const hours = hoursOf(calendar);
  if (!hours) return toMillis - fromMillis;
  const table = tableFor(calendar, hours, fromMillis);
  cover(table, fromMillis);
  cover(table, toMillis);
  return businessTimeAt(table, toMillis) - businessTimeAt(table, fromMillis);
}

/** The instant by which `minutes` of the calendar's clock have run from `start` (see the decisions above). */
export function addBusinessMinutes(calendar: BusinessCalendar, start: Instant, minutes: number): Instant {
  return toInstant(addBusinessMillis(calendar, instantMillis(start), Math.round(minutes * MINUTE_MS)));
}

/** Minutes the calendar's clock runs from `from` to `to`; negative when `to` is earlier. */
export function businessMinutesBetween(calendar: BusinessCalendar, from: Instant, to: Instant): number {
  return businessMillisBetween(calendar, instantMillis(from), instantMillis(to)) / MINUTE_MS;
}
