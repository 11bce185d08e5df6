// Public holidays of the country (and region or canton) where a plan was contracted: the
// days the business-hours clocks stand still. Source: the date-holidays rule data.
//
// Decisions (ARCHITECTURE.md, "Public holidays"):
// - Only holidays date-holidays types as `public` count; bank holidays, observances, optional
//   and school days do not (Brazil's Carnaval is `bank`/`optional` there, so the clock runs).
// - Public holidays that fall on a Sunday (Ostersonntag, Pfingstsonntag and the Bettag in
//   Switzerland) are in the set as date-holidays returns them; the clocks run Monday to
//   Friday, so they change nothing.
// - 2 January (Berchtoldstag) is not a public holiday in St. Gallen per date-holidays (it is
//   not in the canton's list at all), so the clock runs on it.
// - A public holiday that starts at noon (a few countries have afternoon holidays) takes the
//   whole date out; one that lasts several days (e.g. Eid in some countries) takes out each date.
// - An unknown country yields no holidays rather than an error, so one mistyped customer
//   cannot stop a team's ledger; `holidayRulesKnown` lets the UI warn about it.
import Holidays from 'date-holidays';
import { addDays, DAY_MS, type IsoDate } from './time';

type PublicHoliday = { first: IsoDate; days: number };

const instances = new Map<string, Holidays>();
const holidaysByYear = new Map<string, readonly PublicHoliday[]>();
const yearSets = new Map<string, ReadonlySet<IsoDate>>();

function placeKey(country: string, region: string | null): string {
  return region ? `${country}-${region}` : country;
}

function rulesOf(country: string, region: string | null): Holidays {
  const key = placeKey(country, region);
  let instance = instances.get(key);
  if (!instance) {
    // Asking only for public holidays makes date-holidays several times faster.
    const options = { types: ['public' as const] };
    instance = region ? new Holidays(country, region, options) : new Holidays(country, options);
    instances.set(key, instance);
  }
  return instance;
}

/** The public holidays date-holidays lists for a year, each as its first local date and length. */
function holidaysStartingIn(country: string, region: string | null, year: number): readonly PublicHoliday[] {
  const key = `${placeKey(country, region)}:${year}`;
  let list = holidaysByYear.get(key);
  if (!list) {
    list = rulesOf(country, region)
      .getHolidays(year)
      .filter((holiday) => holiday.type === 'public')
      .map((holiday) => ({
        // `date` is the local 'yyyy-MM-dd HH:mm:ss[ ±hhmm]' of the start; start and end are
        // instants, whose difference gives the number of days (23 or 25 h days round to one).
        first: holiday.date.slice(0, 10),
        days: Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS)),
      }));
    holidaysByYear.set(key, list);
  }
  return list;
}

/**
 * The public holidays of a country (and region/canton) in one calendar year, as local dates.
 * Cached per place and year: the result is shared, never mutate it.
 */
export function publicHolidays(country: string, region: string | null, year: number): ReadonlySet<IsoDate> {
  const key = `${placeKey(country, region)}:${year}`;
  const cached = yearSets.get(key);
  if (cached) return cached;
  const dates = new Set<IsoDate>();
  const prefix = `${year}-`;
  // The previous year too: a holiday of several days may start on 30 or 31 December.
  for (const holiday of [
    ...holidaysStartingIn(country, region, year - 1),
    ...holidaysStartingIn(country, region, year),
  ]) {
    for (let offset = 0; offset < holiday.days; offset += 1) {
      const date = addDays(holiday.first, offset);
      if (date.startsWith(prefix)) dates.add(date);
    }
  }
  yearSets.set(key, dates);
  return dates;
}

export function isPublicHoliday(country: string, region: string | null, date: IsoDate): boolean {
  return publicHolidays(country, region, Number(date.slice(0, 4))).has(date);
}

/** Whether date-holidays has rules for the country and, when given, for the region in it. */
export function holidayRulesKnown(country: string, region: string | null): boolean {
  const countries = new Holidays().getCountries();
  if (!countries || !(country in countries)) return false;
  if (!region) return true;
  const regions = new Holidays().getStates(country);
  return Boolean(regions && region in regions);
}
