// Everything the console shows about one customer at a moment, recomputed from the book:
// the term with its service credits, the allowance ledger, the review cadence and the open
// response objectives. The customers grid, the Today view and the benchmark all call this.
import { contractYearOf, termYears, type ContractYear } from './contract';
import { customerLedger, type CustomerLedger, type LedgerContext } from './ledger';
import type { PlanTemplate } from './plans';
import type { CustomerBook } from './records';
import { reviewCadence, type ReviewCadence } from './reviewCadence';
import {
  customerServiceCreditDaysAt,
  openResponseObjectivesAt,
  ticketPlanOf,
  type OpenObjective,
} from './tickets';
import { instantMillis, localDateAt, type Instant, type IsoDate } from './time';

export type CustomerStatus = {
  customerId: string;
  today: IsoDate;
  serviceCreditDays: number;
  /** null without a contract. */
  renewalDate: IsoDate | null;
  contractYear: ContractYear | null;
  ledger: CustomerLedger;
  cadence: ReviewCadence;
  openObjectives: OpenObjective[];
};

export function customerStatus(
  book: CustomerBook,
  templates: readonly PlanTemplate[],
  now: Instant,
): CustomerStatus {
  const customer = book.customer;
  // `now` read once for everything below that counts in milliseconds.
  const nowMillis = instantMillis(now);
  const today = localDateAt(nowMillis, customer.timeZone);
  const plan = ticketPlanOf(book, templates);
  // bookServiceCreditDays, with the plan worked out once; the customer record is the calendar.
  const serviceCreditDays =
    plan && book.tickets.length > 0
      ? customerServiceCreditDaysAt(book.tickets, plan, customer, nowMillis)
      : 0;
  const context: LedgerContext = { templates, today, now, serviceCreditDays };
  const contract = book.contract;
  // The years the ledger works with too; the last one ends where the term does (renewalDate).
  const years = contract ? termYears(contract, serviceCreditDays) : null;
  return {
    customerId: customer.id,
    today,
    serviceCreditDays,
    renewalDate: years ? (years[years.length - 1] as ContractYear).to : null,
    contractYear: years ? contractYearOf(years, today) : null,
    ledger: customerLedger(book, context),
    cadence: reviewCadence(book, now),
    openObjectives: plan ? openResponseObjectivesAt(book.tickets, plan, customer, nowMillis) : [],
  };
}
