// The burn-down of one contract year: what is left of an allowance week by week against an even
// pace over the year, with today marked. The TAM picks the allowance.
import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { ledgerKinds, type LedgerKind, type YearLedger } from '../../../core/ledger';
import { useTranslation } from 'react-i18next';
import { usePlanWords } from '../i18n/usePlanWords';
import { formatDate, formatNumber } from '../time/zonedFormat';
import { burnDownSeries } from './chartSeries';
import { ChartFigure, shortDay } from './ChartFigure';

type Props = { year: YearLedger; today: string };

function roundForShow(value: number): number {
  return Math.round(value * 100) / 100;
}

export function AllowanceBurnDown({ year, today }: Props) {
  const { t } = useTranslation();
  const { kindLabel } = usePlanWords();
  const offered = ledgerKinds.filter((kind) => year.lines[kind].available > 0);
  const [picked, setPicked] = useState<LedgerKind | null>(null);
  const kind = picked && offered.includes(picked) ? picked : (offered[0] ?? null);
  const points = useMemo(() => (kind ? burnDownSeries(year, kind) : []), [year, kind]);
  const { from, to, index } = year.contractYear;
  const title =
    offered.length === 1 && kind
      ? t('charts.burnDownOf', { allowance: kindLabel(kind), year: index })
      : t('charts.burnDown', { year: index });
  if (!kind)
    return (
      <Text size="sm" c="dimmed">
        {t('charts.nothingIncluded', { year: index })}
      </Text>
    );
  const line = year.lines[kind];
  const unit = kind === 'tamHours' ? 'h' : '';
  const inYear = today >= from && today < to;
  return (
    <ChartFigure
      title={title}
      summary={t('charts.burnDownSummary', {
        allowance: kindLabel(kind),
        left: `${formatNumber(roundForShow(line.available - line.used))}${unit ? ` ${unit}` : ''}`,
        available: formatNumber(roundForShow(line.available)),
        from: formatDate(from),
        to: formatDate(to),
      })}
    >
      <Stack gap={4}>
        {offered.length > 1 ? (
          <SegmentedControl
            size="xs"
            w="fit-content"
            aria-label={t('charts.burnDownPick', { year: index })}
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
          xAxisLabel={t('charts.weekOfYear')}
          yAxisLabel={kind === 'tamHours' ? t('charts.hoursLeft') : t('charts.left')}
          valueFormatter={formatNumber}
          xAxisProps={{ tickFormatter: shortDay, minTickGap: 24 }}
          yAxisProps={{
            domain: [Math.min(0, ...points.map((point) => point.left)), 'auto'],
            allowDecimals: kind === 'tamHours',
          }}
          series={[
            { name: 'left', label: t('charts.left'), color: 'blue.7' },
            { name: 'evenPace', label: t('charts.evenPace'), color: 'gray.6', strokeDasharray: '5 4' },
          ]}
          referenceLines={[
            ...(inYear
              ? [
                  {
                    x: points.find((point) => point.date >= today)?.date ?? today,
                    label: t('charts.today'),
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
