// TAM hours per week against the customer's weekly budget: held calls and logged time within the
// budget, the part beyond it (billable as extra TAM hours), and the budget as a line.
import '@mantine/charts/styles.css';
import { CompositeChart } from '@mantine/charts';
import { Group, Text } from '@mantine/core';
import { useMemo, type ReactNode } from 'react';
import type { PlanTemplate } from '../../../core/plans';
import type { CustomerBook } from '../../../core/records';
import { tamHoursByWeek } from '../../../core/tamHours';
import { addDays, formatMinutes, type IsoDate } from '../../../core/time';
import { formatDate } from '../time/zonedFormat';
import { tamWeekSeries } from './chartSeries';
import { ChartFigure, shortDay } from './ChartFigure';

type Props = {
  book: CustomerBook;
  templates: readonly PlanTemplate[];
  today: IsoDate;
  serviceCreditDays: number;
  weeks?: number;
  /** Shown beside the title (the customer page puts "Log TAM time" there). */
  action?: ReactNode;
};

export function TamHoursChart({ book, templates, today, serviceCreditDays, weeks = 12, action }: Props) {
  const tamWeeks = useMemo(
    () => tamHoursByWeek(book, addDays(today, -7 * (weeks - 1)), today, { templates, serviceCreditDays }),
    [book, templates, today, serviceCreditDays, weeks],
  );
  const points = useMemo(() => tamWeekSeries(tamWeeks), [tamWeeks]);
  const current = tamWeeks[tamWeeks.length - 1];
  const overWeeks = tamWeeks.filter((week) => week.overageMinutes > 0).length;
  if (!current) return null;
  const anyBudget = tamWeeks.some((week) => week.budgetMinutes > 0);
  const anyTime = tamWeeks.some((week) => week.usedMinutes > 0);
  if (!anyBudget && !anyTime)
    return (
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          No TAM-hour budget and no TAM time in the last {weeks} weeks.
        </Text>
        {action}
      </Group>
    );
  return (
    <ChartFigure
      title={`TAM hours per week, last ${weeks} weeks`}
      titleOrder={2}
      action={action}
      summary={`This week (from ${formatDate(current.weekStart)}): ${formatMinutes(current.usedMinutes)} of ${formatMinutes(current.budgetMinutes)} budget. ${overWeeks === 0 ? 'No week over budget.' : `${overWeeks} week${overWeeks === 1 ? '' : 's'} over budget.`}`}
    >
      <CompositeChart
        h={200}
        data={points}
        dataKey="weekStart"
        unit=" h"
        maxBarWidth={28}
        xAxisLabel="Week starting"
        yAxisLabel="Hours"
        xAxisProps={{ tickFormatter: shortDay, minTickGap: 16 }}
        yAxisProps={{ allowDecimals: false }}
        barProps={{ stackId: 'hours' }}
        withDots={false}
        curveType="step"
        series={[
          { name: 'withinBudget', label: 'Within budget', color: 'teal.6', type: 'bar' },
          { name: 'overBudget', label: 'Over budget (billable)', color: 'orange.7', type: 'bar' },
          { name: 'budget', label: 'Weekly budget', color: 'gray.7', type: 'line', strokeDasharray: '5 4' },
        ]}
        withLegend
        legendProps={{ verticalAlign: 'top', height: 28 }}
        tooltipAnimationDuration={0}
      />
    </ChartFigure>
  );
}
