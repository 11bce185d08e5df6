// The usage statement of one customer for one contract year: what the plan included, what was
// bought as add-ons, each entry used, what remains, the billable overage, and the service credits
// with the term extension they caused. Read from the same ledger and credits as the console, so
// the statement's figures are the ones the TAM sees on screen.
//
// Decisions (ARCHITECTURE.md, "Usage statements"):
// - The figures are the ledger's lines of that contract year as of `now` (customerStatus), the
//   same call the console makes: included, add-on, available, used, reserved, remaining, overage.
// - An entry is "included" or "billable" exactly as the ledger decided (request order); "who" is
//   the person the record names (booked by, advisor, logged by, TAM), or the attendees' count.
// - Add-ons listed are those that apply to the year: bought for that year, or for every year.
// - Service credits: every objective of every ticket that earned credit days by `now`, each with
//   its deadline, minutes late (on its own clock) and days; their sum is the term extension,
//   shown as the base term end and the end with credits (the renewal date).
// - CSV: one table of typed rows (section, date, item, who, quantity, unit, included/billable,
//   figures); dates are yyyy-MM-dd, instants ISO 8601 UTC, numbers with a dot and no grouping.
import { termEnd, type ContractYear } from './contract';
import { customerStatus } from './customerStatus';
import { csvNumber, type CsvTable } from './csvTable';
import type { LedgerEntry, LedgerKind } from './ledger';
import { ledgerKinds } from './ledger';
import { addOnKinds, allowanceLabels, findPlanTemplate, type AddOnKind, type PlanTemplate } from './plans';
import type { CustomerBook } from './records';
import { ticketObjectives, ticketPlanOf } from './tickets';
import { localDateOf, type Instant, type IsoDate } from './time';

export const ledgerUnits: Record<LedgerKind, string> = {
  goLiveEvents: 'events',
  bestPracticesReviews: 'reviews',
  trainingDays: 'days',
  customConfigurationSites: 'sites',
  tamHours: 'hours',
};

const addOnLabels: Record<AddOnKind, string> = {
  ...allowanceLabels,
  tamHoursPerWeek: 'TAM hours per week',
  ddosProtection: 'DDoS protection (Security Response Team)',
  slackChannel: 'Slack channel',
};

export type StatementLine = {
  kind: LedgerKind;
  label: string;
  unit: string;
  included: number;
  addOn: number;
  available: number;
  used: number;
  reserved: number;
  remaining: number;
  overage: number;
};

export type StatementEntry = {
  kind: LedgerKind;
  date: IsoDate;
  what: string;
  who: string;
  quantity: number;
  unit: string;
  billable: boolean;
  recordId: string;
};

export type StatementAddOn = {
  kind: AddOnKind;
  label: string;
  quantity: number;
  /** 'this year' or 'every year'. */
  appliesTo: 'this year' | 'every year';
  note: string;
};

export type StatementCredit = {
  ticketId: string;
  ticketTitle: string;
  objective: string;
  deadline: Instant;
  answeredAt: Instant | null;
  minutesLate: number;
  creditDays: number;
};

export type UsageStatement = {
  customer: { id: string; name: string; country: string; region: string | null; timeZone: string };
  plan: { id: string; name: string };
  contractYear: ContractYear;
  /** The contract years of the term, for choosing another. */
  contractYears: ContractYear[];
  /** The customer's date at `now`: the figures are as of this day. */
  asOf: IsoDate;
  generatedAt: Instant;
  lines: StatementLine[];
  addOns: StatementAddOn[];
  entries: StatementEntry[];
  credits: StatementCredit[];
  term: { start: IsoDate; baseEnd: IsoDate; creditDays: number; endWithCredits: IsoDate };
  totals: { billableEntries: number; overageByKind: Partial<Record<LedgerKind, number>> };
};

export type StatementRefusal = { ok: false; reason: string };

function whoOf(book: CustomerBook, entry: LedgerEntry): string {
  switch (entry.table) {
    case 'goLiveBookings':
      return book.goLiveBookings.find((record) => record.id === entry.recordId)?.bookedBy ?? '';
    case 'bestPracticesReviews':
      return book.bestPracticesReviews.find((record) => record.id === entry.recordId)?.advisorUserId ?? '';
    case 'trainingDays': {
      const count = book.trainingDays.find((record) => record.id === entry.recordId)?.attendees.length ?? 0;
      return count === 1 ? '1 attendee' : `${count} attendees`;
    }
    case 'reviewCalls':
      return book.reviewCalls.find((record) => record.id === entry.recordId)?.loggedBy ?? '';
    case 'tamTimeEntries':
      return book.tamTimeEntries.find((record) => record.id === entry.recordId)?.userId ?? '';
    default:
      return '';
  }
}

function whatOf(book: CustomerBook, kind: LedgerKind, entry: LedgerEntry): string {
  if (entry.table === 'tamTimeEntries') {
    const record = book.tamTimeEntries.find((candidate) => candidate.id === entry.recordId);
    return record ? `TAM time: ${record.activity}${record.note ? ` (${record.note})` : ''}` : entry.label;
  }
  if (kind === 'customConfigurationSites' && entry.quantity === 0) {
    return `${entry.label} (site already counted this year)`;
  }
  return entry.label;
}

/**
 * The statement of the contract year `yearIndex` (1-based), or of the year holding today when
 * null. Refused, with the reason in words, without a contract, with an unknown plan, or for a
 * year the term does not have.
 */
export function usageStatement(
  book: CustomerBook,
  templates: readonly PlanTemplate[],
  now: Instant,
  yearIndex: number | null = null,
): { ok: true; statement: UsageStatement } | StatementRefusal {
  const contract = book.contract;
  if (!contract) return { ok: false, reason: `${book.customer.name} has no contract yet.` };
  const template = findPlanTemplate(contract.planId, templates);
  if (!template) return { ok: false, reason: `The plan "${contract.planId}" is not a known plan template.` };
  const status = customerStatus(book, templates, now);
  const years = status.ledger.years;
  const today = localDateOf(now, book.customer.timeZone);
  const year =
    yearIndex === null
      ? (years.find(
          (candidate) => candidate.contractYear.from <= today && today < candidate.contractYear.to,
        ) ?? years[years.length - 1])
      : years.find((candidate) => candidate.contractYear.index === yearIndex);
  if (!year) {
    return {
      ok: false,
      reason: `The term has ${years.length} contract year${years.length === 1 ? '' : 's'}; there is no year ${yearIndex ?? ''}.`,
    };
  }
  const index = year.contractYear.index;
  const lines: StatementLine[] = [];
  const entries: StatementEntry[] = [];
  for (const kind of ledgerKinds) {
    const line = year.lines[kind];
    const offered = line.available > 0 || line.used > 0 || line.addOn > 0;
    if (!offered && kind !== 'goLiveEvents') continue;
    lines.push({
      kind,
      label: allowanceLabels[kind],
      unit: ledgerUnits[kind],
      included: line.included,
      addOn: line.addOn,
      available: line.available,
      used: line.used,
      reserved: line.reserved,
      remaining: line.remaining,
      overage: line.overage,
    });
    for (const entry of line.entries) {
      entries.push({
        kind,
        date: entry.date,
        what: whatOf(book, kind, entry),
        who: whoOf(book, entry),
        quantity: entry.quantity,
        unit: ledgerUnits[kind],
        billable: entry.billable,
        recordId: entry.recordId,
      });
    }
  }
  entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.recordId < b.recordId ? -1 : 1));

  const addOns: StatementAddOn[] = contract.addOns
    .filter((addOn) => addOn.contractYear === null || addOn.contractYear === index)
    .filter((addOn) => (addOnKinds as readonly string[]).includes(addOn.kind))
    .map((addOn) => ({
      kind: addOn.kind,
      label: addOnLabels[addOn.kind],
      quantity: addOn.quantity,
      appliesTo: addOn.contractYear === null ? 'every year' : 'this year',
      note: addOn.note ?? '',
    }));

  const credits: StatementCredit[] = [];
  const plan = ticketPlanOf(book, templates);
  if (plan) {
    const { timeZone, country, region } = book.customer;
    for (const ticket of book.tickets) {
      for (const outcome of ticketObjectives(ticket, plan, { timeZone, country, region }, now)) {
        if (outcome.creditDays <= 0) continue;
        credits.push({
          ticketId: ticket.id,
          ticketTitle: ticket.title,
          objective:
            outcome.kind === 'initial-response'
              ? `Initial response, ${outcome.severity ?? 'severity'}`
              : `Escalation${outcome.urgent ? ' (urgent)' : ''}`,
          deadline: outcome.deadline,
          answeredAt: outcome.answeredAt,
          minutesLate: Math.floor(outcome.minutesLate),
          creditDays: outcome.creditDays,
        });
      }
    }
  }
  credits.sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0));

  const overageByKind: Partial<Record<LedgerKind, number>> = {};
  for (const line of lines) if (line.overage > 0) overageByKind[line.kind] = line.overage;

  return {
    ok: true,
    statement: {
      customer: {
        id: book.customer.id,
        name: book.customer.name,
        country: book.customer.country,
        region: book.customer.region,
        timeZone: book.customer.timeZone,
      },
      plan: { id: template.id, name: template.name },
      contractYear: year.contractYear,
      contractYears: years.map((candidate) => candidate.contractYear),
      asOf: today,
      generatedAt: now,
      lines,
      addOns,
      entries,
      credits,
      term: {
        start: contract.startDate,
        baseEnd: termEnd(contract, 0),
        creditDays: status.serviceCreditDays,
        endWithCredits: termEnd(contract, status.serviceCreditDays),
      },
      totals: { billableEntries: entries.filter((entry) => entry.billable).length, overageByKind },
    },
  };
}

export const statementColumns = [
  'section',
  'customer_id',
  'contract_year',
  'date',
  'kind',
  'item',
  'who',
  'quantity',
  'unit',
  'charge',
  'included',
  'add_on',
  'available',
  'used',
  'reserved',
  'remaining',
  'overage',
  'credit_days',
] as const;

/**
 * The statement as one CSV table, a `section` column telling rows apart: `summary` (one per
 * kind), `add-on`, `entry` (each use, `charge` = included or billable), `credit` (each late
 * objective, `date` = the deadline's instant), `term` (the base end, credits and end with credits).
 */
export function statementCsvTable(statement: UsageStatement): CsvTable {
  const year = String(statement.contractYear.index);
  const id = statement.customer.id;
  const row = (cells: Partial<Record<(typeof statementColumns)[number], string>>): string[] =>
    statementColumns.map((column) => cells[column] ?? '');
  const rows: string[][] = [];
  for (const line of statement.lines) {
    rows.push(
      row({
        section: 'summary',
        customer_id: id,
        contract_year: year,
        date: statement.asOf,
        kind: line.kind,
        item: line.label,
        unit: line.unit,
        included: csvNumber(line.included),
        add_on: csvNumber(line.addOn),
        available: csvNumber(line.available),
        used: csvNumber(line.used),
        reserved: csvNumber(line.reserved),
        remaining: csvNumber(line.remaining),
        overage: csvNumber(line.overage),
      }),
    );
  }
  for (const addOn of statement.addOns) {
    rows.push(
      row({
        section: 'add-on',
        customer_id: id,
        contract_year: addOn.appliesTo === 'every year' ? 'all' : year,
        kind: addOn.kind,
        item: addOn.note ? `${addOn.label}: ${addOn.note}` : addOn.label,
        quantity: csvNumber(addOn.quantity),
      }),
    );
  }
  for (const entry of statement.entries) {
    rows.push(
      row({
        section: 'entry',
        customer_id: id,
        contract_year: year,
        date: entry.date,
        kind: entry.kind,
        item: entry.what,
        who: entry.who,
        quantity: csvNumber(entry.quantity),
        unit: entry.unit,
        charge: entry.billable ? 'billable' : 'included',
      }),
    );
  }
  for (const credit of statement.credits) {
    rows.push(
      row({
        section: 'credit',
        customer_id: id,
        date: credit.deadline,
        kind: 'serviceCredit',
        item: `${credit.ticketTitle}: ${credit.objective}, ${credit.minutesLate} min late`,
        quantity: csvNumber(credit.creditDays),
        unit: 'days',
        credit_days: csvNumber(credit.creditDays),
      }),
    );
  }
  rows.push(
    row({
      section: 'term',
      customer_id: id,
      date: statement.term.endWithCredits,
      kind: 'termEnd',
      item: `Term ${statement.term.start} to ${statement.term.baseEnd}, extended by ${statement.term.creditDays} credit day(s)`,
      credit_days: csvNumber(statement.term.creditDays),
    }),
  );
  return { columns: [...statementColumns], rows };
}
