// The figures behind the console's charts, derived from the core's ledger, TAM weeks and response
// objectives; the chart components only draw them. Decisions (ARCHITECTURE.md, "Charts"):
// - A burn-down samples what is left at the end of each week of the contract year; an entry counts
//   on its ledger date, so bookings already made for later dates show as planned drops after today.
//   The even-pace line runs from everything available on the first day to nothing on the last.
// - An objective belongs to the month its deadline falls in, in the customer's zone. It is met when
//   answered without lateness, missed once it has any lateness (answered late or still unanswered
//   past its deadline); an unanswered objective not yet due is neither and is not counted.
import type { YearLedger, LedgerKind } from '../../../core/ledger';
import type { TamWeek } from '../../../core/tamHours';
import type { ObjectiveOutcome } from '../../../core/tickets';
import { addDays, localDateAt, instantMillis, type Instant, type IsoDate } from '../../../core/time';

export type BurnDownPoint = {
  /** The last day of the week sampled (or the year's last day). */
  date: IsoDate;
  /** What is left at the end of that day, after every entry dated up to it. */
  left: number;
  /** What would be left at an even pace over the year. */
  evenPace: number;
};

function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function burnDownSeries(year: YearLedger, kind: LedgerKind): BurnDownPoint[] {
  const line = year.lines[kind];
  const { from, to } = year.contractYear;
  const lastDay = addDays(to, -1);
  const length = Math.max(1, daysBetween(from, to));
  const entries = [...line.entries].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const points: BurnDownPoint[] = [];
  let used = 0;
  let next = 0;
  const sample = (day: IsoDate) => {
    while (next < entries.length && (entries[next]?.date ?? '') <= day) {
      used += entries[next]?.quantity ?? 0;
      next += 1;
    }
    const elapsed = daysBetween(from, day) + 1;
    points.push({
      date: day,
      left: round2(line.available - used),
      evenPace: round2(line.available * Math.max(0, 1 - elapsed / length)),
    });
  };
  points.push({ date: from, left: line.available, evenPace: line.available });
  for (let day = addDays(from, 6); day < lastDay; day = addDays(day, 7)) sample(day);
  sample(lastDay);
  return points;
}

export type TamWeekPoint = {
  weekStart: IsoDate;
  /** Hours within the week's budget. */
  withinBudget: number;
  /** Hours beyond it: billable as extra TAM hours. */
  overBudget: number;
  budget: number;
};

export function tamWeekSeries(weeks: readonly TamWeek[]): TamWeekPoint[] {
  return weeks.map((week) => ({
    weekStart: week.weekStart,
    withinBudget: round2((week.usedMinutes - week.overageMinutes) / 60),
    overBudget: round2(week.overageMinutes / 60),
    budget: round2(week.budgetMinutes / 60),
  }));
}

export type ObjectiveMonth = { month: string; met: number; missed: number };

/** The `count` calendar months up to the one holding `now` in `zone`, oldest first: "2026-11". */
export function monthsUpTo(now: Instant, zone: string, count: number): string[] {
  const [year, month] = localDateAt(instantMillis(now), zone).split('-').map(Number) as [number, number];
  const months: string[] = [];
  for (let back = count - 1; back >= 0; back -= 1) {
    const index = year * 12 + (month - 1) - back;
    months.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  return months;
}

export function objectivesByMonth(
  objectives: readonly ObjectiveOutcome[],
  zone: string,
  now: Instant,
  months: number,
): ObjectiveMonth[] {
  const series = monthsUpTo(now, zone, months).map((month) => ({ month, met: 0, missed: 0 }));
  const byMonth = new Map(series.map((entry) => [entry.month, entry]));
  for (const objective of objectives) {
    const late = objective.minutesLate > 0;
    if (!late && objective.answeredAt === null) continue;
    const month = localDateAt(instantMillis(objective.deadline), zone).slice(0, 7);
    const entry = byMonth.get(month);
    if (!entry) continue;
    if (late) entry.missed += 1;
    else entry.met += 1;
  }
  return series;
}
