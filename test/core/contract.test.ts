import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anniversary,
  contractYearOf,
  contractYears,
  renewalDate,
  termEnd,
  termYears,
} from '../../src/core/contract';
import { addDays } from '../../src/core/time';

describe('contract years', () => {
  it('a 36-month contract has three years, each from one anniversary to the next', () => {
    const years = contractYears({ startDate: '2024-04-15', termMonths: 36 }, 0);
    expect(years).toEqual([
      { index: 1, from: '2024-04-15', to: '2025-04-15' },
      { index: 2, from: '2025-04-15', to: '2026-04-15' },
      { index: 3, from: '2026-04-15', to: '2027-04-15' },
    ]);
  });

  it('a contract starting on 29 Feb renews on 28 Feb in common years and on 29 Feb in leap years', () => {
    const years = contractYears({ startDate: '2024-02-29', termMonths: 60 }, 0);
    expect(years.map((year) => year.from)).toEqual([
      '2024-02-29',
      '2025-02-28',
      '2026-02-28',
      '2027-02-28',
      '2028-02-29',
    ]);
    expect(years[4]?.to).toBe('2029-02-28');
  });

  it('a booking on 28 Feb 2025 of a contract starting 29 Feb 2024 counts in year 2', () => {
    const years = contractYears({ startDate: '2024-02-29', termMonths: 24 }, 0);
    expect(contractYearOf(years, '2025-02-27')?.index).toBe(1);
    expect(contractYearOf(years, '2025-02-28')?.index).toBe(2);
  });

  it('a contract starting on 31 Jan with a 13-month term ends on the last day of February', () => {
    expect(termEnd({ startDate: '2026-01-31', termMonths: 13 }, 0)).toBe('2027-02-28');
    expect(termEnd({ startDate: '2027-01-31', termMonths: 13 }, 0)).toBe('2028-02-29');
  });

  it('a contract starting on 31 Jan keeps its anniversary on 31 Jan', () => {
    expect(anniversary('2026-01-31', 2)).toBe('2027-01-31');
    expect(contractYears({ startDate: '2026-01-31', termMonths: 24 }, 0).map((y) => y.from)).toEqual([
      '2026-01-31',
      '2027-01-31',
    ]);
  });

  it('service credits add one day each to the term and move the renewal date', () => {
    const contract = { startDate: '2026-01-01', termMonths: 12 };
    expect(termEnd(contract, 0)).toBe('2027-01-01');
    expect(termEnd(contract, 3)).toBe('2027-01-04');
    expect(renewalDate(contract, 3)).toBe('2027-01-04');
  });

  it('service credits lengthen the last contract year instead of opening a new one', () => {
    const years = contractYears({ startDate: '2026-01-01', termMonths: 12 }, 5);
    expect(years).toEqual([{ index: 1, from: '2026-01-01', to: '2027-01-06' }]);
  });

  it('a date before the start or after the term is in no contract year', () => {
    const years = contractYears({ startDate: '2026-01-01', termMonths: 12 }, 0);
    expect(contractYearOf(years, '2025-12-31')).toBeNull();
    expect(contractYearOf(years, '2027-01-01')).toBeNull();
  });

  it('every day of the term lies in exactly one contract year (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2015-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 72 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 6 * 366 }),
        (start, termMonths, creditDays, offset) => {
          const startDate = start.toISOString().slice(0, 10);
          const years = contractYears({ startDate, termMonths }, creditDays);
          const end = termEnd({ startDate, termMonths }, creditDays);
          const day = addDays(startDate, offset);
          const holding = years.filter((year) => day >= year.from && day < year.to);
          expect(holding.length).toBe(day < end ? 1 : 0);
          // Years are contiguous and cover the term exactly.
          expect(years[0]?.from).toBe(startDate);
          expect(years.at(-1)?.to).toBe(end);
          years.slice(1).forEach((year, i) => expect(year.from).toBe(years[i]?.to));
        },
      ),
    );
  });

  it('the shared contract years are the contract years for any start, shape and order of asking (property)', () => {
    const start = fc.oneof(
      fc
        .date({
          min: new Date('0000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((date) => date.toISOString().slice(0, 10)),
      // Not a plain yyyy-MM-dd: kept by its text.
      fc.constantFrom('2026-02-30', '2026-1-05', ''),
    );
    const ask = fc.record({
      startDate: start,
      termMonths: fc.oneof(fc.integer({ min: 0, max: 99_999 }), fc.constantFrom(0.5, -1, 100_000)),
      creditDays: fc.oneof(fc.integer({ min: 0, max: 9_999 }), fc.constantFrom(2.5, -3, 10_000)),
    });
    fc.assert(
      fc.property(fc.array(ask, { minLength: 1, maxLength: 6 }), (asks) => {
        // Several contracts asked in turn, some twice: each gets its own years, never another's.
        for (const { startDate, termMonths, creditDays } of [...asks, ...asks.slice().reverse()]) {
          const contract = { startDate, termMonths: Math.min(termMonths, 600) };
          let expected: unknown;
          try {
            expected = contractYears(contract, creditDays);
          } catch (error) {
            expected = error;
          }
          if (expected instanceof Error) expect(() => termYears(contract, creditDays)).toThrow();
          else expect(termYears(contract, creditDays)).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the shared contract years of a term are the contract years, whoever asks first (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2015-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }),
        fc.oneof(fc.integer({ min: 0, max: 72 }), fc.constantFrom(0.5, -1, 100_000)),
        fc.oneof(fc.integer({ min: 0, max: 60 }), fc.constantFrom(2.5, -3)),
        (start, termMonths, creditDays) => {
          const contract = { startDate: start.toISOString().slice(0, 10), termMonths };
          const expected = contractYears(contract, creditDays);
          expect(termYears(contract, creditDays)).toEqual(expected);
          // Asked again: the same list, unchanged.
          expect(termYears(contract, creditDays)).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
    // A term of 100,000 months (the edge of the numeric cache key) is 8,334 years to compare:
    // seconds of work, which a loaded machine stretches past the default timeout.
  }, 60_000);
});
