// Escrow of Go Live units: before going offline a TAM sets units of one contract year aside,
// so that bookings made offline can spend them without racing the rest of the team.
//
// Decisions (ARCHITECTURE.md, "Reserving Go Live units"):
// - A reservation is valid from its creation to its expiry, both included: [createdAt, expiresAt].
//   The default validity is 14 days (a typical trip), the maximum 30 days, so that units are
//   never parked for a whole contract year by a forgotten reservation.
// - createdAt is the clock of whoever has the last word (the server's when it syncs), never the
//   laptop's: a reservation made while offline starts when it reaches the team, so nobody can
//   reserve retroactively and lend an old offline booking a client-time judgement.
// - Expired or released, a reservation holds nothing back: its unspent units return to the year.
// - A booking spends a reservation when it names it (reservationId) and consumes a unit by the
//   rules of consumption.ts; a Go Live cancelled early enough gives the unit back to the
//   reservation, a late cancellation keeps it spent.
import type { AllowanceLine } from './ledger';
import { goLiveConsumesUnit } from './consumption';
import type { AllowanceReservation, GoLiveBooking } from './records';
import { reject, type Result } from './rejection';
import { DAY_MS, instantMillis, toInstant, type Instant } from './time';

/** An instant as a TAM reads it in a message: `2026-04-01 08:00 UTC`. */
/**
 * A reservation as a TAM reads it: "the reservation valid until 2026-12-21 17:02 UTC". Its id is
 * a key for the machine and means nothing to anyone.
 */
export function reservationInWords(reservation: AllowanceReservation): string {
  return `the reservation valid until ${readableUtc(reservation.expiresAt)}`;
}

/** Capitalised, to start a sentence. */
function reservationSentence(reservation: AllowanceReservation): string {
  const words = reservationInWords(reservation);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function readableUtc(instant: Instant): string {
  return `${instant.slice(0, 10)} ${instant.slice(11, 16)} UTC`;
}

export const RESERVATION_DEFAULT_VALID_DAYS = 14;
export const RESERVATION_MAX_VALID_DAYS = 30;

export type ReservationState = {
  /** Neither released nor expired at `now`: it may be spent and holds its unspent units back. */
  active: boolean;
  released: boolean;
  /** `now` is after expiresAt. */
  expired: boolean;
  /** Units spent by bookings that name this reservation (never more than its quantity). */
  spent: number;
  /** quantity - spent. */
  unspent: number;
  /** What it keeps from the rest of the year: its unspent units while active, else 0. */
  heldBack: number;
};

/** Units of a reservation spent by bookings: those that name it and consume a unit. */
export function reservationSpent(
  reservation: AllowanceReservation,
  bookings: readonly GoLiveBooking[],
): number {
  let spent = 0;
  for (const booking of bookings) {
    if (booking.reservationId === reservation.id && goLiveConsumesUnit(booking)) spent += 1;
  }
  return Math.min(spent, reservation.quantity);
}

/** Whether a moment lies within the reservation's validity, [createdAt, expiresAt]. */
export function reservationValidAt(reservation: AllowanceReservation, at: Instant): boolean {
  return reservation.createdAt <= at && at <= reservation.expiresAt;
}

export function reservationState(
  reservation: AllowanceReservation,
  bookings: readonly GoLiveBooking[],
  now: Instant,
): ReservationState {
  const released = reservation.releasedAt !== null;
  const expired = now > reservation.expiresAt;
  const spent = reservationSpent(reservation, bookings);
  const unspent = reservation.quantity - spent;
  const active = !released && !expired;
  return { active, released, expired, spent, unspent, heldBack: active ? unspent : 0 };
}

/**
 * Whether a new booking may spend this reservation when judged at `at`: not released, for the
 * contract year the booking counts in, valid at `at`, with a unit left.
 */
export function reservationSpendableBy(
  reservation: AllowanceReservation,
  bookings: readonly GoLiveBooking[],
  contractYear: number,
  at: Instant,
): Result<{ unspent: number }> {
  const numbers = { contractYear, reservationYear: reservation.contractYear, quantity: reservation.quantity };
  if (reservation.releasedAt !== null) {
    return reject(
      'reservation-invalid',
      `${reservationSentence(reservation)} was released on ${readableUtc(reservation.releasedAt)}.`,
      {
        field: 'reservationId',
        numbers,
      },
    );
  }
  if (reservation.contractYear !== contractYear) {
    return reject(
      'reservation-invalid',
      `${reservationSentence(reservation)} holds units of contract year ${reservation.contractYear}; this Go Live counts in year ${contractYear}.`,
      { field: 'reservationId', numbers },
    );
  }
  if (!reservationValidAt(reservation, at)) {
    return reject(
      'reservation-invalid',
      `The reservation of contract year ${reservation.contractYear} is valid from ${readableUtc(reservation.createdAt)} to ${readableUtc(reservation.expiresAt)}; this booking is judged at ${readableUtc(at)}.`,
      {
        field: 'reservationId',
        numbers: { ...numbers, createdAt: reservation.createdAt, expiresAt: reservation.expiresAt, at },
      },
    );
  }
  const spent = reservationSpent(reservation, bookings);
  if (spent >= reservation.quantity) {
    return reject(
      'reservation-invalid',
      `${reservationSentence(reservation)} is spent: all ${reservation.quantity} of its units are booked.`,
      { field: 'reservationId', numbers: { ...numbers, spent } },
    );
  }
  return { ok: true, value: { unspent: reservation.quantity - spent } };
}

/** expiresAt for a reservation made at `createdAt`, after checking the validity asked for. */
export function reservationExpiry(createdAt: Instant, validForDays: number): Result<Instant> {
  if (!Number.isInteger(validForDays) || validForDays < 1 || validForDays > RESERVATION_MAX_VALID_DAYS) {
    return reject(
      'invalid-input',
      `A reservation is valid for 1 to ${RESERVATION_MAX_VALID_DAYS} days; ${validForDays} was asked for.`,
      { field: 'validForDays', numbers: { maxDays: RESERVATION_MAX_VALID_DAYS, validForDays } },
    );
  }
  return { ok: true, value: toInstant(instantMillis(createdAt) + validForDays * DAY_MS) };
}

/**
 * Whether `quantity` units can be set aside from a ledger line: only from what remains after
 * use and the other active reservations (the line's `remaining`, which the ledger derives).
 */
export function checkReservable(line: AllowanceLine, quantity: number): Result<{ remaining: number }> {
  const numbers = {
    contractYear: line.contractYear.index,
    available: line.available,
    used: line.used,
    reserved: line.reserved,
    remaining: line.remaining,
    quantity,
  };
  if (quantity > line.remaining) {
    const left =
      line.remaining === 0
        ? 'No Go Live events remain'
        : `Only ${line.remaining} Go Live ${line.remaining === 1 ? 'event remains' : 'events remain'}`;
    return reject(
      'allowance-exhausted',
      `${left} in contract year ${line.contractYear.index} ` +
        `(${line.available} available, ${line.used} used, ${line.reserved} reserved); ${quantity} cannot be reserved.`,
      { field: 'quantity', numbers },
    );
  }
  return { ok: true, value: { remaining: line.remaining - quantity } };
}
