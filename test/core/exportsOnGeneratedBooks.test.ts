// The exports on realistic books (src/core/demoBook.ts, random seeds): the statement's figures are
// the ledger's in every contract year, and the calendar file holds every call the cadence computes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../support/fastCheck';
import { generateTeamBook } from '../../src/core/demoBook';
import { customerCalendar } from '../../src/core/calendarExport';
import { customerStatus } from '../../src/core/customerStatus';
import { planTemplates } from '../../src/core/plans';
import { effectiveOccurrence, occurrencesBetween } from '../../src/core/reviewCadence';
import { usageStatement } from '../../src/core/usageStatement';
import { parseCalendar } from '../support/icsParse';

const today = '2026-03-16';
const now = `${today}T12:00:00.000Z`;

describe('exports on generated books (property)', () => {
  it('every contract year s statement has the ledger s figures, and its charges are the ledger s', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        for (const book of generateTeamBook({ customers: 6, seed, today }).books) {
          const ledger = customerStatus(book, planTemplates, now).ledger;
          for (const year of ledger.years) {
            const result = usageStatement(book, planTemplates, now, year.contractYear.index);
            if (!result.ok) throw new Error(result.reason);
            for (const line of result.statement.lines) {
              const expected = year.lines[line.kind];
              expect([
                line.included,
                line.addOn,
                line.available,
                line.used,
                line.reserved,
                line.remaining,
                line.overage,
              ]).toEqual([
                expected.included,
                expected.addOn,
                expected.available,
                expected.used,
                expected.reserved,
                expected.remaining,
                expected.overage,
              ]);
              const entries = result.statement.entries.filter((entry) => entry.kind === line.kind);
              expect(entries.map((entry) => [entry.recordId, entry.billable]).sort()).toEqual(
                expected.entries.map((entry) => [entry.recordId, entry.billable]).sort(),
              );
            }
          }
        }
      }),
      { numRuns: 15 },
    );
  });

  it('the calendar file holds every review call the cadence computes in the year around today, at its time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const from = '2025-09-01T00:00:00.000Z';
        const to = '2026-09-01T00:00:00.000Z';
        for (const book of generateTeamBook({ customers: 4, seed, today }).books) {
          if (book.reviewSeries.length === 0) continue;
          const expected = book.reviewSeries
            .flatMap((series) =>
              // From a month earlier: a call moved into the year from before it counts too.
              occurrencesBetween(series, '2025-08-01T00:00:00.000Z', to).map((occurrence) =>
                effectiveOccurrence(
                  occurrence,
                  series,
                  book.reviewCalls.find(
                    (call) =>
                      call.seriesId === series.id && call.occurrenceDate === occurrence.occurrenceDate,
                  ) ?? null,
                ),
              ),
            )
            .filter((occurrence) => occurrence.state !== 'missed' && occurrence.state !== 'cancelled')
            .filter((occurrence) => occurrence.effectiveStartsAt >= from && occurrence.effectiveStartsAt < to)
            .map((occurrence) => `${occurrence.effectiveStartsAt}/${occurrence.effectiveEndsAt}`)
            .sort();
          const parsed = parseCalendar(customerCalendar(book, now))
            .expand(from, to)
            .filter((occurrence) => occurrence.uid.startsWith('review-series-'))
            .map((occurrence) => `${occurrence.start}/${occurrence.end}`)
            .sort();
          expect(parsed).toEqual(expected);
        }
      }),
      { numRuns: 10 },
    );
  });
});
