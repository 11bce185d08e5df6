// My reservations of Go Live units on one customer, with what each has left, for the Go Live tab
// and for the booking form's "use my reservation". The rules are the core's (reservations.ts).
import type { AllowanceReservation, CustomerBook } from '../../../core/records';
import { reservationState, type ReservationState } from '../../../core/reservations';
import type { Instant } from '../../../core/time';

export type ReservationRow = { reservation: AllowanceReservation; state: ReservationState };

/** Every reservation I made on this customer, newest first, with its state now. */
export function myReservations(book: CustomerBook, userId: string, now: Instant): ReservationRow[] {
  return book.allowanceReservations
    .filter((reservation) => reservation.reservedBy === userId)
    .map((reservation) => ({ reservation, state: reservationState(reservation, book.goLiveBookings, now) }))
    .sort((a, b) => (a.reservation.createdAt < b.reservation.createdAt ? 1 : -1));
}

/** Those a new booking can spend now: active, with a unit left. */
export function usableReservations(book: CustomerBook, userId: string, now: Instant): ReservationRow[] {
  return myReservations(book, userId, now).filter((row) => row.state.active && row.state.unspent > 0);
}
