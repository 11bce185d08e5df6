import { describe, expect, it } from 'vitest';
import type { AllowanceLine } from '../../src/core/ledger';
import type { AllowanceReservation, GoLiveBooking } from '../../src/core/records';
import {
  checkReservable,
  reservationExpiry,
  reservationSpendableBy,
  reservationState,
} from '../../src/core/reservations';

function aReservation(overrides: Partial<AllowanceReservation> = {}): AllowanceReservation {
  return {
    id: 'res-1',
    customerId: 'cust-1',
    kind: 'goLiveEvents',
    contractYear: 1,
    quantity: 2,
    reservedBy: 'tam-1',
    createdAt: '2026-04-01T08:00:00.000Z',
    expiresAt: '2026-04-15T08:00:00.000Z',
    releasedAt: null,
    ...overrides,
  };
}

function aGoLive(overrides: Partial<GoLiveBooking> = {}): GoLiveBooking {
  return {
    id: 'gl-1',
    customerId: 'cust-1',
    projectId: null,
    title: 'Shop launch',
    requestedAt: '2026-04-02T08:00:00.000Z',
    startsAt: '2026-04-10T07:00:00.000Z',
    endsAt: '2026-04-10T13:00:00.000Z',
    timeZone: 'Europe/Zurich',
    status: 'booked',
    cancelledAt: null,
    billableAccepted: false,
    reservationId: 'res-1',
    bookedBy: 'tam-1',
    notes: '',
    ...overrides,
  };
}

function aLine(overrides: Partial<AllowanceLine> = {}): AllowanceLine {
  return {
    kind: 'goLiveEvents',
    contractYear: { index: 1, from: '2026-01-01', to: '2027-01-01' },
    included: 5,
    addOn: 0,
    available: 5,
    reserved: 1,
    used: 2,
    remaining: 2,
    overage: 0,
    entries: [],
    forecast: null,
    ...overrides,
  };
}

describe('reservation state', () => {
  const during = '2026-04-05T08:00:00.000Z';

  it('a fresh reservation is active and holds all its units back', () => {
    expect(reservationState(aReservation(), [], during)).toEqual({
      active: true,
      released: false,
      expired: false,
      spent: 0,
      unspent: 2,
      heldBack: 2,
    });
  });

  it('a booking that spends a reservation reduces its unspent part', () => {
    const state = reservationState(aReservation(), [aGoLive()], during);
    expect(state).toMatchObject({ spent: 1, unspent: 1, heldBack: 1 });
  });

  it('bookings of other reservations or none do not spend it', () => {
    const state = reservationState(
      aReservation(),
      [aGoLive({ reservationId: null }), aGoLive({ id: 'x', reservationId: 'res-2' })],
      during,
    );
    expect(state.spent).toBe(0);
  });

  it('a Go Live cancelled 72 h ahead gives its unit back to the reservation', () => {
    const cancelled = aGoLive({ status: 'cancelled', cancelledAt: '2026-04-07T07:00:00.000Z' });
    expect(reservationState(aReservation(), [cancelled], during).spent).toBe(0);
  });

  it('a Go Live cancelled late keeps its unit spent', () => {
    const cancelled = aGoLive({ status: 'cancelled', cancelledAt: '2026-04-07T07:01:00.000Z' });
    expect(reservationState(aReservation(), [cancelled], during).spent).toBe(1);
  });

  it('an expired reservation holds nothing back', () => {
    const state = reservationState(aReservation(), [aGoLive()], '2026-04-15T08:00:00.001Z');
    expect(state).toMatchObject({ active: false, expired: true, unspent: 1, heldBack: 0 });
  });

  it('a reservation is still active at the very instant it expires', () => {
    expect(reservationState(aReservation(), [], '2026-04-15T08:00:00.000Z').active).toBe(true);
  });

  it('a released reservation holds nothing back', () => {
    const state = reservationState(aReservation({ releasedAt: '2026-04-03T08:00:00.000Z' }), [], during);
    expect(state).toMatchObject({ active: false, released: true, heldBack: 0 });
  });

  it('spent never exceeds the quantity, even if more bookings name it', () => {
    const bookings = ['a', 'b', 'c'].map((id) => aGoLive({ id }));
    expect(reservationState(aReservation(), bookings, during)).toMatchObject({
      spent: 2,
      unspent: 0,
      heldBack: 0,
    });
  });
});

describe('spending a reservation', () => {
  it('a booking of the same year within the validity may spend an unspent unit', () => {
    const result = reservationSpendableBy(aReservation(), [aGoLive()], 1, '2026-04-05T08:00:00.000Z');
    expect(result).toEqual({ ok: true, value: { unspent: 1 } });
  });

  it('a fully spent reservation cannot be spent again', () => {
    const result = reservationSpendableBy(
      aReservation({ quantity: 1 }),
      [aGoLive()],
      1,
      '2026-04-05T08:00:00.000Z',
    );
    expect(!result.ok && result.rejection.code).toBe('reservation-invalid');
  });

  it('a booking judged after expiry cannot spend it', () => {
    const result = reservationSpendableBy(aReservation(), [], 1, '2026-04-16T08:00:00.000Z');
    expect(!result.ok && result.rejection.message).toContain(
      'is valid from 2026-04-01 08:00 UTC to 2026-04-15 08:00 UTC',
    );
  });
});

describe('making a reservation', () => {
  it('a reservation cannot hold more than remains', () => {
    const result = checkReservable(aLine({ available: 5, used: 2, reserved: 1, remaining: 2 }), 3);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.rejection).toMatchObject({
      code: 'allowance-exhausted',
      field: 'quantity',
      numbers: { available: 5, used: 2, reserved: 1, remaining: 2, quantity: 3 },
    });
    expect(result.rejection.message).toBe(
      'Only 2 Go Live events remain in contract year 1 (5 available, 2 used, 1 reserved); 3 cannot be reserved.',
    );
  });

  it('a reservation of exactly what remains is accepted', () => {
    expect(checkReservable(aLine({ remaining: 2 }), 2)).toEqual({ ok: true, value: { remaining: 0 } });
  });

  it('a reservation is valid for 14 days when asked for 14, counted in real time', () => {
    expect(reservationExpiry('2026-03-20T08:00:00.000Z', 14)).toEqual({
      ok: true,
      value: '2026-04-03T08:00:00.000Z',
    });
  });

  it('a reservation valid for more than 30 days is refused', () => {
    const result = reservationExpiry('2026-03-20T08:00:00.000Z', 31);
    expect(!result.ok && result.rejection).toMatchObject({
      field: 'validForDays',
      numbers: { maxDays: 30, validForDays: 31 },
    });
  });

  it('a reservation valid for 0 days is refused', () => {
    expect(reservationExpiry('2026-03-20T08:00:00.000Z', 0).ok).toBe(false);
  });
});
