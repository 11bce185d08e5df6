// The allowance ledger: for each contract year and kind, what was included, bought,
// reserved, used and what remains — always derived from the records, never a stored counter.
// (Signatures agreed; implementation in progress.)
import type { ContractYear } from './contract';
import type { AllowanceKind, PlanTemplate } from './plans';
import type { CustomerBook, TableName } from './records';
import type { Instant, IsoDate } from './time';

export type LedgerKind = AllowanceKind | 'tamHours';

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

export declare function allowanceLedger(book: CustomerBook, context: LedgerContext): YearLedger[];

/** The line for one kind in the contract year holding `date`, or null outside the term. */
export declare function allowanceLineOn(
  book: CustomerBook,
  kind: LedgerKind,
  date: IsoDate,
  context: LedgerContext,
): AllowanceLine | null;
