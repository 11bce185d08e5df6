// Time vocabulary of the domain: date-only values are ISO `yyyy-MM-dd`, instants are
// UTC ISO strings in one fixed shape (so they also sort as strings), zones are IANA names.
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';

/** A calendar date with no time or zone, `yyyy-MM-dd`. */
export type IsoDate = string;
/** An instant, always `yyyy-MM-ddTHH:mm:ss.sssZ` (UTC), so string order is time order. */
export type Instant = string;
/** A wall-clock time of day, `HH:mm`. */
export type LocalTime = string;
/** An IANA time-zone name, e.g. `Europe/Zurich`. */
export type ZoneName = string;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

export const isoDateSchema = z
  .string()
  .regex(isoDatePattern, 'must be a date as yyyy-MM-dd')
  .refine((value) => DateTime.fromISO(value, { zone: 'utc' }).isValid, 'is not a real calendar date');

/** Accepts any ISO instant with an offset and normalises it to UTC `...Z`. */
export const instantSchema = z
  .string()
  .refine(
    (value) => /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) && DateTime.fromISO(value, { setZone: true }).isValid,
    'must be an ISO instant with a zone offset, e.g. 2026-03-01T09:00:00Z',
  )
  .transform((value) => toInstant(DateTime.fromISO(value, { setZone: true }).toMillis()));

export const localTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:mm (00:00-23:59)');

// Checking a zone costs luxon an Intl round trip; every record parse checks one, and a team uses few.
const knownZones = new Set<string>();

export function isKnownZone(value: string): boolean {
  if (knownZones.has(value)) return true;
  if (!IANAZone.isValidZone(value)) return false;
  knownZones.add(value);
  return true;
}

export const zoneSchema = z.string().refine(isKnownZone, 'is not a known IANA time zone');

// ---------------------------------------------------------------------------------------------
// Reading and writing instants and dates by hand. Every recomputation of a customer reads and
// writes hundreds of them; Date.parse costs ~0.2 µs and toISOString ~0.8 µs, these a tenth of
// that. Anything not in the one plain shape (or outside years 0000-9999) goes to Date itself,
// so the answers are always Date's.

/** Earliest and latest-plus-one instant of years 0000-9999. */
const FIRST_FAST_MILLIS = -62_167_219_200_000;
const END_FAST_MILLIS = 253_402_300_800_000;

/** Days since 1970-01-01 of a proleptic Gregorian date. */
function civilDayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Day number of the first of each month of years 1900-2199, so that reading a date is one lookup. */
const TABLE_FIRST_YEAR = 1900;
const TABLE_YEARS = 300;
const monthStartDays = new Int32Array(TABLE_YEARS * 12);
for (let i = 0; i < TABLE_YEARS * 12; i += 1) {
  monthStartDays[i] = civilDayNumber(TABLE_FIRST_YEAR + Math.floor(i / 12), (i % 12) + 1, 1);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The digit at `at` (0-9), or a value above 9 when it is not a digit (or past the end). */
function digit(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) >>> 0;
}

/** Day number of a plain `yyyy-MM-dd` at the start of `text` (at least 10 long), or NaN when it is not a real date. */
function plainDayNumber(text: string): number {
  const y0 = digit(text, 0);
  const y1 = digit(text, 1);
  const y2 = digit(text, 2);
  const y3 = digit(text, 3);
  const m0 = digit(text, 5);
  const m1 = digit(text, 6);
  const d0 = digit(text, 8);
  const d1 = digit(text, 9);
  if (
    y0 > 9 ||
    y1 > 9 ||
    y2 > 9 ||
    y3 > 9 ||
    m0 > 9 ||
    m1 > 9 ||
    d0 > 9 ||
    d1 > 9 ||
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45
  ) {
    return Number.NaN;
  }
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  // Engines differ on 30 February and the like; those are Date's to judge.
  if (month < 1 || month > 12 || day < 1 || (day > 28 && day > daysInMonth(year, month))) {
    return Number.NaN;
  }
  const monthIndex = (year - TABLE_FIRST_YEAR) * 12 + month - 1;
  if (monthIndex >= 0 && monthIndex < TABLE_YEARS * 12)
    return (monthStartDays[monthIndex] as number) + day - 1;
  return civilDayNumber(year, month, day);
}

/**
 * Days since 1970-01-01 of a real calendar date written exactly `yyyy-MM-dd`, else NaN. For
 * such dates, number order is string order, so a loop can compare numbers instead of strings.
 */
export function strictDayNumber(date: IsoDate): number {
  return date.length === 10 ? plainDayNumber(date) : Number.NaN;
}

/**
 * Epoch milliseconds of an instant in the stored shape `yyyy-MM-ddTHH:mm:ss.sssZ` with real
 * date and time fields, else NaN. For such instants, number order is string order.
 */
export function strictInstantMillis(instant: Instant): number {
  if (
    instant.length !== 24 ||
    instant.charCodeAt(10) !== 84 ||
    instant.charCodeAt(13) !== 58 ||
    instant.charCodeAt(16) !== 58 ||
    instant.charCodeAt(19) !== 46 ||
    instant.charCodeAt(23) !== 90
  ) {
    return Number.NaN;
  }
  const h0 = digit(instant, 11);
  const h1 = digit(instant, 12);
  const n0 = digit(instant, 14);
  const n1 = digit(instant, 15);
  const s0 = digit(instant, 17);
  const s1 = digit(instant, 18);
  const f0 = digit(instant, 20);
  const f1 = digit(instant, 21);
  const f2 = digit(instant, 22);
  // 24:00 and the like are Date's to judge.
  if (h0 > 2 || h1 > 9 || n0 > 5 || n1 > 9 || s0 > 5 || s1 > 9 || f0 > 9 || f1 > 9 || f2 > 9) {
    return Number.NaN;
  }
  const hour = h0 * 10 + h1;
  if (hour > 23) return Number.NaN;
  return (
    plainDayNumber(instant) * DAY_MS +
    hour * HOUR_MS +
    (n0 * 10 + n1) * MINUTE_MS +
    (s0 * 10 + s1) * 1000 +
    f0 * 100 +
    f1 * 10 +
    f2
  );
}

/**
 * Day number (days since 1970-01-01) -> its ISO date, for about 270 years either side, in
 * dense blocks of 1024 days (one sparse array would fall back to a slow dictionary).
 */
const isoDatesByBlock: (IsoDate[] | undefined)[] = [];
const DATE_BLOCK_BITS = 10;
const DATE_BLOCK_DAYS = 1 << DATE_BLOCK_BITS;
const DAY_NUMBER_BASE = 100_000;

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** The ISO date of a day number in years 0000-9999 (Hinnant's civil_from_days). */
function isoDateText(dayNumber: number): IsoDate {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/**
 * The ISO date of a day number (days since 1970-01-01), as `toInstant(day * DAY_MS)` would
 * begin; dates are remembered, so the same day gives the same string.
 */
export function isoDateOfDayNumber(dayNumber: number): IsoDate {
  const slot = dayNumber + DAY_NUMBER_BASE;
  if (slot >= 0 && slot < 2 * DAY_NUMBER_BASE && Number.isInteger(slot)) {
    const block = isoDatesByBlock[slot >> DATE_BLOCK_BITS] ?? datesBlock(slot >> DATE_BLOCK_BITS);
    return block[slot & (DATE_BLOCK_DAYS - 1)] as IsoDate;
  }
  const millis = dayNumber * DAY_MS;
  return Number.isInteger(dayNumber) && millis >= FIRST_FAST_MILLIS && millis < END_FAST_MILLIS
    ? isoDateText(dayNumber)
    : new Date(millis).toISOString().slice(0, 10);
}

function datesBlock(blockIndex: number): IsoDate[] {
  const block: IsoDate[] = [];
  const firstDay = blockIndex * DATE_BLOCK_DAYS - DAY_NUMBER_BASE;
  for (let i = 0; i < DATE_BLOCK_DAYS; i += 1) block.push(isoDateText(firstDay + i));
  isoDatesByBlock[blockIndex] = block;
  return block;
}

/** `HH:mm:` of each minute of a day, then `ss` and `.sssZ`, so that an instant is four pieces. */
const minuteTexts: string[] = [];
for (let minute = 0; minute < 24 * 60; minute += 1) {
  minuteTexts.push(`T${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}:`);
}
const secondTexts: string[] = [];
for (let second = 0; second < 60; second += 1) secondTexts.push(pad2(second));
const milliTexts: string[] = [];
for (let milli = 0; milli < 1000; milli += 1) milliTexts.push(`.${String(milli).padStart(3, '0')}Z`);

export function toInstant(millis: number): Instant {
  if (millis >= FIRST_FAST_MILLIS && millis < END_FAST_MILLIS) {
    // Date keeps whole milliseconds, truncated towards zero.
    const whole = Math.trunc(millis);
    const day = Math.floor(whole / DAY_MS);
    let rest = whole - day * DAY_MS;
    const minute = Math.floor(rest / MINUTE_MS);
    rest -= minute * MINUTE_MS;
    const second = Math.floor(rest / 1000);
    return `${isoDateOfDayNumber(day)}${minuteTexts[minute] as string}${secondTexts[second] as string}${milliTexts[rest - second * 1000] as string}`;
  }
  return new Date(millis).toISOString();
}

export function instantMillis(instant: Instant): number {
  // The one shape instants are stored in, read by hand; anything else is Date's to read.
  const millis = strictInstantMillis(instant);
  return Number.isNaN(millis) ? Date.parse(instant) : millis;
}

/** Days since 1970-01-01 of an ISO date (NaN when it is not a date Date can read). */
export function dayNumberOf(date: IsoDate): number {
  const day = strictDayNumber(date);
  if (!Number.isNaN(day)) return day;
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/**
 * zone -> UTC day number -> the zone's offset in minutes when it holds for that whole UTC day,
 * NaN on a day the offset changes. Ledgers date every Go Live and review call with
 * localDateOf; asking luxon each time costs ~10 µs, these lookups a few nanoseconds. Days are
 * kept in blocks of 1024, so a zone costs memory only for the decades it is asked about.
 */
const steadyUtcDayOffsets = new Map<ZoneName, (Float64Array | undefined)[]>();
const OFFSET_BLOCK_BITS = 10;
const OFFSET_BLOCK_DAYS = 1 << OFFSET_BLOCK_BITS;
/** Marks a day not looked up yet (a real offset is within ±24 h, NaN marks a change day). */
const UNKNOWN_OFFSET = 1e9;
let lastOffsetZone: ZoneName | null = null;
let lastOffsetBlocks: (Float64Array | undefined)[] = [];

/**
 * The zone's UTC offset in minutes when one offset holds for the whole UTC day `day` (days
 * since 1970-01-01), else NaN (a change day, an unknown zone, or a day out of range).
 */
export function steadyOffsetOnUtcDay(zone: ZoneName, day: number): number {
  let blocks: (Float64Array | undefined)[] | undefined;
  if (zone === lastOffsetZone) blocks = lastOffsetBlocks;
  else {
    blocks = steadyUtcDayOffsets.get(zone);
    if (!blocks) {
      // An invalid zone gives NaN offsets, which fall through to luxon's own answer.
      if (!IANAZone.isValidZone(zone)) return Number.NaN;
      blocks = [];
      steadyUtcDayOffsets.set(zone, blocks);
    }
    lastOffsetZone = zone;
    lastOffsetBlocks = blocks;
  }
  const slot = day + DAY_NUMBER_BASE;
  if (!(slot >= 0 && slot < 2 * DAY_NUMBER_BASE) || !Number.isInteger(slot)) return Number.NaN;
  const blockIndex = slot >> OFFSET_BLOCK_BITS;
  let block = blocks[blockIndex];
  if (!block) {
    block = new Float64Array(OFFSET_BLOCK_DAYS).fill(UNKNOWN_OFFSET);
    blocks[blockIndex] = block;
  }
  const within = slot & (OFFSET_BLOCK_DAYS - 1);
  const cached = block[within] as number;
  if (cached !== UNKNOWN_OFFSET) return cached;
  const found = IANAZone.create(zone);
  const first = found.offset(day * DAY_MS);
  const last = found.offset((day + 1) * DAY_MS - 1);
  const steady = first === last ? first : Number.NaN;
  block[within] = steady;
  return steady;
}

/** The local day number (days since 1970-01-01) of an instant in a zone, or NaN when the zone's offset is not steady that day. */
function steadyLocalDay(millis: number, zone: ZoneName): number {
  if (!(millis >= FIRST_FAST_MILLIS + DAY_MS && millis < END_FAST_MILLIS - DAY_MS)) return Number.NaN;
  const offset = steadyOffsetOnUtcDay(zone, Math.floor(millis / DAY_MS));
  return Math.floor((millis + offset * MINUTE_MS) / DAY_MS);
}

/** The calendar date an instant falls on in a zone. */
export function localDateOf(instant: Instant, zone: ZoneName): IsoDate {
  return localDateAt(instantMillis(instant), zone);
}

/** `localDateOf` of an instant given as epoch milliseconds. */
export function localDateAt(millis: number, zone: ZoneName): IsoDate {
  const day = steadyLocalDay(millis, zone);
  if (!Number.isNaN(day)) return isoDateOfDayNumber(day);
  return DateTime.fromMillis(millis, { zone }).toISODate() as IsoDate;
}

/**
 * `localDateOf` as a day number (days since 1970-01-01), for loops that compare and sort dates:
 * `isoDateOfDayNumber` of it is `localDateOf`. NaN when that date is not a plain yyyy-MM-dd.
 */
export function localDayNumber(instant: Instant, zone: ZoneName): number {
  const millis = instantMillis(instant);
  const day = steadyLocalDay(millis, zone);
  if (!Number.isNaN(day)) return day;
  return strictDayNumber(localDateOf(instant, zone));
}

export type LocalDateTimeResult =
  { ok: true; instant: Instant } | { ok: false; reason: 'invalid' | 'nonexistent'; message: string };

/**
 * Turns a wall-clock date and time in a zone into an instant. A time that does not
 * exist (skipped by a spring-forward change) is refused rather than silently moved;
 * an ambiguous time (repeated by a fall-back change) takes its first occurrence.
 */
export function localToInstant(date: IsoDate, time: LocalTime, zone: ZoneName): LocalDateTimeResult {
  const local = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!local.isValid)
    return { ok: false, reason: 'invalid', message: `${date} ${time} is not a valid time in ${zone}` };
  if (local.toFormat('yyyy-MM-dd HH:mm') !== `${date} ${time}`) {
    return {
      ok: false,
      reason: 'nonexistent',
      message: `${date} ${time} does not exist in ${zone} (the clocks skip it for daylight saving)`,
    };
  }
  const first = Math.min(...local.getPossibleOffsets().map((candidate) => candidate.toMillis()));
  return { ok: true, instant: toInstant(Number.isFinite(first) ? first : local.toMillis()) };
}

/** Whole days from `from` to `to` (dates), negative when `to` is earlier. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const difference = strictDayNumber(to) - strictDayNumber(from);
  if (!Number.isNaN(difference)) return difference;
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (Number.isInteger(days)) {
    const day = strictDayNumber(date) + days;
    if (day * DAY_MS >= FIRST_FAST_MILLIS && day * DAY_MS < END_FAST_MILLIS) return isoDateOfDayNumber(day);
  }
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a date: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  const dayNumber = strictDayNumber(date);
  // 1970-01-01 was a Thursday.
  if (!Number.isNaN(dayNumber)) return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The Monday that starts the ISO week holding `date`. */
export function weekStartOf(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** Formats a span of minutes the way a TAM reads it: `41 h 5 min`, `2 h`, `15 min`. */
export function formatMinutes(totalMinutes: number): string {
  const sign = totalMinutes < 0 ? '-' : '';
  const minutes = Math.abs(Math.round(totalMinutes));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${sign}${rest} min`;
  if (rest === 0) return `${sign}${hours} h`;
  return `${sign}${hours} h ${rest} min`;
}
