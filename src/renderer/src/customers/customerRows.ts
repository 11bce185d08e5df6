// What the customers grid shows per customer. The cheap fields are built once per book; the
// figures (allowances left, cadence, flags) come from the memoized customerStatus, computed only
// when a row is shown, sorted or filtered on — or, at start, from the last view snapshot.
import type { CustomerStatus } from '../../../core/customerStatus';
import type { AllowanceLine, LedgerKind } from '../../../core/ledger';
import { findPlanTemplate, type PlanTemplate } from '../../../core/plans';
import type { CustomerBook } from '../../../core/records';
import type { Instant, IsoDate } from '../../../core/time';
import type { StatusOf } from '../team/useStatusOf';

export const gridAllowanceKinds = [
  'goLiveEvents',
  'bestPracticesReviews',
  'trainingDays',
  'customConfigurationSites',
] as const;
export type GridAllowanceKind = (typeof gridAllowanceKinds)[number];

/** What is left of one allowance in the current contract year; null when the plan includes none. */
export type Left = { remaining: number; available: number; overage: number; runsOut: boolean } | null;

/** The derived figures of one row, as plain data (so a snapshot can keep them). */
export type CustomerFigures = {
  today: IsoDate;
  startDate: IsoDate | null;
  contractYear: number | null;
  renewalDate: IsoDate | null;
  left: Record<GridAllowanceKind, Left>;
  nextReview: Instant | null;
  flags: CustomerFlag[];
};

export type CustomerFields = {
  id: string;
  name: string;
  planId: string | null;
  planName: string;
  tamUserId: string;
  country: string;
  timeZone: string;
  /** Lower-case text the global search matches against. */
  searchText: string;
};

export type CustomerRow = CustomerFields & {
  /** The row's figures at `now`, computed on first use and remembered. */
  figures(now: Instant): CustomerFigures;
};

const rowCache = new WeakMap<CustomerBook, { templates: readonly PlanTemplate[]; row: CustomerRow }>();

export function customerFigures(status: CustomerStatus, book: CustomerBook): CustomerFigures {
  const lines = currentLines(status);
  const leftOf = (kind: GridAllowanceKind): Left => {
    const line = lines?.[kind];
    if (!line || line.available === 0) return null;
    return {
      remaining: line.remaining,
      available: line.available,
      overage: line.overage,
      runsOut: line.forecast?.runsOutBeforeRenewal ?? false,
    };
  };
  return {
    today: status.today,
    startDate: book.contract?.startDate ?? null,
    contractYear: status.contractYear?.index ?? null,
    renewalDate: status.renewalDate,
    left: {
      goLiveEvents: leftOf('goLiveEvents'),
      bestPracticesReviews: leftOf('bestPracticesReviews'),
      trainingDays: leftOf('trainingDays'),
      customConfigurationSites: leftOf('customConfigurationSites'),
    },
    nextReview: status.cadence.nextCall?.effectiveStartsAt ?? null,
    flags: customerFlags(status, book),
  };
}

/**
 * A row of a customer's book: the figures follow the book. `statusOf` comes in as an argument: the
 * grid's first paint uses stored rows and must not load the core's business clock (useStatusOf).
 */
export function customerRow(
  book: CustomerBook,
  templates: readonly PlanTemplate[],
  statusOf: StatusOf,
): CustomerRow {
  const cached = rowCache.get(book);
  if (cached && cached.templates === templates) return cached.row;
  const customer = book.customer;
  const planId = book.contract?.planId ?? null;
  // The plan's name, or empty without a contract (the grid says so in the TAM's language).
  const planName = planId ? (findPlanTemplate(planId, templates)?.name ?? planId) : '';
  const tamUserId = customer.tamUserId ?? '';
  let remembered: { now: Instant; figures: CustomerFigures } | null = null;
  const row: CustomerRow = {
    id: customer.id,
    name: customer.name,
    planId,
    planName,
    tamUserId,
    country: customer.region ? `${customer.country}-${customer.region}` : customer.country,
    timeZone: customer.timeZone,
    searchText: `${customer.name} ${planName} ${tamUserId} ${customer.country} ${customer.id}`.toLowerCase(),
    figures(now) {
      if (remembered?.now !== now)
        remembered = { now, figures: customerFigures(statusOf(book, templates, now), book) };
      return remembered.figures;
    },
  };
  rowCache.set(book, { templates, row });
  return row;
}

/** The allowance lines of the contract year holding today, or null outside the term. */
export function currentLines(status: CustomerStatus): Record<LedgerKind, AllowanceLine> | null {
  const index = status.contractYear?.index;
  if (index === undefined) return null;
  return status.ledger.years.find((year) => year.contractYear.index === index)?.lines ?? null;
}

/**
 * A badge as data: which flag, what about it and how many; the words come from flagWords.ts in the
 * TAM's language, so a snapshot taken in one language reads in the other.
 */
export type CustomerFlag = {
  key: 'cadence' | 'objectives' | 'credits' | 'allowance';
  reason: 'overdue' | 'missed' | 'notScheduled' | 'late' | 'atRisk' | 'credits' | 'runsOut';
  count: number;
  /** For `runsOut`: the allowances that will not last, and whether each is used up already. */
  allowances?: { kind: GridAllowanceKind; usedUp: boolean }[];
  color: string;
};

/** The badges a row carries: what needs the TAM's attention, most pressing first. */
export function customerFlags(status: CustomerStatus, book: CustomerBook): CustomerFlag[] {
  const flags: CustomerFlag[] = [];
  const lines = currentLines(status);
  // A missing series matters only where the plan budgets TAM time or calls were agreed before.
  const offersTam = (lines?.tamHours.available ?? 0) > 0 || book.reviewSeries.length > 0;
  const cadence = status.cadence;
  if (cadence.status === 'overdue')
    flags.push({
      key: 'cadence',
      reason: 'overdue',
      count: cadence.overdue.length,
      color: 'red',
    });
  else if (cadence.status === 'missed')
    flags.push({
      key: 'cadence',
      reason: 'missed',
      count: 1,
      color: 'orange',
    });
  else if (cadence.status === 'not-scheduled' && offersTam)
    flags.push({
      key: 'cadence',
      reason: 'notScheduled',
      count: 0,
      color: 'orange',
    });
  const atRisk = status.openObjectives.filter(
    (objective) =>
      objective.answeredAt === null && (objective.status === 'at-risk' || objective.status === 'breached'),
  );
  if (atRisk.length > 0) {
    const late = atRisk.filter((objective) => objective.status === 'breached').length;
    flags.push({
      key: 'objectives',
      reason: late > 0 ? 'late' : 'atRisk',
      count: late > 0 ? late : atRisk.length,
      color: 'red',
    });
  }
  if (status.serviceCreditDays > 0)
    flags.push({
      key: 'credits',
      reason: 'credits',
      count: status.serviceCreditDays,
      color: 'grape',
    });
  if (lines) {
    const short = gridAllowanceKinds.filter(
      (kind) => lines[kind].available > 0 && lines[kind].forecast?.runsOutBeforeRenewal,
    );
    if (short.length > 0)
      flags.push({
        key: 'allowance',
        reason: 'runsOut',
        count: short.length,
        allowances: short.map((kind) => ({ kind, usedUp: lines[kind].remaining === 0 })),
        color: 'yellow',
      });
  }
  return flags;
}

/** A row from a view snapshot: the figures as they were computed then. */
export function snapshotRow(fields: CustomerFields, figures: CustomerFigures): CustomerRow {
  return { ...fields, figures: () => figures };
}

/** The plain fields of a row, for a snapshot. */
export function rowFields(row: CustomerRow): CustomerFields {
  const { figures: _figures, ...fields } = row;
  return fields;
}
