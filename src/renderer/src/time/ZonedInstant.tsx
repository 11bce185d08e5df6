// An instant as the customer reads it, with my own clock beside it when our zones differ.
import { Text } from '@mantine/core';
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

export function ZonedInstant({ instant, customerZone, myZone, now }: Props) {
  const { t } = useTranslation();
  const shown = now
    ? formatListInstant(instant, customerZone, now)
    : formatShortInstant(instant, customerZone);
  const theirs = `${shown} ${zoneAbbreviation(instant, customerZone)}`;
  const sameClock = formatShortInstant(instant, customerZone) === formatShortInstant(instant, myZone);
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
}
