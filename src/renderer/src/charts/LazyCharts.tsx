// The charts load with the chart library (recharts) only when a tab shows one, so a customer's
// page opens without it; until then an empty space of the chart's height holds the layout.
import { Box } from '@mantine/core';
import { lazy, memo, Suspense, useDeferredValue, type ComponentProps, type ComponentType } from 'react';
import { laterModules } from '../navigation/laterModules';

function lazyChart<Props extends object>(
  load: () => Promise<ComponentType<Props>>,
  height: number,
): ComponentType<Props> {
  const Chart = memo(lazy(async () => ({ default: await load() })));
  return function LazyChart(props: Props) {
    // A chart redraws one beat after the page: a changed book shows in the tables first, and
    // drawing the chart (recharts) does not hold them up.
    const deferred = useDeferredValue(props);
    return (
      <Suspense fallback={<Box h={height} />}>
        <Chart {...(deferred as ComponentProps<typeof Chart>)} />
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
