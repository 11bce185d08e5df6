// How instants, dates, durations and numbers read on screen: always with the zone they are shown
// in, because a TAM and the customer rarely share one, and in the language the TAM chose.
import { DateTime } from 'luxon';
import { formatMinutes, type Instant, type IsoDate, type ZoneName } from '../../../core/time';

export type DisplayLanguage = 'en' | 'de';

// Tokens fix the order per language; en-US only names the months and days ("Sep", not "Sept").
const displayFormats = {
  en: {
    locale: 'en-US',
    instant: 'ccc d LLL yyyy, HH:mm',
    shortInstant: 'ccc d LLL, HH:mm',
    date: 'd LLL yyyy',
    shortDate: 'ccc d LLL',
    day: 'd',
  },
  de: {
    locale: 'de-DE',
    instant: 'ccc d. LLL yyyy, HH:mm',
    shortInstant: 'ccc d. LLL, HH:mm',
    date: 'd. LLL yyyy',
    shortDate: 'ccc d. LLL',
    day: 'T',
  },
} as const;

let display: (typeof displayFormats)[DisplayLanguage] = displayFormats.en;
let numberFormat = new Intl.NumberFormat(display.locale);

/** Set by the i18n layer when the TAM picks a language; every format below follows it. */
export function setDisplayLanguage(language: DisplayLanguage): void {
  display = displayFormats[language];
  numberFormat = new Intl.NumberFormat(display.locale);
}

/** The BCP 47 locale dates and numbers are shown in ("en-US", "de-DE"). */
export function displayLocale(): string {
  return display.locale;
}

/** "Tue 14 Apr 2026, 10:00" in the zone ("Di. 14. Apr. 2026, 10:00" in German). */
export function formatInstant(instant: Instant, zone: ZoneName): string {
  return DateTime.fromISO(instant, { zone }).setLocale(display.locale).toFormat(display.instant);
}

/** "Tue 14 Apr, 10:00" in the zone, for lists within the year. */
export function formatShortInstant(instant: Instant, zone: ZoneName): string {
  return DateTime.fromISO(instant, { zone }).setLocale(display.locale).toFormat(display.shortInstant);
}

/**
 * For lists that reach into the past: the short form for what is still ahead this year, the form
 * with the year for anything past or in another year ("Tue 14 Apr 2026, 10:00").
 */
export function formatListInstant(instant: Instant, zone: ZoneName, now: Instant): string {
  const at = DateTime.fromISO(instant, { zone });
  const ahead = instant >= now && at.year === DateTime.fromISO(now, { zone }).year;
  return at.setLocale(display.locale).toFormat(ahead ? display.shortInstant : display.instant);
}

/** "10:00" in the zone. */
export function formatClock(instant: Instant, zone: ZoneName): string {
  return DateTime.fromISO(instant, { zone }).toFormat('HH:mm');
}

/** "14 Apr 2026". */
export function formatDate(date: IsoDate): string {
  return DateTime.fromISO(date, { zone: 'utc' }).setLocale(display.locale).toFormat(display.date);
}

/** "Tue 14 Apr". */
export function formatShortDate(date: IsoDate): string {
  return DateTime.fromISO(date, { zone: 'utc' }).setLocale(display.locale).toFormat(display.shortDate);
}

/**
 * Luxon's short zone name ('ZZZZ') builds a new Intl.DateTimeFormat on every call, which costs more
 * than everything else a row of deadlines shows (150–200 ms for one customer's tickets on this
 * machine). The same formatter, with the same options as luxon's, kept per locale and zone.
 */
const zoneNameFormats = new Map<string, Intl.DateTimeFormat>();

function zoneNameFormat(locale: string, zone: string): Intl.DateTimeFormat {
  const key = `${locale}|${zone}`;
  let format = zoneNameFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZoneName: 'short',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: zone,
    });
    zoneNameFormats.set(key, format);
  }
  return format;
}

/** The zone's short name at that instant, as luxon's 'ZZZZ' writes it, with luxon's own words. */
export function zoneAbbreviationUncached(instant: Instant, zone: ZoneName): string {
  return DateTime.fromISO(instant, { zone }).setLocale(display.locale).toFormat('ZZZZ');
}

/** The zone's short name at that instant, e.g. "CEST" or "GMT-3" ("MESZ" in German). */
export function zoneAbbreviation(instant: Instant, zone: ZoneName): string {
  const at = DateTime.fromISO(instant, { zone });
  // Fixed offsets, UTC and invalid input: luxon's own words (no Intl formatter is built for them).
  if (!at.isValid || at.zone.type !== 'iana') return zoneAbbreviationUncached(instant, zone);
  const name = zoneNameFormat(display.locale, at.zone.name)
    .formatToParts(new Date(at.toMillis()))
    .find((part) => part.type === 'timeZoneName');
  return name ? name.value : zoneAbbreviationUncached(instant, zone);
}

/** 1,234.5 or 1.234,5 by the display language. */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** "2 d 7 h 12 min" ("2 T 7 h 12 min") from a number of minutes; "0 min" for less than one. */
export function formatDuration(totalMinutes: number): string {
  const minutes = Math.max(0, Math.floor(totalMinutes));
  const days = Math.floor(minutes / (24 * 60));
  const rest = minutes - days * 24 * 60;
  return days > 0 ? `${days} ${display.day} ${formatMinutes(rest)}` : formatMinutes(rest);
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
