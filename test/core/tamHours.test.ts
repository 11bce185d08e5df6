import { describe, expect, it } from 'vitest';
import { tamMinutes } from '../../src/core/consumption';
import type { CustomerBook, ReviewCall, TamTimeEntry } from '../../src/core/records';
import {
  myTamHoursThisWeek,
  tamHoursByWeek,
  tamHoursForWeek,
  weeklyTamBudget,
} from '../../src/core/tamHours';
import { aBook } from '../support/fixtures';

function aHeldCall(
  startsAt: string,
  durationMinutes: number,
  overrides: Partial<ReviewCall> = {},
): ReviewCall {
  return {
    id: `call-${startsAt}`,
    customerId: 'cust-1',
    seriesId: 'series-1',
    occurrenceDate: startsAt.slice(0, 10),
    status: 'held',
    startsAt,
    durationMinutes,
    agenda: [],
    notes: '',
    actionItems: [],
    loggedBy: 'tam-1',
    ...overrides,
  };
}

function anEntry(date: string, minutes: number, overrides: Partial<TamTimeEntry> = {}): TamTimeEntry {
  return {
    id: `entry-${date}-${minutes}`,
    customerId: 'cust-1',
    userId: 'tam-1',
    date,
    minutes,
    activity: 'preparation',
    note: '',
    ...overrides,
  };
}

/** Identity Custom includes 4 TAM hours a week; the contract starts Thursday 1 January 2026. */
function customBook(
  records: Partial<CustomerBook> = {},
  contract: Parameters<typeof aBook>[1] = {},
): CustomerBook {
  return { ...aBook({}, { planId: 'identity-custom', ...contract }), ...records };
}

describe('TAM hours per week', () => {
  it('TAM hours over the weekly budget show as overage', () => {
    const book = customBook({
      // Week of Monday 9 March 2026 (Zurich): a 60-minute call and 200 minutes of other work.
      reviewCalls: [aHeldCall('2026-03-10T09:00:00.000Z', 60)],
      tamTimeEntries: [anEntry('2026-03-11', 120), anEntry('2026-03-15', 80)],
    });
    const week = tamHoursForWeek(book, '2026-03-12');
    expect(week).toMatchObject({
      weekStart: '2026-03-09',
      budgetHours: 4,
      usedMinutes: 260,
      remainingMinutes: 0,
      overageMinutes: 20,
      usedHours: 4.33,
      remainingHours: 0,
      overageHours: 0.33,
    });
  });

  it('time within the budget leaves the rest as remaining', () => {
    const book = customBook({ tamTimeEntries: [anEntry('2026-03-09', 90)] });
    expect(tamHoursForWeek(book, '2026-03-09')).toMatchObject({ remainingHours: 2.5, overageHours: 0 });
  });

  it('an add-on of 2 TAM hours raises the weekly budget', () => {
    const book = customBook(
      { tamTimeEntries: [anEntry('2026-03-11', 300)] },
      { addOns: [{ id: 'addon-1', kind: 'tamHoursPerWeek', quantity: 2, contractYear: null }] },
    );
    const week = tamHoursForWeek(book, '2026-03-11');
    expect(week).toMatchObject({ includedHours: 4, addOnHours: 2, budgetHours: 6, remainingMinutes: 60 });
    expect(week.overageMinutes).toBe(0);
  });

  it('an add-on bought for the second contract year counts from the first week of that year', () => {
    const book = customBook(
      {},
      { addOns: [{ id: 'addon-1', kind: 'tamHoursPerWeek', quantity: 2, contractYear: 2 }] },
    );
    // The second contract year starts Friday 1 January 2027; that week's Monday is still in year 1.
    expect(weeklyTamBudget(book, '2026-12-28')).toMatchObject({ contractYear: 1, budgetHours: 4 });
    expect(weeklyTamBudget(book, '2027-01-04')).toMatchObject({ contractYear: 2, budgetHours: 6 });
  });

  it('the week the contract starts mid-week has the first year’s budget', () => {
    // Thursday 1 January 2026; the Monday of that week is 29 December 2025.
    expect(weeklyTamBudget(customBook(), '2025-12-29')).toMatchObject({ contractYear: 1, budgetHours: 4 });
    expect(weeklyTamBudget(customBook(), '2025-12-22')).toMatchObject({ contractYear: null, budgetHours: 0 });
  });

  it('a plan without TAM hours has no budget, so all TAM time is overage', () => {
    const book = customBook({ tamTimeEntries: [anEntry('2026-03-11', 45)] }, { planId: 'edge-enterprise' });
    expect(tamHoursForWeek(book, '2026-03-11')).toMatchObject({ budgetHours: 0, overageMinutes: 45 });
  });

  it("a per-customer figure replaces the plan's included TAM hours", () => {
    const book = customBook({}, { overrides: { included: { tamHoursPerWeek: 1.5 } } });
    expect(tamHoursForWeek(book, '2026-03-11')).toMatchObject({ budgetHours: 1.5, budgetMinutes: 90 });
  });

  it("a call counts in the week of its date in the customer's zone", () => {
    // Sunday 23:30 UTC is Monday 00:30 in Zurich: the call belongs to the next week.
    const book = customBook({ reviewCalls: [aHeldCall('2026-03-15T23:30:00.000Z', 60)] });
    expect(tamHoursForWeek(book, '2026-03-12').usedMinutes).toBe(0);
    expect(tamHoursForWeek(book, '2026-03-16').usedMinutes).toBe(60);
  });

  it('only held calls count as TAM time', () => {
    const book = customBook({
      reviewCalls: [
        aHeldCall('2026-03-10T09:00:00.000Z', 60, { status: 'moved' }),
        aHeldCall('2026-03-11T09:00:00.000Z', 60, { status: 'missed' }),
        aHeldCall('2026-03-12T09:00:00.000Z', 45),
      ],
    });
    expect(tamHoursForWeek(book, '2026-03-12').usedMinutes).toBe(45);
  });

  it('the weeks add up to what tamMinutes counts, week by week', () => {
    const book = customBook({
      reviewCalls: [
        aHeldCall('2026-02-03T09:00:00.000Z', 60),
        aHeldCall('2026-02-17T09:00:00.000Z', 55),
        aHeldCall('2026-03-01T23:30:00.000Z', 30),
      ],
      tamTimeEntries: [anEntry('2026-02-04', 30), anEntry('2026-02-22', 100), anEntry('2026-03-02', 15)],
    });
    const weeks = tamHoursByWeek(book, '2026-02-01', '2026-03-08');
    expect(weeks.map((week) => week.weekStart)).toEqual([
      '2026-01-26',
      '2026-02-02',
      '2026-02-09',
      '2026-02-16',
      '2026-02-23',
      '2026-03-02',
    ]);
    const total = tamMinutes(book.reviewCalls, book.tamTimeEntries, 'Europe/Zurich').reduce(
      (sum, entry) => sum + entry.minutes,
      0,
    );
    expect(weeks.reduce((sum, week) => sum + week.usedMinutes, 0)).toBe(total);
    expect(weeks.map((week) => week.usedMinutes)).toEqual([0, 90, 0, 155, 0, 45]);
    for (const week of weeks) expect(week).toEqual(tamHoursForWeek(book, week.weekStart));
  });
});

describe("a TAM's own week", () => {
  it('counts the calls I logged and my own time across customers, next to each budget', () => {
    const first = customBook({
      reviewCalls: [
        aHeldCall('2026-03-10T09:00:00.000Z', 60),
        aHeldCall('2026-03-11T09:00:00.000Z', 30, { loggedBy: 'tam-2' }),
      ],
      tamTimeEntries: [
        anEntry('2026-03-12', 45),
        anEntry('2026-03-12', 50, { id: 'other', userId: 'tam-2' }),
      ],
    });
    const second: CustomerBook = {
      ...aBook(
        { id: 'cust-2', name: 'Bahia Streaming Ltda', timeZone: 'America/Sao_Paulo', tamUserId: 'tam-2' },
        {
          id: 'contract-2',
          planId: 'identity-extended-sla',
          overrides: { included: { tamHoursPerWeek: 2 } },
        },
      ),
      tamTimeEntries: [anEntry('2026-03-13', 150, { id: 'e2', customerId: 'cust-2' })],
    };
    const unrelated: CustomerBook = {
      ...aBook({ id: 'cust-3', name: 'Untouched GmbH', tamUserId: 'tam-3' }, { planId: 'identity-custom' }),
      tamTimeEntries: [anEntry('2026-03-12', 30, { id: 'e3', customerId: 'cust-3', userId: 'tam-3' })],
    };
    const mine = myTamHoursThisWeek('tam-1', [first, second, unrelated], '2026-03-14');
    expect(mine.weekStart).toBe('2026-03-09');
    expect(mine.totalMinutes).toBe(255);
    expect(mine.customers.map((line) => [line.customerId, line.myMinutes])).toEqual([
      ['cust-2', 150],
      ['cust-1', 105],
    ]);
    const firstLine = mine.customers.find((line) => line.customerId === 'cust-1');
    expect(firstLine?.week).toMatchObject({ usedMinutes: 185, budgetHours: 4, remainingMinutes: 55 });
    const secondLine = mine.customers.find((line) => line.customerId === 'cust-2');
    expect(secondLine?.week).toMatchObject({ budgetHours: 2, overageMinutes: 30 });
  });

  it('a customer I own with a budget shows even before I log time this week', () => {
    const mine = myTamHoursThisWeek('tam-1', [customBook()], '2026-03-14');
    expect(mine.customers).toHaveLength(1);
    expect(mine.customers[0]).toMatchObject({ myMinutes: 0, week: { remainingHours: 4 } });
  });
});
