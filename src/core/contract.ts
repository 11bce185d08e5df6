// Contract years and the contract term. Allowances restart on each anniversary of the
// start date; service credits lengthen the term, so the term end is derived, never typed.
//
// Decisions (ARCHITECTURE.md, "Contract years"):
// - Anniversaries are computed from the original start date, not chained: a contract that
//   starts on 29 Feb has its anniversary on 28 Feb in common years and on 29 Feb in leap years.
// - Month arithmetic clamps to the month's last day: 31 Jan + 1 month = 28 (or 29) Feb.
// - The term ends (exclusive) at start + termMonths, plus one day per service-credit day.
//   Credit days lengthen the last contract year; they never open a new one with fresh allowances.
import { DateTime } from 'luxon';
import type { Contract } from './records';
import { strictDayNumber, type IsoDate } from './time';

export type ContractYear = {
  /** 1-based. */
  index: number;
  /** First day of the year. */
  from: IsoDate;
  /** First day after the year (exclusive). */
  to: IsoDate;
};

const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (0-based), Gregorian. */
function daysInMonth(year: number, month: number): number {
  if (month === 1) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return monthLengths[month] ?? 31;
}

/**
 * Luxon's calendar arithmetic (years and months first, clamped to the month's last day, then
 * days) done on the date's own fields: every ledger works out its contract years, and luxon
 * costs ~30 µs a step. Anything not a plain yyyy-MM-dd in years 0000-9999 goes to luxon.
 */
function plus(date: IsoDate, duration: { years?: number; months?: number; days?: number }): IsoDate {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    const monthIndex =
      Number(date.slice(0, 4)) * 12 +
      Number(date.slice(5, 7)) -
      1 +
      (duration.years ?? 0) * 12 +
      (duration.months ?? 0);
    const year = Math.floor(monthIndex / 12);
    const month = monthIndex - year * 12;
    const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
    if (!duration.days && year >= 0 && year <= 9999) {
      return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    }
    const result = new Date(0);
    result.setUTCFullYear(year, month, day + (duration.days ?? 0));
    const text = Number.isNaN(result.getTime()) ? '' : result.toISOString();
    if (text.length === 24) return text.slice(0, 10);
  }
  return DateTime.fromISO(date, { zone: 'utc' }).plus(duration).toISODate() as IsoDate;
}

/** The anniversary that starts contract year `index` (1-based). */
export function anniversary(startDate: IsoDate, index: number): IsoDate {
  return plus(startDate, { years: index - 1 });
}

/** The end of the base term (exclusive), before service credits. */
export function baseTermEnd(contract: Pick<Contract, 'startDate' | 'termMonths'>): IsoDate {
  return plus(contract.startDate, { months: contract.termMonths });
}

/** The end of the term (exclusive): start + term + one day per service-credit day. */
export function termEnd(
  contract: Pick<Contract, 'startDate' | 'termMonths'>,
  serviceCreditDays: number,
): IsoDate {
  return plus(baseTermEnd(contract), { days: serviceCreditDays });
}

/** The date the contract must be renewed by: the day after the term's last day. */
export function renewalDate(
  contract: Pick<Contract, 'startDate' | 'termMonths'>,
  serviceCreditDays: number,
): IsoDate {
  return termEnd(contract, serviceCreditDays);
}

/** Every contract year of the term, the last one lengthened by service credits. */
export function contractYears(
  contract: Pick<Contract, 'startDate' | 'termMonths'>,
  serviceCreditDays: number,
): ContractYear[] {
  const count = Math.max(1, Math.ceil(contract.termMonths / 12));
  const end = termEnd(contract, serviceCreditDays);
  const years: ContractYear[] = [];
  for (let index = 1; index <= count; index += 1) {
    const from = anniversary(contract.startDate, index);
    const to = index === count ? end : anniversary(contract.startDate, index + 1);
    years.push({ index, from, to });
  }
  return years;
}

/** start (as text, when it is not a plain date) -> term months and credits -> contract years: thousands of customers share a few shapes. */
const termYearsCache = new Map<IsoDate, Map<number, readonly ContractYear[]>>();
const TERM_YEARS_CACHE_LIMIT = 50_000;

/**
 * `contractYears`, frozen and shared between callers with the same start, term and credits:
 * every recomputation of every customer needs them, and most customers share a few shapes.
 */
export function termYears(
  contract: Pick<Contract, 'startDate' | 'termMonths'>,
  serviceCreditDays: number,
): readonly ContractYear[] {
  // The status and the ledger of one customer ask one after the other: answer the repeat at once.
  if (
    lastYears !== null &&
    lastStartDate === contract.startDate &&
    lastTermMonths === contract.termMonths &&
    lastCreditDays === serviceCreditDays
  ) {
    return lastYears;
  }
  const years = sharedTermYears(contract, serviceCreditDays);
  lastStartDate = contract.startDate;
  lastTermMonths = contract.termMonths;
  lastCreditDays = serviceCreditDays;
  lastYears = years;
  return years;
}

let lastStartDate: IsoDate = '';
let lastTermMonths = 0;
let lastCreditDays = 0;
let lastYears: readonly ContractYear[] | null = null;

function sharedTermYears(
  contract: Pick<Contract, 'startDate' | 'termMonths'>,
  serviceCreditDays: number,
): readonly ContractYear[] {
  // Keyed by numbers, so that no key text is built or hashed: a start that is a plain date, a
  // term and credits that are small whole numbers make one number (exact: below 2^53); anything
  // else goes by the start's text and the shape.
  const { termMonths } = contract;
  const shape =
    Number.isInteger(termMonths) &&
    Number.isInteger(serviceCreditDays) &&
    termMonths >= 0 &&
    termMonths < 100_000 &&
    serviceCreditDays >= 0 &&
    serviceCreditDays < 10_000
      ? termMonths * 10_000 + serviceCreditDays
      : Number.NaN;
  if (Number.isNaN(shape)) return freshTermYears(contract, serviceCreditDays);
  const startDay = strictDayNumber(contract.startDate);
  if (startDay >= FIRST_PLAIN_DAY && startDay < END_PLAIN_DAY) {
    const key = (startDay - FIRST_PLAIN_DAY) * 1e9 + shape;
    const cached = termYearsByNumbers.get(key);
    if (cached) return cached;
    const years = freshTermYears(contract, serviceCreditDays);
    if (termYearsByNumbers.size >= TERM_YEARS_CACHE_LIMIT) termYearsByNumbers.clear();
    termYearsByNumbers.set(key, years);
    return years;
  }
  let byShape = termYearsCache.get(contract.startDate);
  const cached = byShape?.get(shape);
  if (cached) return cached;
  const years = freshTermYears(contract, serviceCreditDays);
  if (!byShape) {
    if (termYearsCache.size >= TERM_YEARS_CACHE_LIMIT) termYearsCache.clear();
    byShape = new Map();
    termYearsCache.set(contract.startDate, byShape);
  }
  byShape.set(shape, years);
  return years;
}

/** Day numbers of 0000-01-01 and 10000-01-01: plain dates lie between. */
const FIRST_PLAIN_DAY = -719_528;
const END_PLAIN_DAY = 2_932_897;

/** (start day - FIRST_PLAIN_DAY) * 1e9 + term months * 1e4 + credit days -> the contract years. */
const termYearsByNumbers = new Map<number, readonly ContractYear[]>();

function freshTermYears(
  contract: Pick<Contract, 'startDate' | 'termMonths'>,
  serviceCreditDays: number,
): readonly ContractYear[] {
  return Object.freeze(contractYears(contract, serviceCreditDays).map((year) => Object.freeze(year)));
}

/** The contract year a date falls in, or `null` before the start or after the term. */
export function contractYearOf(years: readonly ContractYear[], date: IsoDate): ContractYear | null {
  for (const year of years) {
    if (date >= year.from && date < year.to) return year;
  }
  return null;
}
