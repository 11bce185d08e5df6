// The allowance ledger: for each contract year and kind, what was included, bought,
// reserved, used and what remains — always derived from the records, never a stored counter.
//
// Decisions (ARCHITECTURE.md, "The allowance ledger"):
// - Which records count, and on which date, comes only from consumption.ts; a record counts in
//   the contract year holding that date. Records dated outside the term (or for a customer with
//   no contract or an unknown plan) count in no year and are listed in `outsideTerm`, marked
//   billable, so nothing is silently lost.
// - Billable is derived, never stored: the entries of a year in the order they were requested
//   (Go Live: requestedAt; the others: their date, then id) use the available units first; the
//   rest are billable. A record's `billableAccepted` only says the customer agreed to pay.
// - Custom configurations count distinct sites per contract year: the first configuration of a
//   site in a year takes the unit, later ones of that site appear with quantity 0.
// - TAM hours: the weekly budget times the weeks of that contract year (days / 7), to 2 decimals;
//   the entry whose minutes cross the budget, and every later one, is billable.
// - Reserved: the unspent units of reservations that are active at `now`, by reservations.ts.
// - Forecast pace is used / max(days elapsed, 30): the 30-day floor keeps one early booking
//   from predicting that the year's allowance is gone within days. Use dated ahead (a Go Live
//   booked for next month) counts in the pace, as it is already taken. An allowance already
//   used up ran out on the date of the entry that took the last available unit (today, if that
//   entry is dated ahead); one emptied by reservations runs out today.
// - A line with nothing available (a pay-per-use plan) never "runs out": everything is billed.
import { termYears, type ContractYear } from './contract';
import {
  bestPracticesReviewConsumes,
  customConfigurationConsumes,
  goLiveConsumesUnit,
  goLiveDate,
  goLiveDay,
  reviewCallCountsAsTamTime,
  reviewCallTamDate,
  reviewCallTamDay,
  trainingDayConsumes,
} from './consumption';
import {
  allowanceKinds,
  findPlanTemplate,
  planOffers,
  type AllowanceKind,
  type Allowances,
  type PlanTemplate,
} from './plans';
import type { CustomerBook, TableName } from './records';
import { reject, type Result } from './rejection';
import { reservationSpendableBy, reservationState } from './reservations';
import {
  addDays,
  daysBetween,
  isoDateOfDayNumber,
  localDateOf,
  strictDayNumber,
  type Instant,
  type IsoDate,
} from './time';

export type LedgerKind = AllowanceKind | 'tamHours';

export const ledgerKinds: readonly LedgerKind[] = [...allowanceKinds, 'tamHours'];

export type LedgerEntry = {
  table: TableName;
  recordId: string;
  /** The date the entry counts on. */
  date: IsoDate;
  label: string;
  /** Units (TAM hours: hours, to two decimals). */
  quantity: number;
  /** Derived: the part of the year's use beyond what is available, in booking order. */
  billable: boolean;
};

export type AllowanceForecast = {
  /** Units used per day so far this contract year. */
  perDay: number;
  /** When the remaining units run out at that pace; null if they do not within the year. */
  exhaustsOn: IsoDate | null;
  runsOutBeforeRenewal: boolean;
};

export type AllowanceLine = {
  kind: LedgerKind;
  contractYear: ContractYear;
  included: number;
  addOn: number;
  /** included + addOn */
  available: number;
  /** Held back by active reservations not yet spent. */
  reserved: number;
  used: number;
  /** max(0, available - used - reserved) */
  remaining: number;
  /** max(0, used - available): billable. */
  overage: number;
  entries: LedgerEntry[];
  /** Only for the contract year holding `today`. */
  forecast: AllowanceForecast | null;
};

export type LedgerContext = {
  templates: readonly PlanTemplate[];
  today: IsoDate;
  now: Instant;
  serviceCreditDays: number;
};

export type YearLedger = { contractYear: ContractYear; lines: Record<LedgerKind, AllowanceLine> };

/** An entry that counts in no contract year; it is billable if it happens at all. */
export type OutsideTermEntry = LedgerEntry & { kind: LedgerKind };

export type CustomerLedger = {
  /** `no-contract` / `unknown-plan`: there are no contract years, every entry is outside. */
  status: 'ok' | 'no-contract' | 'unknown-plan';
  years: YearLedger[];
  outsideTerm: OutsideTermEntry[];
};

/** A row of the customers grid: one kind in the contract year holding today. */
export type AllowanceSummaryRow = {
  kind: LedgerKind;
  contractYear: number;
  available: number;
  used: number;
  reserved: number;
  remaining: number;
  overage: number;
  runsOutBeforeRenewal: boolean;
  exhaustsOn: IsoDate | null;
};

/** Below this many elapsed days the pace is spread over this many, see the file's decisions. */
export const FORECAST_MIN_DAYS = 30;

/** A year's lines, one per kind, in this order: line index = year slot * KINDS + kind slot. */
const GO_LIVE = 0;
const REVIEWS = 1;
const TRAINING = 2;
const SITES = 3;
const TAM = 4;
const KINDS = 5;

function hoursOf(minutes: number): number {
  return Math.round((minutes * 100) / 60) / 100;
}

function twoDecimals(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Where a date goes: a year's slot (>= 0), nowhere (SKIP: a year not asked for) or OUTSIDE the term. */
const SKIP = -1;
const OUTSIDE = -2;

/**
 * The contract years as day numbers, for comparing numbers instead of strings in the loop over
 * the records. Kept per (shared, frozen) list of years from termYears; `numeric` is false when
 * some bound is not a plain yyyy-MM-dd, and then dates are compared as strings, as before.
 */
type YearDays = {
  numeric: boolean;
  termStartDay: number;
  termEndDay: number;
  fromDays: number[];
  toDays: number[];
};

const yearDaysCache = new WeakMap<readonly ContractYear[], YearDays>();

function yearDaysOf(allYears: readonly ContractYear[], termStart: IsoDate, termEnd: IsoDate): YearDays {
  const cached = yearDaysCache.get(allYears);
  if (cached) return cached;
  const termStartDay = strictDayNumber(termStart);
  const termEndDay = strictDayNumber(termEnd);
  let numeric = !Number.isNaN(termStartDay + termEndDay);
  const fromDays: number[] = [];
  const toDays: number[] = [];
  for (const year of allYears) {
    const from = strictDayNumber(year.from);
    const to = strictDayNumber(year.to);
    if (Number.isNaN(from + to)) numeric = false;
    fromDays.push(from);
    toDays.push(to);
  }
  const made: YearDays = { numeric, termStartDay, termEndDay, fromDays, toDays };
  yearDaysCache.set(allYears, made);
  return made;
}

/**
 * One ledger's reading of the book. Entries go to reused scratch space first (with their line
 * and request-order key), and only then into lists of exactly their length: this runs for every
 * record of every customer on each recomputation, so it builds nothing that is not kept.
 *
 * Dates and request moments are compared as numbers: a date as its day number, a Go Live's
 * requestedAt as epoch milliseconds. For plain yyyy-MM-dd dates and stored-shape instants,
 * number order is text order, and reading one costs less than two text comparisons; a line
 * holding anything else (key NaN) is sorted by the texts, and such a date is placed by text.
 */
type Reading = {
  /** All contract years of the term; null when every entry is outside the term. */
  allYears: readonly ContractYear[] | null;
  /** allYears index -> slot of the years asked for, or SKIP. */
  slotOfYear: readonly number[];
  termStart: IsoDate;
  termEnd: IsoDate;
  days: YearDays | null;
  outsideTerm: OutsideTermEntry[];
};

// The scratch space (one ledger at a time; nothing here outlives a call). Typed arrays take
// numbers without boxing; the entries wait in a list of the call's own.
let scratchLines = new Int32Array(256);
let scratchKeys = new Float64Array(256);
let scratchCount = 0;
let lineCounts = new Int32Array(64);
let lineFirsts = new Int32Array(64);
let lineByText = new Uint8Array(64);
let sortKeys = new Float64Array(256);

function slotOfDate(reading: Reading, date: IsoDate): number {
  const years = reading.allYears;
  if (years === null || date < reading.termStart || date >= reading.termEnd) return OUTSIDE;
  for (let y = 0; y < years.length; y += 1) {
    const year = years[y] as ContractYear;
    if (date >= year.from && date < year.to) return reading.slotOfYear[y] as number;
  }
  return SKIP;
}

function slotOfDay(reading: Reading, days: YearDays, day: number): number {
  if (day < days.termStartDay || day >= days.termEndDay) return OUTSIDE;
  const fromDays = days.fromDays;
  const toDays = days.toDays;
  for (let y = 0; y < fromDays.length; y += 1) {
    if (day >= (fromDays[y] as number) && day < (toDays[y] as number)) return reading.slotOfYear[y] as number;
  }
  return SKIP;
}

/**
 * Files one consuming record under its year and kind. `day` is the date's day number (NaN when
 * it is not a plain date: the text decides), `order` its request-order key (see Reading) and
 * `requestedAt` the Go Live request moment ('' for the other kinds). Outside the term the entry
 * is billable; TAM time carries exact minutes in `quantity` until its line is built.
 */
function place(
  reading: Reading,
  pending: Pending,
  kind: LedgerKind,
  kindSlot: number,
  table: TableName,
  recordId: string,
  date: IsoDate,
  day: number,
  label: string,
  quantity: number,
  order: number,
  requestedAt: Instant,
): void {
  const days = reading.days;
  const slot =
    reading.allYears === null
      ? OUTSIDE
      : days !== null && days.numeric && !Number.isNaN(day)
        ? slotOfDay(reading, days, day)
        : slotOfDate(reading, date);
  if (slot === SKIP) return;
  if (slot === OUTSIDE) {
    reading.outsideTerm.push({
      table,
      recordId,
      date,
      label,
      quantity: kindSlot === TAM ? hoursOf(quantity) : quantity,
      billable: true,
      kind,
    });
    return;
  }
  const at = scratchCount;
  if (at === scratchLines.length) {
    const lines = new Int32Array(at * 2);
    lines.set(scratchLines);
    scratchLines = lines;
    const keys = new Float64Array(at * 2);
    keys.set(scratchKeys);
    scratchKeys = keys;
  }
  pending.entries.push({ table, recordId, date, label, quantity, billable: false });
  // Go Lives come first in the book's reading, so their moments line up with their entries.
  if (kindSlot === GO_LIVE) pending.requested.push(requestedAt);
  const line = slot * KINDS + kindSlot;
  scratchLines[at] = line;
  scratchKeys[at] = order;
  scratchCount = at + 1;
  lineCounts[line] = (lineCounts[line] as number) + 1;
  if (Number.isNaN(order)) lineByText[line] = 1;
}

/** The entries of one reading in book order, with the Go Live request moments alongside. */
type Pending = { entries: LedgerEntry[]; requested: Instant[] };

/** Every consuming record of the book with the date it counts on, in one pass per table. */
function collectEntries(book: CustomerBook, reading: Reading, pending: Pending): void {
  for (const booking of book.goLiveBookings) {
    if (!goLiveConsumesUnit(booking)) continue;
    const day = goLiveDay(booking);
    place(
      reading,
      pending,
      'goLiveEvents',
      GO_LIVE,
      'goLiveBookings',
      booking.id,
      Number.isNaN(day) ? goLiveDate(booking) : isoDateOfDayNumber(day),
      day,
      booking.title,
      1,
      // Go Lives are ordered by the requestedAt texts themselves (few per line).
      0,
      booking.requestedAt,
    );
  }
  for (const review of book.bestPracticesReviews) {
    if (!bestPracticesReviewConsumes(review)) continue;
    const day = strictDayNumber(review.requestedOn);
    place(
      reading,
      pending,
      'bestPracticesReviews',
      REVIEWS,
      'bestPracticesReviews',
      review.id,
      review.requestedOn,
      day,
      `${review.target} (${review.objective})`,
      1,
      day,
      '',
    );
  }
  for (const training of book.trainingDays) {
    if (!trainingDayConsumes(training)) continue;
    const day = strictDayNumber(training.date);
    place(
      reading,
      pending,
      'trainingDays',
      TRAINING,
      'trainingDays',
      training.id,
      training.date,
      day,
      training.topic,
      1,
      day,
      '',
    );
  }
  for (const configuration of book.customConfigurations) {
    if (!customConfigurationConsumes(configuration)) continue;
    const day = strictDayNumber(configuration.configuredOn);
    // The label is the site, which is what takes the unit.
    place(
      reading,
      pending,
      'customConfigurationSites',
      SITES,
      'customConfigurations',
      configuration.id,
      configuration.configuredOn,
      day,
      configuration.site,
      1,
      day,
      '',
    );
  }
  // TAM time as consumption.ts's tamMinutes counts it: held calls, then time entries.
  const timeZone = book.customer.timeZone;
  for (const call of book.reviewCalls) {
    if (!reviewCallCountsAsTamTime(call)) continue;
    const day = reviewCallTamDay(call, timeZone);
    place(
      reading,
      pending,
      'tamHours',
      TAM,
      'reviewCalls',
      call.id,
      Number.isNaN(day) ? reviewCallTamDate(call, timeZone) : isoDateOfDayNumber(day),
      day,
      'Review call',
      call.durationMinutes,
      day,
      '',
    );
  }
  for (const entry of book.tamTimeEntries) {
    const day = strictDayNumber(entry.date);
    place(
      reading,
      pending,
      'tamHours',
      TAM,
      'tamTimeEntries',
      entry.id,
      entry.date,
      day,
      'TAM time',
      entry.minutes,
      day,
      '',
    );
  }
}

/**
 * Hands the pending entries out to their lines, each list exactly as long as it needs, in book
 * order, with their keys at `sortKeys[lineFirsts[line] ...]` (and `lineByText[line]` set when a
 * key is not a number); Go Live lines get their request moments alongside. Returns the lists
 * per line (undefined when empty).
 */
function distribute(
  pending: Pending,
  lineCount: number,
  requestedOfLine: (Instant[] | undefined)[],
): (LedgerEntry[] | undefined)[] {
  const count = scratchCount;
  if (sortKeys.length < count) sortKeys = new Float64Array(Math.max(count, sortKeys.length * 2));
  const counts = lineCounts;
  const lists: (LedgerEntry[] | undefined)[] = new Array<LedgerEntry[] | undefined>(lineCount);
  let first = 0;
  for (let line = 0; line < lineCount; line += 1) {
    const size = counts[line] as number;
    lineFirsts[line] = first;
    counts[line] = 0;
    first += size;
    if (size === 0) continue;
    lists[line] = new Array<LedgerEntry>(size);
    if (line % KINDS === GO_LIVE) requestedOfLine[line] = new Array<Instant>(size);
  }
  const entries = pending.entries;
  const moments = pending.requested;
  for (let i = 0; i < count; i += 1) {
    const line = scratchLines[i] as number;
    const at = counts[line] as number;
    (lists[line] as LedgerEntry[])[at] = entries[i] as LedgerEntry;
    sortKeys[(lineFirsts[line] as number) + at] = scratchKeys[i] as number;
    if (i < moments.length) (requestedOfLine[line] as Instant[])[at] = moments[i] as Instant;
    counts[line] = at + 1;
  }
  scratchCount = 0;
  return lists;
}

/** Clears the per-line counts and flags for a reading of `lineCount` lines. */
function startReading(lineCount: number): void {
  scratchCount = 0;
  if (lineCounts.length < lineCount) {
    lineCounts = new Int32Array(lineCount * 2);
    lineFirsts = new Int32Array(lineCount * 2);
    lineByText = new Uint8Array(lineCount * 2);
  }
  for (let line = 0; line < lineCount; line += 1) {
    lineCounts[line] = 0;
    lineByText[line] = 0;
  }
}

/** Lines this long are sorted by binary insertion; longer ones by the built-in sort. */
const INSERTION_SORT_MAX = 64;

/**
 * Puts a line's entries in request order, stably: by key (sortKeys from `first`), then the
 * record id; by the texts (requestedAt for Go Live, `requested` alongside, else the date) when
 * `byText`. Most lines are short and nearly in order, where insertion beats Array#sort.
 */
function sortLine(
  entries: LedgerEntry[],
  requested: Instant[] | undefined,
  first: number,
  byText: boolean,
): void {
  const count = entries.length;
  if (count < 2) return;
  if (requested) {
    if (count > INSERTION_SORT_MAX) sortLineByBuiltIn(entries, requested, first, true);
    else sortByMoments(entries, requested);
    return;
  }
  if (byText || count > INSERTION_SORT_MAX) {
    sortLineByBuiltIn(entries, requested, first, byText);
    return;
  }
  const keys = sortKeys;
  // A line is read in runs, each mostly in order already (held calls, then time entries): keep
  // the ordered start, insert the rest among themselves, then merge the two from the back.
  let run = 1;
  while (run < count && !comesBefore(entries, keys, first, run, run - 1)) run += 1;
  if (run === count) return;
  insertionSort(entries, keys, first, run, count);
  mergeFromBack(entries, keys, first, run, count);
}

/** Whether entry a comes strictly before entry b: by key (sortKeys), then record id. */
function comesBefore(
  entries: readonly LedgerEntry[],
  keys: Float64Array,
  first: number,
  a: number,
  b: number,
): boolean {
  const x = keys[first + a] as number;
  const y = keys[first + b] as number;
  return x < y || (x === y && (entries[a] as LedgerEntry).recordId < (entries[b] as LedgerEntry).recordId);
}

/** Stable insertion sort of entries [from, to) with their keys. */
function insertionSort(
  entries: LedgerEntry[],
  keys: Float64Array,
  first: number,
  from: number,
  to: number,
): void {
  for (let i = from + 1; i < to; i += 1) {
    const entry = entries[i] as LedgerEntry;
    const key = keys[first + i] as number;
    const id = entry.recordId;
    let j = i - 1;
    while (j >= from) {
      const before = keys[first + j] as number;
      if (before < key || (before === key && (entries[j] as LedgerEntry).recordId <= id)) break;
      entries[j + 1] = entries[j] as LedgerEntry;
      keys[first + j + 1] = before;
      j -= 1;
    }
    entries[j + 1] = entry;
    keys[first + j + 1] = key;
  }
}

/**
 * Merges the ordered runs [0, middle) and [middle, count) in place, stably (on a tie the
 * earlier run's entry stays first), from the back, with the second run copied aside.
 */
function mergeFromBack(
  entries: LedgerEntry[],
  keys: Float64Array,
  first: number,
  middle: number,
  count: number,
): void {
  const size = count - middle;
  const aside = entries.slice(middle, count);
  if (asideKeys.length < size) asideKeys = new Float64Array(size * 2);
  for (let k = 0; k < size; k += 1) asideKeys[k] = keys[first + middle + k] as number;
  let i = middle - 1;
  let k = size - 1;
  for (let w = count - 1; k >= 0; w -= 1) {
    const late = aside[k] as LedgerEntry;
    const lateKey = asideKeys[k] as number;
    if (i >= 0) {
      const early = entries[i] as LedgerEntry;
      const earlyKey = keys[first + i] as number;
      if (earlyKey > lateKey || (earlyKey === lateKey && early.recordId > late.recordId)) {
        entries[w] = early;
        keys[first + w] = earlyKey;
        i -= 1;
        continue;
      }
    }
    entries[w] = late;
    keys[first + w] = lateKey;
    k -= 1;
  }
}

let asideKeys = new Float64Array(64);

/** Go Lives by requestedAt (text, `requested` alongside), then record id: straight insertion, stable. */
function sortByMoments(entries: LedgerEntry[], requested: Instant[]): void {
  for (let i = 1; i < entries.length; i += 1) {
    const entry = entries[i] as LedgerEntry;
    const moment = requested[i] as Instant;
    const id = entry.recordId;
    let j = i - 1;
    while (j >= 0) {
      const before = requested[j] as Instant;
      if (before < moment || (before === moment && (entries[j] as LedgerEntry).recordId <= id)) break;
      entries[j + 1] = entries[j] as LedgerEntry;
      requested[j + 1] = before;
      j -= 1;
    }
    entries[j + 1] = entry;
    requested[j + 1] = moment;
  }
}

/** sortLine's order by Array#sort, on positions: for long lines and lines sorted by the texts. */
function sortLineByBuiltIn(
  entries: LedgerEntry[],
  requested: Instant[] | undefined,
  first: number,
  byText: boolean,
): void {
  const keys = sortKeys;
  const positions = entries.map((_, position) => position);
  positions.sort((a, b) => {
    if (byText) {
      const x = requested ? (requested[a] as Instant) : (entries[a] as LedgerEntry).date;
      const y = requested ? (requested[b] as Instant) : (entries[b] as LedgerEntry).date;
      if (x !== y) return x < y ? -1 : 1;
    } else {
      const x = keys[first + a] as number;
      const y = keys[first + b] as number;
      if (x !== y) return x < y ? -1 : 1;
    }
    const p = (entries[a] as LedgerEntry).recordId;
    const q = (entries[b] as LedgerEntry).recordId;
    return p < q ? -1 : p > q ? 1 : 0;
  });
  const sortedEntries = positions.map((position) => entries[position] as LedgerEntry);
  const sortedMoments = requested ? positions.map((position) => requested[position] as Instant) : null;
  for (let i = 0; i < entries.length; i += 1) {
    entries[i] = sortedEntries[i] as LedgerEntry;
    if (requested && sortedMoments) requested[i] = sortedMoments[i] as Instant;
  }
}

/** Whether an earlier entry of the line (already in request order) is for the same site. */
function siteCountedBefore(
  entries: readonly LedgerEntry[],
  index: number,
  sites: Set<string> | null,
): boolean {
  if (sites) return sites.has((entries[index] as LedgerEntry).label);
  const site = (entries[index] as LedgerEntry).label;
  for (let i = 0; i < index; i += 1) {
    const other = entries[i] as LedgerEntry;
    if (other.quantity > 0 && other.label === site) return true;
  }
  return false;
}

/**
 * Puts a year's entries of one kind in request order, marks the billable ones and works out used,
 * remaining and the forecast: only for the `current` year, the one holding today, with the
 * days of it elapsed so far (today included).
 */
function buildLine(
  kind: LedgerKind,
  contractYear: ContractYear,
  included: number,
  addOn: number,
  reserved: number,
  line: number,
  lists: readonly (LedgerEntry[] | undefined)[],
  requestedOfLine: readonly (Instant[] | undefined)[],
  today: IsoDate,
  todayDay: number,
  toDay: number,
  current: boolean,
  daysElapsed: number,
): AllowanceLine {
  const entries = lists[line] ?? [];
  sortLine(entries, requestedOfLine[line], lineFirsts[line] as number, lineByText[line] === 1);
  const available = kind === 'tamHours' ? twoDecimals(included + addOn) : included + addOn;
  // The date the entry that took the last available unit counts on.
  let lastUnitDate: IsoDate | null = null;
  let used: number;
  if (kind === 'tamHours') {
    // Compared in hours to two decimals, as `used` is, so billable entries and overage agree.
    // Until here each entry's quantity held its exact minutes, so that rounding never accumulates.
    let minutes = 0;
    for (let i = 0; i < entries.length; i += 1) {
      const entry = entries[i] as LedgerEntry;
      minutes += entry.quantity;
      entry.quantity = hoursOf(entry.quantity);
      const hoursSoFar = hoursOf(minutes);
      entry.billable = hoursSoFar > available;
      if (lastUnitDate === null && available > 0 && hoursSoFar >= available) lastUnitDate = entry.date;
    }
    used = hoursOf(minutes);
  } else {
    let units = 0;
    // Custom configurations count distinct sites: a Set only for long lines.
    const sites = kind === 'customConfigurationSites' && entries.length > 8 ? new Set<string>() : null;
    for (let i = 0; i < entries.length; i += 1) {
      const entry = entries[i] as LedgerEntry;
      if (kind === 'customConfigurationSites') {
        if (siteCountedBefore(entries, i, sites)) {
          entry.quantity = 0;
          continue;
        }
        sites?.add(entry.label);
      }
      units += 1;
      entry.billable = units > available;
      if (units === available) lastUnitDate = entry.date;
    }
    used = units;
  }
  let remaining = Math.max(0, available - used - reserved);
  let overage = Math.max(0, used - available);
  if (kind === 'tamHours') {
    remaining = twoDecimals(remaining);
    overage = twoDecimals(overage);
  }
  return {
    kind,
    contractYear,
    included,
    addOn,
    available,
    reserved,
    used,
    remaining,
    overage,
    entries,
    forecast: current
      ? forecastOf(
          contractYear,
          available,
          used,
          remaining,
          lastUnitDate,
          today,
          todayDay,
          toDay,
          daysElapsed,
        )
      : null,
  };
}

/** Day numbers of 0000-01-01 and 10000-01-01: plain dates lie between. */
const FIRST_PLAIN_DAY = -719_528;
const END_PLAIN_DAY = 2_932_897;

function forecastOf(
  contractYear: ContractYear,
  available: number,
  used: number,
  remaining: number,
  lastUnitDate: IsoDate | null,
  today: IsoDate,
  todayDay: number,
  toDay: number,
  daysElapsed: number,
): AllowanceForecast {
  const perDay = used / Math.max(daysElapsed, FORECAST_MIN_DAYS);
  if (available <= 0) return { perDay, exhaustsOn: null, runsOutBeforeRenewal: false };
  if (remaining <= 0) {
    // Already gone: used up on the day the last unit counts on (today if that is still ahead,
    // since nothing is left to book from today), or today when reservations hold the rest.
    const exhaustsOn =
      used >= available && lastUnitDate !== null && lastUnitDate < today ? lastUnitDate : today;
    return { perDay, exhaustsOn, runsOutBeforeRenewal: true };
  }
  if (perDay <= 0) return { perDay, exhaustsOn: null, runsOutBeforeRenewal: false };
  const daysLeft = Math.ceil(remaining / perDay - 1e-9);
  const exhaustsDay = todayDay + daysLeft;
  // As day numbers when today and the year's end are plain dates (number order is text order
  // for dates in years 0000-9999); else as texts.
  if (exhaustsDay >= FIRST_PLAIN_DAY && exhaustsDay < END_PLAIN_DAY && !Number.isNaN(toDay)) {
    if (exhaustsDay >= toDay) return { perDay, exhaustsOn: null, runsOutBeforeRenewal: false };
    return { perDay, exhaustsOn: isoDateOfDayNumber(exhaustsDay), runsOutBeforeRenewal: true };
  }
  const exhaustsOn = addDays(today, daysLeft);
  if (exhaustsOn >= contractYear.to) return { perDay, exhaustsOn: null, runsOutBeforeRenewal: false };
  return { perDay, exhaustsOn, runsOutBeforeRenewal: true };
}

/** The whole ledger of one customer: every contract year, plus what counts in none. */
export function customerLedger(book: CustomerBook, context: LedgerContext): CustomerLedger {
  return ledgerOf(book, context, null);
}

/**
 * The ledger, optionally of the one contract year holding `onlyYearHolding` (the grid and the
 * booking checks need no other, and skipping the rest halves the work).
 */
function ledgerOf(
  book: CustomerBook,
  context: LedgerContext,
  onlyYearHolding: IsoDate | null,
): CustomerLedger {
  const contract = book.contract;
  const template = contract ? findPlanTemplate(contract.planId, context.templates) : undefined;
  scratchCount = 0;
  if (!contract || !template) {
    const nowhere: Reading = {
      allYears: null,
      slotOfYear: [],
      termStart: '',
      termEnd: '',
      days: null,
      outsideTerm: [],
    };
    collectEntries(book, nowhere, { entries: [], requested: [] });
    return { status: contract ? 'unknown-plan' : 'no-contract', years: [], outsideTerm: nowhere.outsideTerm };
  }

  const allYears = termYears(contract, context.serviceCreditDays);
  const termStart = allYears[0]?.from ?? contract.startDate;
  const termEnd = allYears[allYears.length - 1]?.to ?? contract.startDate;
  const days = yearDaysOf(allYears, termStart, termEnd);
  let years: readonly ContractYear[] = allYears;
  /** allYears index of each year asked for. */
  let yearPositions: readonly number[] = positionsUpTo(allYears.length);
  let slotOfYear: readonly number[] = yearPositions;
  if (onlyYearHolding !== null) {
    const asked: ContractYear[] = [];
    const positions: number[] = [];
    const slots: number[] = [];
    for (let y = 0; y < allYears.length; y += 1) {
      const year = allYears[y] as ContractYear;
      const holds = onlyYearHolding >= year.from && onlyYearHolding < year.to;
      slots.push(holds ? asked.length : SKIP);
      if (holds) {
        asked.push(year);
        positions.push(y);
      }
    }
    years = asked;
    yearPositions = positions;
    slotOfYear = slots;
  }
  const reading: Reading = { allYears, slotOfYear, termStart, termEnd, days, outsideTerm: [] };
  const pending: Pending = { entries: [], requested: [] };
  startReading(years.length * KINDS);
  collectEntries(book, reading, pending);
  const requestedOfLine: (Instant[] | undefined)[] = [];
  const lists = distribute(pending, years.length * KINDS, requestedOfLine);

  const today = context.today;
  const todayDay = strictDayNumber(today);
  // resolvePlan's included figures: the contract's overrides over the template's, any year.
  const overrides = contract.overrides?.included;
  const included: Allowances = overrides ? { ...template.included, ...overrides } : template.included;
  const includedGoLives = included.goLiveEvents;
  const includedReviews = included.bestPracticesReviews;
  const includedTraining = included.trainingDays;
  const includedSites = included.customConfigurationSites;
  const includedTamPerWeek = included.tamHoursPerWeek;
  const addOns = contract.addOns;
  // Plain loops and locals, no closures or keyed lookups: this runs for every contract year of
  // every customer.
  const ledgers: YearLedger[] = [];
  for (let y = 0; y < years.length; y += 1) {
    const contractYear = years[y] as ContractYear;
    const index = contractYear.index;
    const position = yearPositions[y] as number;
    const fromDay = days.fromDays[position] as number;
    const toDay = days.toDays[position] as number;
    const numeric = !Number.isNaN(fromDay + toDay + todayDay);
    const weeks = (numeric ? toDay - fromDay : daysBetween(contractYear.from, contractYear.to)) / 7;
    const current = today >= contractYear.from && today < contractYear.to;
    const daysElapsed = current
      ? (numeric ? todayDay - fromDay : daysBetween(contractYear.from, today)) + 1
      : 0;
    // What was bought for this year, added up in the order resolvePlan adds it.
    let addGoLives = 0;
    let addReviews = 0;
    let addTraining = 0;
    let addSites = 0;
    let addTamPerWeek = 0;
    for (const item of addOns) {
      if (item.contractYear !== null && item.contractYear !== index) continue;
      const kind = item.kind;
      if (kind === 'goLiveEvents') addGoLives += item.quantity;
      else if (kind === 'bestPracticesReviews') addReviews += item.quantity;
      else if (kind === 'trainingDays') addTraining += item.quantity;
      else if (kind === 'customConfigurationSites') addSites += item.quantity;
      else if (kind === 'tamHoursPerWeek') addTamPerWeek += item.quantity;
    }
    let reserved = 0;
    for (const reservation of book.allowanceReservations) {
      if (reservation.contractYear !== index || reservation.kind !== 'goLiveEvents') continue;
      reserved += reservationState(reservation, book.goLiveBookings, context.now).heldBack;
    }
    const first = y * KINDS;
    ledgers.push({
      contractYear,
      lines: {
        goLiveEvents: buildLine(
          'goLiveEvents',
          contractYear,
          includedGoLives,
          addGoLives,
          reserved,
          first + GO_LIVE,
          lists,
          requestedOfLine,
          today,
          numeric ? todayDay : Number.NaN,
          numeric ? toDay : Number.NaN,
          current,
          daysElapsed,
        ),
        bestPracticesReviews: buildLine(
          'bestPracticesReviews',
          contractYear,
          includedReviews,
          addReviews,
          0,
          first + REVIEWS,
          lists,
          requestedOfLine,
          today,
          numeric ? todayDay : Number.NaN,
          numeric ? toDay : Number.NaN,
          current,
          daysElapsed,
        ),
        trainingDays: buildLine(
          'trainingDays',
          contractYear,
          includedTraining,
          addTraining,
          0,
          first + TRAINING,
          lists,
          requestedOfLine,
          today,
          numeric ? todayDay : Number.NaN,
          numeric ? toDay : Number.NaN,
          current,
          daysElapsed,
        ),
        customConfigurationSites: buildLine(
          'customConfigurationSites',
          contractYear,
          includedSites,
          addSites,
          0,
          first + SITES,
          lists,
          requestedOfLine,
          today,
          numeric ? todayDay : Number.NaN,
          numeric ? toDay : Number.NaN,
          current,
          daysElapsed,
        ),
        tamHours: buildLine(
          'tamHours',
          contractYear,
          twoDecimals(includedTamPerWeek * weeks),
          twoDecimals(addTamPerWeek * weeks),
          0,
          first + TAM,
          lists,
          requestedOfLine,
          today,
          numeric ? todayDay : Number.NaN,
          numeric ? toDay : Number.NaN,
          current,
          daysElapsed,
        ),
      },
    });
  }
  return { status: 'ok', years: ledgers, outsideTerm: reading.outsideTerm };
}

/** 0, 1, ... n - 1, shared: the positions (and slots) of all the years of a term. */
const positionLists: (readonly number[])[] = [];

function positionsUpTo(count: number): readonly number[] {
  let list = positionLists[count];
  if (!list) {
    list = Array.from({ length: count }, (_, position) => position);
    positionLists[count] = list;
  }
  return list;
}

export function allowanceLedger(book: CustomerBook, context: LedgerContext): YearLedger[] {
  return ledgerOf(book, context, null).years;
}

/** The ledger of the contract year holding `date` alone, or null outside the term. */
export function yearLedgerOn(book: CustomerBook, date: IsoDate, context: LedgerContext): YearLedger | null {
  return ledgerOf(book, context, date).years[0] ?? null;
}

/** The line for one kind in the contract year holding `date`, or null outside the term. */
export function allowanceLineOn(
  book: CustomerBook,
  kind: LedgerKind,
  date: IsoDate,
  context: LedgerContext,
): AllowanceLine | null {
  return yearLedgerOn(book, date, context)?.lines[kind] ?? null;
}

/** The customers grid: one row per kind for the contract year holding today; empty outside the term. */
export function allowanceSummary(book: CustomerBook, context: LedgerContext): AllowanceSummaryRow[] {
  const year = yearLedgerOn(book, context.today, context);
  if (!year) return [];
  return ledgerKinds.map((kind) => {
    const line = year.lines[kind];
    return {
      kind,
      contractYear: year.contractYear.index,
      available: line.available,
      used: line.used,
      reserved: line.reserved,
      remaining: line.remaining,
      overage: line.overage,
      runsOutBeforeRenewal: line.forecast?.runsOutBeforeRenewal ?? false,
      exhaustsOn: line.forecast?.exhaustsOn ?? null,
    };
  });
}

/** The ledger's view of "now" for a mutation: today is the customer's date at `now`. */
export function ledgerContextAt(
  book: CustomerBook,
  clock: { now: Instant; templates: readonly PlanTemplate[] },
  serviceCreditDays: number,
): LedgerContext {
  return {
    templates: clock.templates,
    now: clock.now,
    today: localDateOf(clock.now, book.customer.timeZone),
    serviceCreditDays,
  };
}

export type AllowanceCheckOptions = {
  /** Spend this reservation (Go Live only): always included while it is active with a unit left. */
  reservationId?: string | null;
  /** The customer agreed to pay if nothing is left. */
  acceptBillable: boolean;
  /** Custom configurations: a site already counted in that contract year takes no new unit. */
  site?: string;
};

export type AllowanceGrant = {
  /** The new record goes beyond what is available (the customer agreed to pay). */
  billable: boolean;
  /** False when the record takes no new unit (a site already counted this contract year). */
  consumesUnit: boolean;
  /** The reservation the record spends, or null. */
  reservationId: string | null;
  /** The line as it stands before the new record. */
  line: AllowanceLine;
};

const unitNames: Record<AllowanceKind, string> = {
  goLiveEvents: 'Go Live events',
  bestPracticesReviews: 'Best Practices Reviews',
  trainingDays: 'training days',
  customConfigurationSites: 'custom-configuration sites',
};

/**
 * Whether one more unit of `kind` dated `date` may be taken, and whether it is billable.
 * Refuses outside the term, on a plan that neither includes nor sells the kind, and when
 * nothing is left unless the customer accepted to pay. Spending an active reservation of
 * that contract year with a unit left is always included.
 */
export function checkAllowance(
  book: CustomerBook,
  kind: AllowanceKind,
  date: IsoDate,
  context: LedgerContext,
  options: AllowanceCheckOptions,
): Result<AllowanceGrant> {
  const contract = book.contract;
  if (!contract) {
    return reject('outside-contract', `${book.customer.name} has no contract yet; add one first.`, {
      field: 'customerId',
    });
  }
  const template = findPlanTemplate(contract.planId, context.templates);
  if (!template) {
    return reject('not-found', `The contract's plan "${contract.planId}" is not a known plan template.`, {
      field: 'planId',
    });
  }
  const year = yearLedgerOn(book, date, context);
  if (!year) {
    const years = termYears(contract, context.serviceCreditDays);
    const termStart = years[0]?.from ?? contract.startDate;
    const termEnd = years[years.length - 1]?.to ?? contract.startDate;
    return reject(
      'outside-contract',
      `The contract runs from ${termStart} to ${termEnd} (exclusive); ${date} is outside it.`,
      { field: 'date', numbers: { termStart, termEnd, date } },
    );
  }
  const line = year.lines[kind];
  const index = year.contractYear.index;
  if (line.available === 0 && !planOffers(template, kind)) {
    return reject('not-in-plan', `${template.name} neither includes nor sells ${unitNames[kind]}.`, {
      numbers: { contractYear: index },
    });
  }

  if (kind === 'customConfigurationSites' && options.site !== undefined) {
    const site = options.site.trim().toLowerCase();
    const sameSite = new Set(
      book.customConfigurations.filter((other) => other.site === site).map((other) => other.id),
    );
    const counted = line.entries.find((entry) => entry.quantity > 0 && sameSite.has(entry.recordId));
    if (counted) {
      return {
        ok: true,
        value: { billable: counted.billable, consumesUnit: false, reservationId: null, line },
      };
    }
  }

  const reservationId = options.reservationId ?? null;
  if (reservationId !== null) {
    if (kind !== 'goLiveEvents') {
      return reject('reservation-invalid', `Reservations hold Go Live events only, not ${unitNames[kind]}.`, {
        field: 'reservationId',
      });
    }
    const reservation = book.allowanceReservations.find((candidate) => candidate.id === reservationId);
    if (!reservation) {
      return reject('reservation-invalid', `There is no reservation ${reservationId} for this customer.`, {
        field: 'reservationId',
      });
    }
    const spendable = reservationSpendableBy(reservation, book.goLiveBookings, index, context.now);
    if (!spendable.ok) return spendable;
    return { ok: true, value: { billable: false, consumesUnit: true, reservationId, line } };
  }

  if (line.remaining >= 1) {
    return { ok: true, value: { billable: false, consumesUnit: true, reservationId: null, line } };
  }
  if (options.acceptBillable) {
    return { ok: true, value: { billable: true, consumesUnit: true, reservationId: null, line } };
  }
  return reject(
    'allowance-exhausted',
    `No ${unitNames[kind]} left in contract year ${index} (${line.included} included + ${line.addOn} bought, ` +
      `${line.used} used, ${line.reserved} reserved); book it as billable or pick another year.`,
    {
      field: 'acceptBillable',
      numbers: {
        contractYear: index,
        included: line.included,
        addOn: line.addOn,
        used: line.used,
        reserved: line.reserved,
        remaining: line.remaining,
      },
    },
  );
}
