// Response objectives met or missed per month (first responses and escalations), from the core's
// response clock on the customer's calendar.
import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Text } from '@mantine/core';
import { DateTime } from 'luxon';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { displayLocale } from '../time/zonedFormat';
import type { PlanTemplate } from '../../../core/plans';
import type { CustomerBook } from '../../../core/records';
import { ticketObjectives, ticketPlanOf } from '../../../core/tickets';
import type { Instant } from '../../../core/time';
import { objectivesByMonth } from './chartSeries';
import { ChartFigure } from './ChartFigure';

type Props = { book: CustomerBook; templates: readonly PlanTemplate[]; now: Instant; months?: number };

/** "Apr 26" ("Apr. 26" in German) from "2026-04", in the display language. */
function monthLabel(value: unknown): string {
  if (typeof value !== 'string') return String(value);
  const month = DateTime.fromISO(`${value}-01`, { zone: 'utc' });
  return month.isValid ? month.setLocale(displayLocale()).toFormat('LLL yy') : value;
}

export function ObjectivesChart({ book, templates, now, months = 12 }: Props) {
  const { t } = useTranslation();
  const zone = book.customer.timeZone;
  const points = useMemo(() => {
    const plan = ticketPlanOf(book, templates);
    if (!plan) return null;
    const outcomes = book.tickets.flatMap((ticket) => ticketObjectives(ticket, plan, book.customer, now));
    return objectivesByMonth(outcomes, zone, now, months);
  }, [book, templates, now, zone, months]);
  if (!points) return null;
  const met = points.reduce((sum, point) => sum + point.met, 0);
  const missed = points.reduce((sum, point) => sum + point.missed, 0);
  if (met + missed === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('charts.noObjectives', { count: months })}
      </Text>
    );
  return (
    <ChartFigure
      title={t('charts.objectivesTitle', { count: months })}
      summary={t('charts.objectivesSummary', { met, missed, zone })}
    >
      <BarChart
        h={180}
        data={points}
        dataKey="month"
        type="stacked"
        maxBarWidth={28}
        xAxisLabel={t('charts.monthDue')}
        yAxisLabel={t('charts.objectives')}
        xAxisProps={{ tickFormatter: monthLabel }}
        yAxisProps={{ allowDecimals: false }}
        series={[
          { name: 'met', label: t('charts.met'), color: 'teal.6' },
          { name: 'missed', label: t('charts.missed'), color: 'red.7' },
        ]}
        withLegend
        legendProps={{ verticalAlign: 'top', height: 28 }}
        tooltipAnimationDuration={0}
      />
    </ChartFigure>
  );
}
