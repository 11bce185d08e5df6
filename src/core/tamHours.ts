// TAM time per ISO week (Monday to Sunday, in the customer's zone) against the customer's weekly
// hour budget, and one TAM's own week across the customers they worked for (the Today view).
//
// Decisions (ARCHITECTURE.md, "TAM hours"):
// - The minutes are consumption.ts's `tamMinutes` (held calls on their local date, plus time
//   entries); this file only groups them by week, so the ledger and this view cannot disagree.
// - A week's budget is the plan's included TAM hours plus TAM-hour add-ons of the contract year
//   that holds the week's Monday. When the Monday lies before the contract start (the contract
//   starts mid-week), the first contract year that begins within that week counts instead;
//   outside the term the budget is 0, so any time logged there shows as overage.
// - Time beyond the budget is recorded anyway and shown as overage: time spent is a fact.
import { contractYearOf, contractYears, type ContractYear } from './contract';
import { tamMinutes, type TamMinutes } from './consumption';
import { findPlanTemplate, planTemplates, resolvePlan, type PlanTemplate } from './plans';
import type { CustomerBook, ReviewCall, TamTimeEntry } from './records';
import { addDays, DAY_MS, weekStartOf, type IsoDate } from './time';

export type TamHoursContext = {
  /** The team's plan templates; the shipped ones when left out. */
  templates?: readonly PlanTemplate[];
  /** Service-credit days lengthen the last contract year (see contract.ts). */
  serviceCreditDays?: number;
};

export type TamWeekBudget = {
  /** 1-based contract year whose figures apply, or null outside the term / without a contract. */
  contractYear: number | null;
  includedHours: number;
  addOnHours: number;
  budgetHours: number;
};

export type TamWeek = TamWeekBudget & {
  customerId: string;
  /** The Monday that starts the week. */
  weekStart: IsoDate;
  usedMinutes: number;
  budgetMinutes: number;
  /** max(0, budget - used) */
  remainingMinutes: number;
  /** max(0, used - budget): beyond the budget, billable as extra TAM hours. */
  overageMinutes: number;
  /** Hours to two decimals, for showing. */
  usedHours: number;
  remainingHours: number;
  overageHours: number;
  /** What was counted: held calls and time entries, as `tamMinutes` dates them. */
  entries: TamMinutes[];
};

type TamRecords = Pick<CustomerBook, 'customer' | 'contract' | 'reviewCalls' | 'tamTimeEntries'>;

function hours(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}

/** A held call can only fall in [from, to) locally if its UTC start is within a day of it. */
function callsNear(calls: readonly ReviewCall[], from: IsoDate, to: IsoDate): ReviewCall[] {
  const earliest = `${addDays(from, -1)}T00:00:00.000Z`;
  const latest = `${addDays(to, 1)}T00:00:00.000Z`;
  return calls.filter(
    (call) => call.status === 'held' && call.startsAt >= earliest && call.startsAt < latest,
  );
}

function entriesWithin(entries: readonly TamTimeEntry[], from: IsoDate, to: IsoDate): TamTimeEntry[] {
  return entries.filter((entry) => entry.date >= from && entry.date < to);
}

function yearsOf(book: TamRecords, context: TamHoursContext): readonly ContractYear[] {
  return book.contract ? contractYears(book.contract, context.serviceCreditDays ?? 0) : [];
}

function budgetFor(
  book: TamRecords,
  weekStart: IsoDate,
  years: readonly ContractYear[],
  context: TamHoursContext,
): TamWeekBudget {
  const none: TamWeekBudget = { contractYear: null, includedHours: 0, addOnHours: 0, budgetHours: 0 };
  const contract = book.contract;
  if (!contract) return none;
  const weekEnd = addDays(weekStart, 7);
  const year =
    contractYearOf(years, weekStart) ??
    years.find((candidate) => candidate.from > weekStart && candidate.from < weekEnd);
  const template = findPlanTemplate(contract.planId, context.templates ?? planTemplates);
  if (!year || !template) return none;
  const plan = resolvePlan(template, contract.overrides, contract.addOns, year.index);
  return {
    contractYear: year.index,
    includedHours: plan.included.tamHoursPerWeek,
    addOnHours: plan.addOn.tamHoursPerWeek,
    budgetHours: plan.included.tamHoursPerWeek + plan.addOn.tamHoursPerWeek,
  };
}

/** The weekly TAM-hour budget of the week starting `weekStart` (a Monday). */
export function weeklyTamBudget(
  book: TamRecords,
  weekStart: IsoDate,
  context: TamHoursContext = {},
): TamWeekBudget {
  return budgetFor(book, weekStartOf(weekStart), yearsOf(book, context), context);
}

function weekOf(book: TamRecords, weekStart: IsoDate, entries: TamMinutes[], budget: TamWeekBudget): TamWeek {
  let usedMinutes = 0;
  for (const entry of entries) usedMinutes += entry.minutes;
  const budgetMinutes = Math.round(budget.budgetHours * 60);
  const remainingMinutes = Math.max(0, budgetMinutes - usedMinutes);
  const overageMinutes = Math.max(0, usedMinutes - budgetMinutes);
  return {
    ...budget,
    customerId: book.customer.id,
    weekStart,
    usedMinutes,
    budgetMinutes,
    remainingMinutes,
    overageMinutes,
    usedHours: hours(usedMinutes),
    remainingHours: hours(remainingMinutes),
    overageHours: hours(overageMinutes),
    entries,
  };
}

/** TAM time of the ISO week holding `date` (in the customer's zone) against that week's budget. */
export function tamHoursForWeek(book: TamRecords, date: IsoDate, context: TamHoursContext = {}): TamWeek {
  const weekStart = weekStartOf(date);
  const weekEnd = addDays(weekStart, 7);
  const counted = tamMinutes(
    callsNear(book.reviewCalls, weekStart, weekEnd),
    entriesWithin(book.tamTimeEntries, weekStart, weekEnd),
    book.customer.timeZone,
  ).filter((entry) => entry.date >= weekStart && entry.date < weekEnd);
  return weekOf(book, weekStart, counted, budgetFor(book, weekStart, yearsOf(book, context), context));
}

/** Every ISO week from the one holding `from` to the one holding `to` (inclusive), oldest first. */
export function tamHoursByWeek(
  book: TamRecords,
  from: IsoDate,
  to: IsoDate,
  context: TamHoursContext = {},
): TamWeek[] {
  const firstWeek = weekStartOf(from);
  const lastWeek = weekStartOf(to);
  if (lastWeek < firstWeek) return [];
  const rangeEnd = addDays(lastWeek, 7);
  const byWeek = new Map<IsoDate, TamMinutes[]>();
  const counted = tamMinutes(
    callsNear(book.reviewCalls, firstWeek, rangeEnd),
    entriesWithin(book.tamTimeEntries, firstWeek, rangeEnd),
    book.customer.timeZone,
  );
  for (const entry of counted) {
    if (entry.date < firstWeek || entry.date >= rangeEnd) continue;
    const week = weekStartOf(entry.date);
    const list = byWeek.get(week);
    if (list) list.push(entry);
    else byWeek.set(week, [entry]);
  }
  const years = yearsOf(book, context);
  const weeks: TamWeek[] = [];
  const weekCount = Math.round((Date.parse(lastWeek) - Date.parse(firstWeek)) / (7 * DAY_MS)) + 1;
  for (let index = 0; index < weekCount; index += 1) {
    const weekStart = addDays(firstWeek, index * 7);
    weeks.push(
      weekOf(book, weekStart, byWeek.get(weekStart) ?? [], budgetFor(book, weekStart, years, context)),
    );
  }
  return weeks;
}

export type MyTamCustomerWeek = {
  customerId: string;
  customerName: string;
  /** This TAM's minutes for the customer: held calls they logged and their own time entries. */
  myMinutes: number;
  myHours: number;
  /** The customer's whole week (everyone's time) against its budget. */
  week: TamWeek;
};

export type MyTamWeek = {
  userId: string;
  weekStart: IsoDate;
  totalMinutes: number;
  totalHours: number;
  /** Customers this TAM logged time for this week, and the customers they own that have a budget; most minutes first. */
  customers: MyTamCustomerWeek[];
};

/**
 * One TAM's week for the Today view: minutes of held calls they logged (ReviewCall.loggedBy) and
 * their own time entries, across customers, each next to the customer's weekly budget.
 */
export function myTamHoursThisWeek(
  userId: string,
  books: readonly TamRecords[],
  today: IsoDate,
  context: TamHoursContext = {},
): MyTamWeek {
  const weekStart = weekStartOf(today);
  const weekEnd = addDays(weekStart, 7);
  const customers: MyTamCustomerWeek[] = [];
  let totalMinutes = 0;
  for (const book of books) {
    const calls = callsNear(book.reviewCalls, weekStart, weekEnd);
    const entries = entriesWithin(book.tamTimeEntries, weekStart, weekEnd);
    const mine =
      calls.some((call) => call.loggedBy === userId) || entries.some((entry) => entry.userId === userId);
    if (!mine && book.customer.tamUserId !== userId) continue;
    const week = tamHoursForWeek(book, weekStart, context);
    const myCalls = new Set(calls.filter((call) => call.loggedBy === userId).map((call) => call.id));
    const myEntries = new Set(entries.filter((entry) => entry.userId === userId).map((entry) => entry.id));
    let myMinutes = 0;
    for (const entry of week.entries) {
      const isMine =
        entry.source === 'review-call' ? myCalls.has(entry.recordId) : myEntries.has(entry.recordId);
      if (isMine) myMinutes += entry.minutes;
    }
    if (myMinutes === 0 && week.budgetMinutes === 0) continue;
    totalMinutes += myMinutes;
    customers.push({
      customerId: book.customer.id,
      customerName: book.customer.name,
      myMinutes,
      myHours: hours(myMinutes),
      week,
    });
  }
  customers.sort((a, b) => b.myMinutes - a.myMinutes || a.customerName.localeCompare(b.customerName));
  return { userId, weekStart, totalMinutes, totalHours: hours(totalMinutes), customers };
}
