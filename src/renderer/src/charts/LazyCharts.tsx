// The charts load with the chart library (recharts) only when a tab shows one, so a customer's
// page opens without it; until then an empty space of the chart's height holds the layout.
import { Box } from '@mantine/core';
import { lazy, Suspense, type ComponentProps, type ComponentType } from 'react';
import { laterModules } from '../navigation/laterModules';

function lazyChart<Props extends object>(
  load: () => Promise<ComponentType<Props>>,
  height: number,
): ComponentType<Props> {
  const Chart = lazy(async () => ({ default: await load() }));
  return function LazyChart(props: Props) {
    return (
      <Suspense fallback={<Box h={height} />}>
        <Chart {...(props as ComponentProps<typeof Chart>)} />
      </Suspense>
    );
  };
}

export const AllowanceBurnDown = lazyChart(
  async () => (await laterModules.allowanceBurnDown()).AllowanceBurnDown,
  250,
);
export const TamHoursChart = lazyChart(async () => (await laterModules.tamHoursChart()).TamHoursChart, 260);
export const ObjectivesChart = lazyChart(
  async () => (await laterModules.objectivesChart()).ObjectivesChart,
  240,
);
