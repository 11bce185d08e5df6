// A window (Go Live, call) as the customer reads it, with my clock beside it when zones differ.
import { Text } from '@mantine/core';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Instant, ZoneName } from '../../../core/time';
import { formatClock, formatListInstant, formatShortInstant, zoneAbbreviation } from './zonedFormat';

type Props = {
  startsAt: Instant;
  endsAt: Instant;
  customerZone: ZoneName;
  myZone: ZoneName;
  /** Given: a window past or in another year shows its year. */
  now?: Instant;
};

/** Memoized on its strings, as ZonedInstant is. */
export const ZonedWindow = memo(function ZonedWindow({ startsAt, endsAt, customerZone, myZone, now }: Props) {
  const { t } = useTranslation();
  const start = now
    ? formatListInstant(startsAt, customerZone, now)
    : formatShortInstant(startsAt, customerZone);
  const theirs = `${start}–${formatClock(endsAt, customerZone)} ${zoneAbbreviation(startsAt, customerZone)}`;
  const same = zoneAbbreviation(startsAt, customerZone) === zoneAbbreviation(startsAt, myZone);
  return (
    <span>
      {theirs}
      {same ? null : (
        <Text span size="xs" c="dimmed">
          {' '}
          · {formatClock(startsAt, myZone)}–{formatClock(endsAt, myZone)} {zoneAbbreviation(startsAt, myZone)}{' '}
          {t('time.mine')}
        </Text>
      )}
    </span>
  );
});
