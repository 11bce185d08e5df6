// An instant as the customer reads it, with my own clock beside it when our zones differ.
import { Text } from '@mantine/core';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Instant, ZoneName } from '../../../core/time';
import { formatClock, formatListInstant, formatShortInstant, zoneAbbreviation } from './zonedFormat';

type Props = {
  instant: Instant;
  customerZone: ZoneName;
  myZone: ZoneName;
  /** Given: an instant past or in another year shows its year. */
  now?: Instant;
};

/**
 * Memoized on its strings: a table of deadlines redraws when a book changes, and formatting
 * every row's instants again cost more than the rest of the redraw. A language switch re-renders
 * it through useTranslation.
 */
export const ZonedInstant = memo(function ZonedInstant({ instant, customerZone, myZone, now }: Props) {
  const { t } = useTranslation();
  const theirClock = formatShortInstant(instant, customerZone);
  const shown = now ? formatListInstant(instant, customerZone, now) : theirClock;
  const theirs = `${shown} ${zoneAbbreviation(instant, customerZone)}`;
  const sameClock = theirClock === formatShortInstant(instant, myZone);
  return (
    <span>
      {theirs}
      {sameClock ? null : (
        <Text span size="xs" c="dimmed">
          {' '}
          · {formatClock(instant, myZone)} {zoneAbbreviation(instant, myZone)} {t('time.mine')}
        </Text>
      )}
    </span>
  );
});
