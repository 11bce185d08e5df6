// One day of the Schedule: its calls and Go Live windows in my zone, each linked to the customer.
import { Anchor, Box, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
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

/** A call as "Review call" (and what became of it), a Go Live with its title. */
function entryWords(t: TFunction, entry: ScheduleEntry): string {
  if (entry.kind === 'goLive') return t('schedule.goLive', { title: entry.label });
  const state = entry.callState ?? 'scheduled';
  return state === 'scheduled'
    ? t('schedule.reviewCall')
    : t('schedule.reviewCallState', { state: t(`today.calls.states.${state}`) });
}

export function ScheduleDay({ date, entries, myZone, today, limit, dimmed = false }: Props) {
  const { t } = useTranslation();
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
            · {entryWords(t, entry)}
          </Text>
        ))}
        {entries.length > limit ? (
          <Text size="xs">{t('schedule.more', { count: entries.length - limit })}</Text>
        ) : null}
      </Stack>
    </Box>
  );
}
