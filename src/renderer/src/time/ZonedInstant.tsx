// An instant as the customer reads it, with my own clock beside it when our zones differ.
import { Text } from '@mantine/core';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Instant, ZoneName } from '../../../core/time';
import { formatClock, formatShortInstant, zoneAbbreviation } from './zonedFormat';

type Props = { instant: Instant; customerZone: ZoneName; myZone: ZoneName };

/**
 * Memoized on its three strings: a table of deadlines redraws when a book changes, and formatting
 * every row's instants again cost more than the rest of the redraw. A language switch re-renders
 * it through useTranslation.
 */
export const ZonedInstant = memo(function ZonedInstant({ instant, customerZone, myZone }: Props) {
  const { t } = useTranslation();
  const theirClock = formatShortInstant(instant, customerZone);
  const theirs = `${theirClock} ${zoneAbbreviation(instant, customerZone)}`;
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
