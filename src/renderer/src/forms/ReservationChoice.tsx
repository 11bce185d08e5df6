// "Use my reservation" in the Go Live form: offered only while I hold a valid reservation on this
// customer. A booking that spends one is judged at the moment I book, so it is confirmed offline.
import { Select } from '@mantine/core';
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
  const usable = usableReservations(book, userId, now);
  if (usable.length === 0 && value === null) return null;
  return (
    <Select
      label="Use my reservation"
      placeholder="No: take a unit from the allowance"
      description="A booking on my reservation is confirmed even while offline."
      data={usable.map(({ reservation, state }) => ({
        value: reservation.id,
        label: `Contract year ${reservation.contractYear}: ${state.unspent} of ${reservation.quantity} left, until ${formatShortInstant(reservation.expiresAt, myZone)}`,
      }))}
      value={value}
      onChange={onChange}
      clearable
      error={error}
    />
  );
}
