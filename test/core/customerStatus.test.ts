import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateTeamBook } from '../../src/core/demoBook';
import { contractYearOf, contractYears, renewalDate } from '../../src/core/contract';
import { customerStatus } from '../../src/core/customerStatus';
import { customerLedger } from '../../src/core/ledger';
import { planTemplates } from '../../src/core/plans';
import type { CustomerBook } from '../../src/core/records';
import { reviewCadence } from '../../src/core/reviewCadence';
import { bookServiceCreditDays, openResponseObjectives, ticketPlanOf } from '../../src/core/tickets';
import { localDateOf, toInstant, type Instant } from '../../src/core/time';

// customerStatus reads `now` once and shares the contract years between its parts; what it shows
// must be exactly what each part's own function gives on its own.
function statusPartByPart(book: CustomerBook, now: Instant) {
  const today = localDateOf(now, book.customer.timeZone);
  const serviceCreditDays = bookServiceCreditDays(book, planTemplates, now);
  const contract = book.contract;
  const plan = ticketPlanOf(book, planTemplates);
  return {
    customerId: book.customer.id,
    today,
    serviceCreditDays,
    renewalDate: contract ? renewalDate(contract, serviceCreditDays) : null,
    contractYear: contract ? contractYearOf(contractYears(contract, serviceCreditDays), today) : null,
    ledger: customerLedger(book, { templates: planTemplates, today, now, serviceCreditDays }),
    cadence: reviewCadence(book, now),
    openObjectives: plan ? openResponseObjectives(book.tickets, plan, book.customer, now) : [],
  };
}

describe('the status of a customer', () => {
  const today = '2026-03-27';
  const { books } = generateTeamBook({ customers: 40, seed: 7, today });

  it('is its parts, each worked out on its own, at any moment around a clock change (property)', () => {
    const base = Date.parse(`${today}T00:00:00.000Z`);
    fc.assert(
      fc.property(fc.integer({ min: -3 * 24 * 60, max: 10 * 24 * 60 }), (minutes) => {
        const now = toInstant(base + minutes * 60_000);
        for (const book of books) {
          expect(customerStatus(structuredClone(book), planTemplates, now)).toEqual(
            statusPartByPart(book, now),
          );
        }
      }),
      { numRuns: 6 },
    );
  });

  it('is the same when asked again about the same records', () => {
    const now = `${today}T12:00:00.000Z`;
    for (const book of books) {
      expect(customerStatus(book, planTemplates, now)).toEqual(customerStatus(book, planTemplates, now));
    }
  });
});
