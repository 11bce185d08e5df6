import { describe, expect, it } from 'vitest';
import { countRecords, flattenBook, generateTeamBook, mulberry32 } from '../../src/core/demoBook';
import { planTemplates } from '../../src/core/plans';
import { recordSchemas, tableNames } from '../../src/core/records';
import { reviewCadence } from '../../src/core/reviewCadence';
import { daysBetween } from '../../src/core/time';

const today = '2026-03-16';
const small = generateTeamBook({ customers: 200, seed: 20260316, today });

describe('the generated team book', () => {
  it('every generated record passes its schema unchanged (200 customers)', () => {
    const tables = flattenBook(small.books);
    const failures: string[] = [];
    for (const table of tableNames) {
      for (const record of tables[table]) {
        const parsed = recordSchemas[table].safeParse(record);
        if (!parsed.success) failures.push(`${table}: ${JSON.stringify(parsed.error.issues[0])}`);
        else expect(parsed.data).toEqual(record);
      }
    }
    expect(failures).toEqual([]);
    expect(tables.customers).toHaveLength(200);
  });

  it('the same seed gives the same book, and another seed another book', () => {
    const again = generateTeamBook({ customers: 200, seed: 20260316, today });
    expect(JSON.stringify(again)).toBe(JSON.stringify(small));
    const other = generateTeamBook({ customers: 200, seed: 7, today });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(small));
  });

  it('the first customers of a large book are the customers of a small one', () => {
    const larger = generateTeamBook({ customers: 300, seed: 20260316, today });
    // Who the TAM is depends on the team's size; what happens to a customer on its own stream.
    expect(larger.books.slice(0, 200).map((book) => book.contract)).toEqual(
      small.books.map((book) => book.contract),
    );
    expect(larger.books.slice(0, 200).map((book) => book.tickets)).toEqual(
      small.books.map((book) => book.tickets),
    );
  });

  it('5,000 customers make 150,000 to 250,000 records', () => {
    const team = generateTeamBook({ customers: 5000, seed: 1, today });
    expect(team.recordCount).toBeGreaterThanOrEqual(150_000);
    expect(team.recordCount).toBeLessThanOrEqual(250_000);
    const tables = flattenBook(team.books);
    const flatCount = tableNames.reduce((sum, table) => sum + tables[table].length, 0);
    expect(flatCount).toBe(team.recordCount + planTemplates.length);
    expect(countRecords(team.books)).toBe(team.recordCount);
  });

  it('the book mixes plans, countries, contract starts and outcomes the way a real team has them', () => {
    const team = generateTeamBook({ customers: 1000, seed: 99, today });
    const tables = flattenBook(team.books);
    const plans = new Map<string, number>();
    for (const contract of tables.contracts)
      plans.set(contract.planId, (plans.get(contract.planId) ?? 0) + 1);
    const edge = (plans.get('edge-mission-critical') ?? 0) + (plans.get('edge-enterprise') ?? 0);
    expect(edge / 1000).toBeGreaterThan(0.5);
    for (const plan of ['identity-extended-sla', 'identity-custom', 'appliance-premium']) {
      expect(plans.get(plan) ?? 0).toBeGreaterThan(20);
    }
    expect(new Set(tables.customers.map((customer) => customer.timeZone))).toEqual(
      new Set([
        'Europe/Zurich',
        'America/Sao_Paulo',
        'America/New_York',
        'Europe/Berlin',
        'Europe/London',
        'Asia/Singapore',
      ]),
    );
    expect(tables.customers.filter((c) => c.country === 'CH').every((c) => c.region === 'SG')).toBe(true);

    const starts = tables.contracts.map((contract) => contract.startDate);
    expect(starts.some((date) => date.endsWith('-02-29'))).toBe(true);
    expect(starts.some((date) => date.endsWith('-01-31'))).toBe(true);
    for (const start of starts) {
      expect(daysBetween(start, today)).toBeGreaterThanOrEqual(0);
      expect(daysBetween(start, today)).toBeLessThanOrEqual(4 * 366);
    }

    const callStatuses = new Set(tables.reviewCalls.map((call) => call.status));
    expect([...callStatuses].sort()).toEqual(['cancelled', 'held', 'missed', 'moved']);
    expect(tables.goLiveBookings.some((booking) => booking.status === 'cancelled')).toBe(true);
    expect(tables.goLiveBookings.some((booking) => booking.billableAccepted)).toBe(true);
    expect(tables.tickets.some((ticket) => ticket.severityHistory.length > 1)).toBe(true);
    expect(tables.tickets.some((ticket) => ticket.status === 'open')).toBe(true);
    expect(tables.tickets.some((ticket) => ticket.escalations.length > 0)).toBe(true);
    expect(tables.tickets.some((ticket) => ticket.firstResponseAt === null)).toBe(true);
    expect(tables.allowanceReservations.length).toBeGreaterThan(0);

    const statuses = new Set(team.books.map((book) => reviewCadence(book, `${today}T12:00:00.000Z`).status));
    expect([...statuses].sort()).toEqual(['missed', 'not-scheduled', 'on-track', 'overdue']);
  });

  it('mulberry32 repeats for a seed and spreads over [0, 1)', () => {
    const first = mulberry32(5);
    const second = mulberry32(5);
    const draws = Array.from({ length: 1000 }, () => first());
    expect(Array.from({ length: 1000 }, () => second())).toEqual(draws);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.filter((value) => value < 0.5).length).toBeGreaterThan(400);
    expect(draws.filter((value) => value < 0.5).length).toBeLessThan(600);
  });
});
