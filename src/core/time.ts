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

export const zoneSchema = z
  .string()
  .refine((value) => IANAZone.isValidZone(value), 'is not a known IANA time zone');

export function toInstant(millis: number): Instant {
  return new Date(millis).toISOString();
}

export function instantMillis(instant: Instant): number {
  return Date.parse(instant);
}

/**
 * zone -> UTC day number -> the zone's offset in minutes when it holds for that whole UTC day,
 * NaN on a day the offset changes. Ledgers date every Go Live and review call with
 * localDateOf; asking luxon each time costs ~10 µs, these lookups well under 1 µs.
 */
const steadyUtcDayOffsets = new Map<ZoneName, Map<number, number>>();
const STEADY_OFFSET_DAYS_LIMIT = 100_000;

function steadyOffsetOnUtcDay(zone: ZoneName, day: number): number {
  let days = steadyUtcDayOffsets.get(zone);
  if (!days) {
    days = new Map();
    steadyUtcDayOffsets.set(zone, days);
  }
  const cached = days.get(day);
  if (cached !== undefined) return cached;
  // An invalid zone gives NaN offsets, which fall through to luxon's own answer.
  const found = IANAZone.create(zone);
  const first = found.offset(day * DAY_MS);
  const last = found.offset((day + 1) * DAY_MS - 1);
  const steady = first === last ? first : Number.NaN;
  if (days.size >= STEADY_OFFSET_DAYS_LIMIT) days.clear();
  days.set(day, steady);
  return steady;
}

/** Day number (days since 1970-01-01) -> its ISO date, for about 270 years either side. */
const isoDatesByDay: IsoDate[] = [];
const DAY_NUMBER_BASE = 100_000;

function isoDateOfDay(day: number): IsoDate | null {
  const slot = day + DAY_NUMBER_BASE;
  const inRange = slot >= 0 && slot < 2 * DAY_NUMBER_BASE;
  if (inRange) {
    const cached = isoDatesByDay[slot];
    if (cached !== undefined) return cached;
  }
  const text = new Date(day * DAY_MS).toISOString();
  // Years outside 0000-9999 print with a sign; leave those to luxon.
  if (text.length !== 24) return null;
  const date = text.slice(0, 10);
  if (inRange) isoDatesByDay[slot] = date;
  return date;
}

/** The calendar date an instant falls on in a zone. */
export function localDateOf(instant: Instant, zone: ZoneName): IsoDate {
  const millis = instantMillis(instant);
  if (Number.isFinite(millis)) {
    const offset = steadyOffsetOnUtcDay(zone, Math.floor(millis / DAY_MS));
    if (!Number.isNaN(offset)) {
      const date = isoDateOfDay(Math.floor((millis + offset * MINUTE_MS) / DAY_MS));
      if (date !== null) return date;
    }
  }
  return DateTime.fromMillis(millis, { zone }).toISODate() as IsoDate;
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
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a date: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
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
