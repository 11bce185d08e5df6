// The burn-down of one contract year: what is left of an allowance week by week against an even
// pace over the year, with today marked. The TAM picks the allowance.
import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { ledgerKinds, type LedgerKind, type YearLedger } from '../../../core/ledger';
import { kindLabel } from '../customer/planWords';
import { formatDate } from '../time/zonedFormat';
import { burnDownSeries } from './chartSeries';
import { ChartFigure, shortDay } from './ChartFigure';

type Props = { year: YearLedger; today: string };

function roundForShow(value: number): number {
  return Math.round(value * 100) / 100;
}

export function AllowanceBurnDown({ year, today }: Props) {
  const offered = ledgerKinds.filter((kind) => year.lines[kind].available > 0);
  const [picked, setPicked] = useState<LedgerKind | null>(null);
  const kind = picked && offered.includes(picked) ? picked : (offered[0] ?? null);
  const points = useMemo(() => (kind ? burnDownSeries(year, kind) : []), [year, kind]);
  const { from, to, index } = year.contractYear;
  const title =
    offered.length === 1 && kind
      ? `Burn-down of ${kindLabel(kind)}, contract year ${index}`
      : `Burn-down, contract year ${index}`;
  if (!kind)
    return (
      <Text size="sm" c="dimmed">
        Nothing is included in contract year {index}: no burn-down to draw.
      </Text>
    );
  const line = year.lines[kind];
  const unit = kind === 'tamHours' ? 'h' : '';
  const inYear = today >= from && today < to;
  return (
    <ChartFigure
      title={title}
      summary={`${kindLabel(kind)}: ${roundForShow(line.available - line.used)}${unit ? ` ${unit}` : ''} of ${roundForShow(line.available)} left after every entry of the year (${formatDate(from)} – ${formatDate(to)}).`}
    >
      <Stack gap={4}>
        {offered.length > 1 ? (
          <SegmentedControl
            size="xs"
            w="fit-content"
            aria-label={`Allowance shown in the burn-down of contract year ${index}`}
            value={kind}
            onChange={(value) => setPicked(value as LedgerKind)}
            data={offered.map((candidate) => ({ value: candidate, label: kindLabel(candidate) }))}
          />
        ) : null}
        <LineChart
          h={200}
          data={points}
          dataKey="date"
          curveType="stepAfter"
          withDots={false}
          strokeWidth={2}
          unit={unit ? ` ${unit}` : undefined}
          xAxisLabel="Week of the contract year"
          yAxisLabel={kind === 'tamHours' ? 'Hours left' : 'Left'}
          xAxisProps={{ tickFormatter: shortDay, minTickGap: 24 }}
          yAxisProps={{
            domain: [Math.min(0, ...points.map((point) => point.left)), 'auto'],
            allowDecimals: kind === 'tamHours',
          }}
          series={[
            { name: 'left', label: 'Left', color: 'blue.7' },
            { name: 'evenPace', label: 'Even pace', color: 'gray.6', strokeDasharray: '5 4' },
          ]}
          referenceLines={[
            ...(inYear
              ? [
                  {
                    x: points.find((point) => point.date >= today)?.date ?? today,
                    label: 'Today',
                    color: 'gray.7',
                  },
                ]
              : []),
            { y: 0, color: 'gray.5' },
          ]}
          withLegend
          legendProps={{ verticalAlign: 'top', height: 28 }}
          tooltipAnimationDuration={0}
        />
      </Stack>
    </ChartFigure>
  );
}
