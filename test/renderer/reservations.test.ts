// My reservations as the Go Live tab and the booking form see them, made and spent through the
// one write path on a real Dexie (fake-indexeddb).
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MutationRequest } from '../../src/core/mutations';
import { readCustomerBook } from '../../src/renderer/src/db/books';
import { applyLocalMutation, applyLocalMutations } from '../../src/renderer/src/db/localMutations';
import { resetConsoleDatabase } from '../../src/renderer/src/db/schema';
import { saveSettings } from '../../src/renderer/src/db/settings';
import { myReservations, usableReservations } from '../../src/renderer/src/reservations/myReservations';

const now = '2026-04-01T08:00:00.000Z';
const later = '2026-04-20T08:00:00.000Z';

const setup: MutationRequest[] = [
  {
    name: 'createCustomer',
    version: 1,
    args: {
      customer: {
        id: 'cust-1',
        name: 'Helvetia Payments AG',
        country: 'CH',
        region: 'SG',
        timeZone: 'Europe/Zurich',
        tamUserId: 'tam-01',
        channels: ['ticket'],
      },
    },
  },
  {
    name: 'createContract',
    version: 1,
    args: {
      contract: {
        id: 'contract-1',
        customerId: 'cust-1',
        planId: 'edge-mission-critical',
        startDate: '2026-01-01',
        termMonths: 36,
      },
    },
  },
];

async function book() {
  const found = await readCustomerBook('cust-1');
  if (!found) throw new Error('no book');
  return found;
}

beforeEach(async () => {
  await resetConsoleDatabase();
  await saveSettings({ userId: 'tam-01', userName: 'Ana Lima', role: 'tam', timeZone: 'Europe/Zurich' });
  await applyLocalMutations(setup, now);
});

describe('my reservations', () => {
  it('a reservation of 2 units for 14 days by default is listed as mine, active, with 2 left', async () => {
    const reserved = await applyLocalMutation(
      { name: 'reserveAllowance', version: 1, args: { id: 'res-1', customerId: 'cust-1', quantity: 2 } },
      now,
    );
    expect(reserved.ok).toBe(true);
    const [row] = myReservations(await book(), 'tam-01', now);
    expect(row?.reservation).toMatchObject({
      contractYear: 1,
      quantity: 2,
      expiresAt: '2026-04-15T08:00:00.000Z',
    });
    expect(row?.state).toMatchObject({ active: true, unspent: 2 });
    expect(myReservations(await book(), 'tam-02', now)).toEqual([]);
  });

  it('a booking that uses my reservation spends a unit; spent or expired ones are no longer offered', async () => {
    await applyLocalMutation(
      {
        name: 'reserveAllowance',
        version: 1,
        args: { id: 'res-1', customerId: 'cust-1', quantity: 1, validForDays: 14 },
      },
      now,
    );
    expect(usableReservations(await book(), 'tam-01', now).map((row) => row.reservation.id)).toEqual([
      'res-1',
    ]);
    const booked = await applyLocalMutation(
      {
        name: 'requestGoLive',
        version: 1,
        args: {
          id: 'golive-1',
          customerId: 'cust-1',
          title: 'Launch',
          date: '2026-04-08',
          time: '10:00',
          durationMinutes: 120,
          reservationId: 'res-1',
        },
      },
      now,
    );
    expect(booked).toMatchObject({ ok: true });
    if (booked.ok)
      expect(booked.summaries[0]).toContain('from the reservation valid until 2026-04-15 08:00 UTC');
    expect(usableReservations(await book(), 'tam-01', now)).toEqual([]);
    expect(myReservations(await book(), 'tam-01', now)[0]?.state.spent).toBe(1);
  });

  it('after its expiry a reservation is listed as expired and not offered', async () => {
    await applyLocalMutation(
      {
        name: 'reserveAllowance',
        version: 1,
        args: { id: 'res-1', customerId: 'cust-1', quantity: 1, validForDays: 14 },
      },
      now,
    );
    expect(usableReservations(await book(), 'tam-01', later)).toEqual([]);
    expect(myReservations(await book(), 'tam-01', later)[0]?.state).toMatchObject({
      expired: true,
      active: false,
    });
  });

  it('released, its units return and it is no longer offered', async () => {
    await applyLocalMutation(
      { name: 'reserveAllowance', version: 1, args: { id: 'res-1', customerId: 'cust-1', quantity: 3 } },
      now,
    );
    const released = await applyLocalMutation(
      { name: 'releaseAllowance', version: 1, args: { customerId: 'cust-1', id: 'res-1' } },
      now,
    );
    expect(released).toMatchObject({ ok: true });
    expect(usableReservations(await book(), 'tam-01', now)).toEqual([]);
    expect(myReservations(await book(), 'tam-01', now)[0]?.state.released).toBe(true);
  });
});
