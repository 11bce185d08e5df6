// The figures behind the charts: burn-down per contract year, TAM weeks, objectives per month.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ledgerKinds, type AllowanceLine, type LedgerKind, type YearLedger } from '../../src/core/ledger';
import type { TamWeek } from '../../src/core/tamHours';
import type { ObjectiveOutcome } from '../../src/core/tickets';
import { addDays } from '../../src/core/time';
import {
  burnDownSeries,
  monthsUpTo,
  objectivesByMonth,
  tamWeekSeries,
} from '../../src/renderer/src/charts/chartSeries';

const contractYear = { index: 1, from: '2026-01-01', to: '2027-01-01' };

function yearWith(
  kind: LedgerKind,
  available: number,
  entries: { date: string; quantity: number }[],
): YearLedger {
  const line = (lineKind: LedgerKind): AllowanceLine => {
    const mine = lineKind === kind;
    const used = mine ? entries.reduce((sum, entry) => sum + entry.quantity, 0) : 0;
    return {
      kind: lineKind,
      contractYear,
      included: mine ? available : 0,
      addOn: 0,
      available: mine ? available : 0,
      reserved: 0,
      used,
      remaining: Math.max(0, (mine ? available : 0) - used),
      overage: Math.max(0, used - (mine ? available : 0)),
      entries: mine
        ? entries.map((entry, i) => ({
            table: 'goLiveBookings' as const,
            recordId: `e${i}`,
            date: entry.date,
            label: `entry ${i}`,
            quantity: entry.quantity,
            billable: false,
          }))
        : [],
      forecast: null,
    };
  };
  return {
    contractYear,
    lines: Object.fromEntries(ledgerKinds.map((each) => [each, line(each)])) as Record<
      LedgerKind,
      AllowanceLine
    >,
  };
}

describe('the allowance burn-down', () => {
  it('starts with everything available and drops in the week each Go Live counts', () => {
    const year = yearWith('goLiveEvents', 5, [
      { date: '2026-01-20', quantity: 1 },
      { date: '2026-03-03', quantity: 1 },
    ]);
    const points = burnDownSeries(year, 'goLiveEvents');
    expect(points[0]).toEqual({ date: '2026-01-01', left: 5, evenPace: 5 });
    const leftOn = (date: string) => points.filter((point) => point.date <= date).at(-1)?.left;
    expect(leftOn('2026-01-19')).toBe(5);
    expect(leftOn('2026-01-21')).toBe(4);
    expect(leftOn('2026-03-10')).toBe(3);
    expect(points.at(-1)).toEqual({ date: '2026-12-31', left: 3, evenPace: 0 });
  });

  it('shows use beyond the allowance below zero, so billable overage is visible', () => {
    const year = yearWith('trainingDays', 1, [
      { date: '2026-02-01', quantity: 1 },
      { date: '2026-02-02', quantity: 1 },
    ]);
    expect(burnDownSeries(year, 'trainingDays').at(-1)?.left).toBe(-1);
  });

  it('never rises, ends at what is available less everything used, and samples each week of the year', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.array(
          fc.record({ day: fc.integer({ min: 0, max: 364 }), quantity: fc.integer({ min: 1, max: 8 }) }),
          {
            maxLength: 30,
          },
        ),
        (available, drawn) => {
          const entries = drawn.map((entry) => ({
            date: addDays('2026-01-01', entry.day),
            quantity: entry.quantity,
          }));
          const points = burnDownSeries(yearWith('tamHours', available, entries), 'tamHours');
          for (let i = 1; i < points.length; i += 1) {
            expect(points[i]!.left).toBeLessThanOrEqual(points[i - 1]!.left);
            expect(points[i]!.evenPace).toBeLessThanOrEqual(points[i - 1]!.evenPace);
            expect(points[i]!.date > points[i - 1]!.date).toBe(true);
          }
          const used = entries.reduce((sum, entry) => sum + entry.quantity, 0);
          expect(points.at(-1)!.left).toBe(available - used);
          expect(points.at(-1)!.evenPace).toBe(0);
          expect(points.length).toBe(54);
        },
      ),
    );
  });
});

describe('TAM hours per week', () => {
  it('splits a week into the hours within the budget and the billable hours beyond it', () => {
    const week = {
      weekStart: '2026-03-30',
      usedMinutes: 150,
      overageMinutes: 30,
      budgetMinutes: 120,
    } as TamWeek;
    expect(tamWeekSeries([week])).toEqual([
      { weekStart: '2026-03-30', withinBudget: 2, overBudget: 0.5, budget: 2 },
    ]);
  });
});

function objective(deadline: string, answeredAt: string | null, minutesLate: number): ObjectiveOutcome {
  return {
    ticketId: 't',
    kind: 'initial-response',
    escalationId: null,
    urgent: false,
    severity: 'sev1',
    objective: { minutes: 15, clock: '24x7' },
    startsAt: deadline,
    deadline,
    answeredAt,
    minutesLate,
    creditDays: Math.floor(minutesLate / 15),
  };
}

describe('response objectives per month', () => {
  const now = '2026-04-15T10:00:00.000Z';

  it('counts met and missed by the month the objective fell due in the customer’s zone', () => {
    const months = objectivesByMonth(
      [
        objective('2026-03-10T10:00:00.000Z', '2026-03-10T09:55:00.000Z', 0),
        objective('2026-03-12T10:00:00.000Z', '2026-03-12T10:40:00.000Z', 40),
        // 01:30 on 1 April in Zurich, still 31 March in UTC.
        objective('2026-03-31T23:30:00.000Z', '2026-03-31T23:00:00.000Z', 0),
        // Unanswered and past due: missed.
        objective('2026-04-14T08:00:00.000Z', null, 120),
        // Unanswered and not yet due: neither.
        objective('2026-04-15T12:00:00.000Z', null, 0),
      ],
      'Europe/Zurich',
      now,
      3,
    );
    expect(months).toEqual([
      { month: '2026-02', met: 0, missed: 0 },
      { month: '2026-03', met: 1, missed: 1 },
      { month: '2026-04', met: 1, missed: 1 },
    ]);
  });

  it('leaves out objectives due before the months shown', () => {
    const months = objectivesByMonth([objective('2025-01-10T10:00:00.000Z', null, 99)], 'UTC', now, 12);
    expect(months.every((month) => month.met === 0 && month.missed === 0)).toBe(true);
  });

  it('months run back across the new year', () => {
    expect(monthsUpTo('2026-02-01T12:00:00.000Z', 'UTC', 4)).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
  });
});
