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
import { contractYears, type ContractYear } from './contract';
import {
  bestPracticesReviewConsumes,
  customConfigurationConsumes,
  goLiveConsumesUnit,
  goLiveDate,
  tamMinutes,
  trainingDayConsumes,
} from './consumption';
import {
  allowanceKinds,
  findPlanTemplate,
  planOffers,
  resolvePlan,
  type AllowanceKind,
  type PlanTemplate,
} from './plans';
import type { CustomerBook, TableName } from './records';
import { reject, type Result } from './rejection';
import { reservationSpendableBy, reservationState } from './reservations';
import { addDays, daysBetween, localDateOf, type Instant, type IsoDate } from './time';

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

type PendingEntry = {
  entry: LedgerEntry;
  /** Request order: requestedAt (Go Live) or the date; ties broken by record id. */
  order: string;
  /** Custom configurations: the site that takes the unit. */
  site: string;
  /** TAM hours: exact minutes, so that rounding never accumulates. */
  minutes: number;
};

const kindSlot: Record<LedgerKind, number> = {
  goLiveEvents: 0,
  bestPracticesReviews: 1,
  trainingDays: 2,
  customConfigurationSites: 3,
  tamHours: 4,
};

function hoursOf(minutes: number): number {
  return Math.round((minutes * 100) / 60) / 100;
}

function twoDecimals(value: number): number {
  return Math.round(value * 100) / 100;
}

function byRequestOrder(a: PendingEntry, b: PendingEntry): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  const x = a.entry.recordId;
  const y = b.entry.recordId;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Where a date goes: a year's bucket (>= 0), nowhere (SKIP: a year not asked for) or OUTSIDE the term. */
const SKIP = -1;
const OUTSIDE = -2;

/**
 * Every consuming record of the book with the date it counts on, in one pass per table; the
 * entry is only built when its date goes somewhere.
 */
function collectEntries(
  book: CustomerBook,
  slotOf: (date: IsoDate) => number,
  place: (kind: LedgerKind, slot: number, pending: PendingEntry) => void,
): void {
  for (const booking of book.goLiveBookings) {
    if (!goLiveConsumesUnit(booking)) continue;
    const date = goLiveDate(booking);
    const slot = slotOf(date);
    if (slot === SKIP) continue;
    place('goLiveEvents', slot, {
      entry: {
        table: 'goLiveBookings',
        recordId: booking.id,
        date,
        label: booking.title,
        quantity: 1,
        billable: false,
      },
      order: booking.requestedAt,
      site: '',
      minutes: 0,
    });
  }
  for (const review of book.bestPracticesReviews) {
    if (!bestPracticesReviewConsumes(review)) continue;
    const slot = slotOf(review.requestedOn);
    if (slot === SKIP) continue;
    place('bestPracticesReviews', slot, {
      entry: {
        table: 'bestPracticesReviews',
        recordId: review.id,
        date: review.requestedOn,
        label: `${review.target} (${review.objective})`,
        quantity: 1,
        billable: false,
      },
      order: review.requestedOn,
      site: '',
      minutes: 0,
    });
  }
  for (const day of book.trainingDays) {
    if (!trainingDayConsumes(day)) continue;
    const slot = slotOf(day.date);
    if (slot === SKIP) continue;
    place('trainingDays', slot, {
      entry: {
        table: 'trainingDays',
        recordId: day.id,
        date: day.date,
        label: day.topic,
        quantity: 1,
        billable: false,
      },
      order: day.date,
      site: '',
      minutes: 0,
    });
  }
  for (const configuration of book.customConfigurations) {
    if (!customConfigurationConsumes(configuration)) continue;
    const slot = slotOf(configuration.configuredOn);
    if (slot === SKIP) continue;
    place('customConfigurationSites', slot, {
      entry: {
        table: 'customConfigurations',
        recordId: configuration.id,
        date: configuration.configuredOn,
        label: configuration.site,
        quantity: 1,
        billable: false,
      },
      order: configuration.configuredOn,
      site: configuration.site,
      minutes: 0,
    });
  }
  for (const time of tamMinutes(book.reviewCalls, book.tamTimeEntries, book.customer.timeZone)) {
    const slot = slotOf(time.date);
    if (slot === SKIP) continue;
    const fromCall = time.source === 'review-call';
    place('tamHours', slot, {
      entry: {
        table: fromCall ? 'reviewCalls' : 'tamTimeEntries',
        recordId: time.recordId,
        date: time.date,
        label: fromCall ? 'Review call' : 'TAM time',
        quantity: hoursOf(time.minutes),
        billable: false,
      },
      order: time.date,
      site: '',
      minutes: time.minutes,
    });
  }
}

type LineFigures = { included: number; addOn: number; reserved: number };

/** Orders a year's entries, marks the billable ones and works out used, remaining and the forecast. */
function buildLine(
  kind: LedgerKind,
  contractYear: ContractYear,
  figures: LineFigures,
  pending: PendingEntry[],
  current: CurrentYear | null,
): AllowanceLine {
  pending.sort(byRequestOrder);
  const available =
    kind === 'tamHours' ? twoDecimals(figures.included + figures.addOn) : figures.included + figures.addOn;
  const entries: LedgerEntry[] = new Array<LedgerEntry>(pending.length);
  // The date the entry that took the last available unit counts on.
  let lastUnitDate: IsoDate | null = null;
  let used: number;
  if (kind === 'tamHours') {
    // Compared in hours to two decimals, as `used` is, so billable entries and overage agree.
    let minutes = 0;
    for (let i = 0; i < pending.length; i += 1) {
      const item = pending[i] as PendingEntry;
      minutes += item.minutes;
      const hoursSoFar = hoursOf(minutes);
      item.entry.billable = hoursSoFar > available;
      if (lastUnitDate === null && available > 0 && hoursSoFar >= available) lastUnitDate = item.entry.date;
      entries[i] = item.entry;
    }
    used = hoursOf(minutes);
  } else {
    let units = 0;
    const sites = kind === 'customConfigurationSites' ? new Set<string>() : null;
    for (let i = 0; i < pending.length; i += 1) {
      const item = pending[i] as PendingEntry;
      if (sites) {
        if (sites.has(item.site)) {
          item.entry.quantity = 0;
          entries[i] = item.entry;
          continue;
        }
        sites.add(item.site);
      }
      units += 1;
      item.entry.billable = units > available;
      if (units === available) lastUnitDate = item.entry.date;
      entries[i] = item.entry;
    }
    used = units;
  }
  const reserved = figures.reserved;
  let remaining = Math.max(0, available - used - reserved);
  let overage = Math.max(0, used - available);
  if (kind === 'tamHours') {
    remaining = twoDecimals(remaining);
    overage = twoDecimals(overage);
  }
  return {
    kind,
    contractYear,
    included: figures.included,
    addOn: figures.addOn,
    available,
    reserved,
    used,
    remaining,
    overage,
    entries,
    forecast: current
      ? forecastOf(contractYear, { available, used, remaining }, lastUnitDate, current)
      : null,
  };
}

/** Today, when it falls in the year being built, with the days of the year elapsed so far (today included). */
type CurrentYear = { today: IsoDate; daysElapsed: number };

function forecastOf(
  contractYear: ContractYear,
  line: { available: number; used: number; remaining: number },
  lastUnitDate: IsoDate | null,
  { today, daysElapsed }: CurrentYear,
): AllowanceForecast {
  const perDay = line.used / Math.max(daysElapsed, FORECAST_MIN_DAYS);
  if (line.available <= 0) return { perDay, exhaustsOn: null, runsOutBeforeRenewal: false };
  if (line.remaining <= 0) {
    // Already gone: used up on the day the last unit counts on (today if that is still ahead,
    // since nothing is left to book from today), or today when reservations hold the rest.
    const exhaustsOn =
      line.used >= line.available && lastUnitDate !== null && lastUnitDate < today ? lastUnitDate : today;
    return { perDay, exhaustsOn, runsOutBeforeRenewal: true };
  }
  if (perDay <= 0) return { perDay, exhaustsOn: null, runsOutBeforeRenewal: false };
  const exhaustsOn = addDays(today, Math.ceil(line.remaining / perDay - 1e-9));
  if (exhaustsOn >= contractYear.to) return { perDay, exhaustsOn: null, runsOutBeforeRenewal: false };
  return { perDay, exhaustsOn, runsOutBeforeRenewal: true };
}

/** start|term|credits -> contract years: thousands of customers share a handful of shapes. */
const contractYearsCache = new Map<string, readonly ContractYear[]>();
const CONTRACT_YEARS_CACHE_LIMIT = 50_000;

function contractYearsOf(
  startDate: IsoDate,
  termMonths: number,
  serviceCreditDays: number,
): readonly ContractYear[] {
  const key = `${startDate}|${termMonths}|${serviceCreditDays}`;
  const cached = contractYearsCache.get(key);
  if (cached) return cached;
  const years = Object.freeze(
    contractYears({ startDate, termMonths }, serviceCreditDays).map((year) => Object.freeze(year)),
  );
  if (contractYearsCache.size >= CONTRACT_YEARS_CACHE_LIMIT) contractYearsCache.clear();
  contractYearsCache.set(key, years);
  return years;
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
  const outsideTerm: OutsideTermEntry[] = [];
  const contract = book.contract;
  const template = contract ? findPlanTemplate(contract.planId, context.templates) : undefined;
  if (!contract || !template) {
    collectEntries(
      book,
      () => OUTSIDE,
      (kind, _slot, pending) => {
        outsideTerm.push({ ...pending.entry, kind, billable: true });
      },
    );
    return { status: contract ? 'unknown-plan' : 'no-contract', years: [], outsideTerm };
  }

  const allYears = contractYearsOf(contract.startDate, contract.termMonths, context.serviceCreditDays);
  const termStart = allYears[0]?.from ?? contract.startDate;
  const termEnd = allYears[allYears.length - 1]?.to ?? contract.startDate;
  const years =
    onlyYearHolding === null
      ? allYears
      : allYears.filter((year) => onlyYearHolding >= year.from && onlyYearHolding < year.to);
  const yearCount = years.length;
  const buckets: PendingEntry[][][] = years.map(() => [[], [], [], [], []]);
  collectEntries(
    book,
    (date) => {
      if (date < termStart || date >= termEnd) return OUTSIDE;
      for (let y = 0; y < yearCount; y += 1) {
        const year = years[y] as ContractYear;
        if (date >= year.from && date < year.to) return y;
      }
      return SKIP;
    },
    (kind, slot, pending) => {
      if (slot === OUTSIDE) outsideTerm.push({ ...pending.entry, kind, billable: true });
      else (buckets[slot] as PendingEntry[][])[kindSlot[kind]]?.push(pending);
    },
  );

  const today = context.today;
  const ledgers: YearLedger[] = years.map((contractYear, y) => {
    const plan = resolvePlan(template, contract.overrides, contract.addOns, contractYear.index);
    const weeks = daysBetween(contractYear.from, contractYear.to) / 7;
    const current: CurrentYear | null =
      today >= contractYear.from && today < contractYear.to
        ? { today, daysElapsed: daysBetween(contractYear.from, today) + 1 }
        : null;
    let reserved = 0;
    for (const reservation of book.allowanceReservations) {
      if (reservation.contractYear !== contractYear.index || reservation.kind !== 'goLiveEvents') continue;
      reserved += reservationState(reservation, book.goLiveBookings, context.now).heldBack;
    }
    const yearBuckets = buckets[y] as PendingEntry[][];
    const line = (kind: LedgerKind, figures: LineFigures) =>
      buildLine(kind, contractYear, figures, yearBuckets[kindSlot[kind]] as PendingEntry[], current);
    return {
      contractYear,
      lines: {
        goLiveEvents: line('goLiveEvents', {
          included: plan.included.goLiveEvents,
          addOn: plan.addOn.goLiveEvents,
          reserved,
        }),
        bestPracticesReviews: line('bestPracticesReviews', {
          included: plan.included.bestPracticesReviews,
          addOn: plan.addOn.bestPracticesReviews,
          reserved: 0,
        }),
        trainingDays: line('trainingDays', {
          included: plan.included.trainingDays,
          addOn: plan.addOn.trainingDays,
          reserved: 0,
        }),
        customConfigurationSites: line('customConfigurationSites', {
          included: plan.included.customConfigurationSites,
          addOn: plan.addOn.customConfigurationSites,
          reserved: 0,
        }),
        tamHours: line('tamHours', {
          included: twoDecimals(plan.included.tamHoursPerWeek * weeks),
          addOn: twoDecimals(plan.addOn.tamHoursPerWeek * weeks),
          reserved: 0,
        }),
      },
    };
  });
  return { status: 'ok', years: ledgers, outsideTerm };
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
    const years = contractYearsOf(contract.startDate, contract.termMonths, context.serviceCreditDays);
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
