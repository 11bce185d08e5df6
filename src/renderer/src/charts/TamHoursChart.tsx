// TAM hours per week against the customer's weekly budget: held calls and logged time within the
// budget, the part beyond it (billable as extra TAM hours), and the budget as a line.
import '@mantine/charts/styles.css';
import { CompositeChart } from '@mantine/charts';
import { Group, Text } from '@mantine/core';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanTemplate } from '../../../core/plans';
import type { CustomerBook } from '../../../core/records';
import { tamHoursByWeek } from '../../../core/tamHours';
import { addDays, formatMinutes, type IsoDate } from '../../../core/time';
import { formatDate, formatNumber } from '../time/zonedFormat';
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
  const { t } = useTranslation();
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
          {t('charts.noTamHours', { count: weeks })}
        </Text>
        {action}
      </Group>
    );
  return (
    <ChartFigure
      title={t('charts.tamTitle', { count: weeks })}
      titleOrder={2}
      action={action}
      summary={`${t('charts.tamSummary', {
        date: formatDate(current.weekStart),
        used: formatMinutes(current.usedMinutes),
        budget: formatMinutes(current.budgetMinutes),
      })} ${overWeeks === 0 ? t('charts.noWeekOver') : t('charts.weeksOver', { count: overWeeks })}`}
    >
      <CompositeChart
        h={200}
        data={points}
        dataKey="weekStart"
        unit=" h"
        maxBarWidth={28}
        xAxisLabel={t('charts.weekStarting')}
        yAxisLabel={t('charts.hours')}
        valueFormatter={formatNumber}
        xAxisProps={{ tickFormatter: shortDay, minTickGap: 16 }}
        yAxisProps={{ allowDecimals: false }}
        barProps={{ stackId: 'hours' }}
        withDots={false}
        curveType="step"
        series={[
          { name: 'withinBudget', label: t('charts.withinBudget'), color: 'teal.6', type: 'bar' },
          { name: 'overBudget', label: t('charts.overBudget'), color: 'orange.7', type: 'bar' },
          {
            name: 'budget',
            label: t('charts.weeklyBudget'),
            color: 'gray.7',
            type: 'line',
            strokeDasharray: '5 4',
          },
        ]}
        withLegend
        legendProps={{ verticalAlign: 'top', height: 28 }}
        tooltipAnimationDuration={0}
      />
    </ChartFigure>
  );
}
