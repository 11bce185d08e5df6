// How instants, dates and durations read on screen: always with the zone they are shown in,
// because a TAM and the customer rarely share one.
import { DateTime } from 'luxon';
import { formatMinutes, type Instant, type IsoDate, type ZoneName } from '../../../core/time';

// Tokens fix the order; en-US only names the months and days ("Sep", not "Sept").
const locale = 'en-US';

/** "Tue 14 Apr 2026, 10:00" in the zone. */
export function formatInstant(instant: Instant, zone: ZoneName): string {
  return DateTime.fromISO(instant, { zone }).setLocale(locale).toFormat('ccc d LLL yyyy, HH:mm');
}

/** "Tue 14 Apr, 10:00" in the zone, for lists within the year. */
export function formatShortInstant(instant: Instant, zone: ZoneName): string {
  return DateTime.fromISO(instant, { zone }).setLocale(locale).toFormat('ccc d LLL, HH:mm');
}

/** "10:00" in the zone. */
export function formatClock(instant: Instant, zone: ZoneName): string {
  return DateTime.fromISO(instant, { zone }).toFormat('HH:mm');
}

/** "14 Apr 2026". */
export function formatDate(date: IsoDate): string {
  return DateTime.fromISO(date, { zone: 'utc' }).setLocale(locale).toFormat('d LLL yyyy');
}

/** "Tue 14 Apr". */
export function formatShortDate(date: IsoDate): string {
  return DateTime.fromISO(date, { zone: 'utc' }).setLocale(locale).toFormat('ccc d LLL');
}

/** The zone's short name at that instant, e.g. "CEST" or "GMT-3". */
export function zoneAbbreviation(instant: Instant, zone: ZoneName): string {
  return DateTime.fromISO(instant, { zone }).setLocale(locale).toFormat('ZZZZ');
}

/** "2 d 7 h 12 min" from a number of minutes; "0 min" for less than one. */
export function formatDuration(totalMinutes: number): string {
  const minutes = Math.max(0, Math.floor(totalMinutes));
  const days = Math.floor(minutes / (24 * 60));
  const rest = minutes - days * 24 * 60;
  return days > 0 ? `${days} d ${formatMinutes(rest)}` : formatMinutes(rest);
}

/** Minutes from `now` to `instant`, negative when it has passed. */
export function minutesUntil(instant: Instant, now: Instant): number {
  return Math.floor((Date.parse(instant) - Date.parse(now)) / 60_000);
}

/** The date in the zone at that instant. */
export function dateInZone(instant: Instant, zone: ZoneName): IsoDate {
  return DateTime.fromISO(instant, { zone }).toISODate() ?? instant.slice(0, 10);
}

/** The local time "HH:mm" in the zone at that instant. */
export function timeInZone(instant: Instant, zone: ZoneName): string {
  return DateTime.fromISO(instant, { zone }).toFormat('HH:mm');
}
