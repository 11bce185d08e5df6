// One day of the Schedule: its calls and Go Live windows in my zone, each linked to the customer.
import { Anchor, Box, Stack, Text } from '@mantine/core';
import type { IsoDate, ZoneName } from '../../../core/time';
import { formatClock, formatShortDate } from '../time/zonedFormat';
import type { ScheduleEntry } from './scheduleEntries';

type Props = {
  date: IsoDate;
  entries: readonly ScheduleEntry[];
  myZone: ZoneName;
  today: IsoDate;
  limit: number;
  /** A day of the month before or after the one shown. */
  dimmed?: boolean;
};

export function ScheduleDay({ date, entries, myZone, today, limit, dimmed = false }: Props) {
  const shown = entries.slice(0, limit);
  return (
    <Box
      component="section"
      aria-label={formatShortDate(date)}
      p={4}
      bg={date === today ? 'blue.0' : dimmed ? 'gray.1' : undefined}
      style={{
        border: '1px solid var(--mantine-color-gray-3)',
        borderRadius: 4,
        minHeight: limit > 10 ? 320 : 96,
      }}
    >
      <Text size="xs" fw={700} mb={2}>
        {formatShortDate(date)}
      </Text>
      <Stack gap={2}>
        {shown.map((entry) => (
          <Text
            key={entry.key}
            size="xs"
            lh={1.25}
            pl={4}
            style={{
              borderLeft: `3px solid var(--mantine-color-${entry.kind === 'goLive' ? 'orange' : 'blue'}-6)`,
            }}
          >
            {formatClock(entry.startsAt, myZone)}
            {entry.kind === 'goLive' ? `–${formatClock(entry.endsAt, myZone)}` : ''}{' '}
            <Anchor
              href={`#/customers/${encodeURIComponent(entry.customerId)}/${entry.kind === 'goLive' ? 'golive' : 'reviews'}`}
              size="xs"
            >
              {entry.customerName}
            </Anchor>{' '}
            · {entry.kind === 'goLive' ? `Go Live: ${entry.label}` : entry.label}
          </Text>
        ))}
        {entries.length > limit ? <Text size="xs">+{entries.length - limit} more</Text> : null}
      </Stack>
    </Box>
  );
}
