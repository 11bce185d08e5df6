// "Use my reservation" in the Go Live form: offered only while I hold a valid reservation on this
// customer. A booking that spends one is judged at the moment I book, so it is confirmed offline.
import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomerBook } from '../../../core/records';
import type { Instant } from '../../../core/time';
import { usableReservations } from '../reservations/myReservations';
import { formatShortInstant } from '../time/zonedFormat';

type Props = {
  book: CustomerBook;
  userId: string;
  now: Instant;
  myZone: string;
  value: string | null;
  onChange(reservationId: string | null): void;
  error: string | null;
};

export function ReservationChoice({ book, userId, now, myZone, value, onChange, error }: Props) {
  const { t } = useTranslation();
  const usable = usableReservations(book, userId, now);
  if (usable.length === 0 && value === null) return null;
  return (
    <Select
      label={t('goLiveForm.reservation')}
      placeholder={t('goLiveForm.reservationPlaceholder')}
      description={t('goLiveForm.reservationNote')}
      data={usable.map(({ reservation, state }) => ({
        value: reservation.id,
        label: t('goLiveForm.reservationOption', {
          year: reservation.contractYear,
          left: state.unspent,
          quantity: reservation.quantity,
          until: formatShortInstant(reservation.expiresAt, myZone),
        }),
      }))}
      value={value}
      onChange={onChange}
      clearable
      error={error}
    />
  );
}
