// Response objectives met or missed per month (first responses and escalations), from the core's
// response clock on the customer's calendar.
import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Text } from '@mantine/core';
import { useMemo } from 'react';
import type { PlanTemplate } from '../../../core/plans';
import type { CustomerBook } from '../../../core/records';
import { ticketObjectives, ticketPlanOf } from '../../../core/tickets';
import type { Instant } from '../../../core/time';
import { objectivesByMonth } from './chartSeries';
import { ChartFigure } from './ChartFigure';

type Props = { book: CustomerBook; templates: readonly PlanTemplate[]; now: Instant; months?: number };

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function monthLabel(value: unknown): string {
  if (typeof value !== 'string') return String(value);
  const [year, month] = value.split('-');
  return `${monthNames[Number(month) - 1] ?? month} ${year?.slice(2) ?? ''}`;
}

export function ObjectivesChart({ book, templates, now, months = 12 }: Props) {
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
        No response objective fell due in the last {months} months.
      </Text>
    );
  return (
    <ChartFigure
      title={`Response objectives per month, last ${months} months`}
      summary={`${met} met and ${missed} missed (first responses and escalations, by the month they fell due in ${zone}).`}
    >
      <BarChart
        h={180}
        data={points}
        dataKey="month"
        type="stacked"
        maxBarWidth={28}
        xAxisLabel="Month due"
        yAxisLabel="Objectives"
        xAxisProps={{ tickFormatter: monthLabel }}
        yAxisProps={{ allowDecimals: false }}
        series={[
          { name: 'met', label: 'Met', color: 'teal.6' },
          { name: 'missed', label: 'Missed', color: 'red.7' },
        ]}
        withLegend
        legendProps={{ verticalAlign: 'top', height: 28 }}
        tooltipAnimationDuration={0}
      />
    </ChartFigure>
  );
}
