import { describe, expect, it } from 'vitest';
import {
  checkNotice,
  checkOverlap,
  checkWithinTerm,
  goLiveRequestMoment,
  goLiveWindow,
  noticeDeadline,
  overlappingWindows,
  windowsOverlap,
} from '../../src/core/goLive';
import type { AllowanceReservation, GoLiveBooking } from '../../src/core/records';
import { aContract } from '../support/fixtures';

function aGoLive(overrides: Partial<GoLiveBooking> = {}): GoLiveBooking {
  return {
    id: 'gl-1',
    customerId: 'cust-1',
    projectId: null,
    title: 'Shop launch',
    requestedAt: '2026-04-01T08:00:00.000Z',
    startsAt: '2026-04-10T07:00:00.000Z',
    endsAt: '2026-04-10T13:00:00.000Z',
    timeZone: 'Europe/Zurich',
    status: 'booked',
    cancelledAt: null,
    billableAccepted: false,
    reservationId: null,
    bookedBy: 'tam-1',
    notes: '',
    ...overrides,
  };
}

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

function windowOf(date: string, time: string, durationMinutes: number, timeZone = 'Europe/Zurich') {
  const result = goLiveWindow({ date, time, durationMinutes, timeZone });
  if (!result.ok) throw new Error(result.rejection.message);
  return result.value;
}

describe('the Go Live window', () => {
  it('a window of exactly 6 h is accepted', () => {
    const result = goLiveWindow({
      date: '2026-04-10',
      time: '09:00',
      durationMinutes: 360,
      timeZone: 'Europe/Zurich',
    });
    expect(result).toEqual({
      ok: true,
      value: {
        startsAt: '2026-04-10T07:00:00.000Z',
        endsAt: '2026-04-10T13:00:00.000Z',
        timeZone: 'Europe/Zurich',
        localDate: '2026-04-10',
        durationMinutes: 360,
      },
    });
  });

  it('a window of 6 h 1 min is refused', () => {
    const result = goLiveWindow({
      date: '2026-04-10',
      time: '09:00',
      durationMinutes: 361,
      timeZone: 'Europe/Zurich',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.rejection).toMatchObject({
      code: 'go-live-window',
      field: 'durationMinutes',
      numbers: { durationMinutes: 361, maxMinutes: 360 },
    });
    expect(result.rejection.message).toBe(
      'A Go Live covers up to 6 h of follow-up in one window; this one lasts 6 h 1 min.',
    );
  });

  it('a window of 0 minutes is refused', () => {
    const result = goLiveWindow({
      date: '2026-04-10',
      time: '09:00',
      durationMinutes: 0,
      timeZone: 'Europe/Zurich',
    });
    expect(!result.ok && result.rejection).toMatchObject({
      code: 'go-live-window',
      field: 'durationMinutes',
    });
  });

  it('a booking entered at 09:00 Zurich on the day after the spring change is stored as 07:00 UTC', () => {
    const window = windowOf('2026-03-30', '09:00', 120);
    expect(window.startsAt).toBe('2026-03-30T07:00:00.000Z');
    expect(window.endsAt).toBe('2026-03-30T09:00:00.000Z');
  });

  it('a booking entered at 09:00 Zurich on the day before the spring change is stored as 08:00 UTC', () => {
    expect(windowOf('2026-03-28', '09:00', 60).startsAt).toBe('2026-03-28T08:00:00.000Z');
  });

  it('02:30 on 29 Mar 2026 in Zurich does not exist and is refused', () => {
    const result = goLiveWindow({
      date: '2026-03-29',
      time: '02:30',
      durationMinutes: 60,
      timeZone: 'Europe/Zurich',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.rejection.code).toBe('go-live-window');
    expect(result.rejection.field).toBe('time');
    expect(result.rejection.message).toContain('does not exist in Europe/Zurich');
  });

  it('02:30 on 8 Mar 2026 in New York does not exist and is refused', () => {
    const result = goLiveWindow({
      date: '2026-03-08',
      time: '02:30',
      durationMinutes: 60,
      timeZone: 'America/New_York',
    });
    expect(!result.ok && result.rejection.code).toBe('go-live-window');
  });

  it('00:30 on 4 Nov 2018 in São Paulo (Brazil still had DST) does not exist and is refused', () => {
    const result = goLiveWindow({
      date: '2018-11-04',
      time: '00:30',
      durationMinutes: 60,
      timeZone: 'America/Sao_Paulo',
    });
    expect(!result.ok && result.rejection.code).toBe('go-live-window');
  });

  it('an ambiguous 02:30 on the autumn change in Zurich takes its first occurrence (summer time)', () => {
    expect(windowOf('2026-10-25', '02:30', 60).startsAt).toBe('2026-10-25T00:30:00.000Z');
  });

  it('an ambiguous 01:30 on the autumn change in New York takes its first occurrence (EDT)', () => {
    expect(windowOf('2026-11-01', '01:30', 60, 'America/New_York').startsAt).toBe('2026-11-01T05:30:00.000Z');
  });

  it('an ambiguous 23:30 on 17 Feb 2018 in São Paulo takes its first occurrence (-02:00)', () => {
    expect(windowOf('2018-02-17', '23:30', 60, 'America/Sao_Paulo').startsAt).toBe(
      '2018-02-18T01:30:00.000Z',
    );
  });

  it('a window across the autumn change lasts its real minutes, not wall-clock ones', () => {
    // 01:00 summer time + 6 h elapsed = 06:00 winter time on the wall clock.
    const window = windowOf('2026-10-25', '01:00', 360);
    expect(window.startsAt).toBe('2026-10-24T23:00:00.000Z');
    expect(window.endsAt).toBe('2026-10-25T05:00:00.000Z');
  });
});

describe('the 72-hour notice', () => {
  it('a Go Live 72 h ahead is accepted', () => {
    const result = checkNotice('2026-04-07T07:00:00.000Z', '2026-04-10T07:00:00.000Z');
    expect(result).toEqual({
      ok: true,
      value: { noticeMinutes: 72 * 60, deadline: '2026-04-07T07:00:00.000Z' },
    });
  });

  it('a Go Live 71 h 59 min ahead is refused', () => {
    const result = checkNotice('2026-04-07T07:01:00.000Z', '2026-04-10T07:00:00.000Z');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.rejection.code).toBe('go-live-notice');
    expect(result.rejection.message).toBe('Go Live needs 72 h notice; this gives 71 h 59 min.');
    expect(result.rejection.numbers).toMatchObject({ requiredHours: 72, noticeMinutes: 71 * 60 + 59 });
  });

  it('a Go Live one second short of 72 h is refused and does not read as 72 h', () => {
    const result = checkNotice('2026-04-07T07:00:01.000Z', '2026-04-10T07:00:00.000Z');
    expect(!result.ok && result.rejection.message).toBe('Go Live needs 72 h notice; this gives 71 h 59 min.');
  });

  it('a Go Live 41 h 5 min ahead is refused with those numbers', () => {
    const result = checkNotice('2026-04-08T13:55:00.000Z', '2026-04-10T07:00:00.000Z');
    expect(!result.ok && result.rejection.message).toBe('Go Live needs 72 h notice; this gives 41 h 5 min.');
  });

  it('a Go Live that has already started is refused', () => {
    const result = checkNotice('2026-04-10T08:00:00.000Z', '2026-04-10T07:00:00.000Z');
    expect(!result.ok && result.rejection.message).toBe(
      'Go Live needs 72 h notice; this window starts before the request.',
    );
  });

  it('notice across the autumn change counts real hours', () => {
    // Thu 22 Oct 11:00 CEST to Sun 25 Oct 10:00 CET: 71 h on the wall clock, 72 h in real time.
    const requestedAt = '2026-10-22T09:00:00.000Z';
    const startsAt = windowOf('2026-10-25', '10:00', 60).startsAt;
    expect(startsAt).toBe('2026-10-25T09:00:00.000Z');
    expect(checkNotice(requestedAt, startsAt).ok).toBe(true);
  });

  it('notice across the spring change counts real hours', () => {
    // Thu 26 Mar 10:00 CET to Sun 29 Mar 10:00 CEST: 72 h on the wall clock, 71 h in real time.
    const requestedAt = '2026-03-26T09:00:00.000Z';
    const startsAt = windowOf('2026-03-29', '10:00', 60).startsAt;
    const result = checkNotice(requestedAt, startsAt);
    expect(!result.ok && result.rejection.message).toBe('Go Live needs 72 h notice; this gives 71 h.');
  });

  it('notice across the New York autumn change counts real hours', () => {
    // Fri 30 Oct 2026 10:00 EDT (14:00Z) to Mon 2 Nov 09:00 EST (14:00Z): exactly 72 h.
    const startsAt = windowOf('2026-11-02', '09:00', 60, 'America/New_York').startsAt;
    expect(startsAt).toBe('2026-11-02T14:00:00.000Z');
    expect(checkNotice('2026-10-30T14:00:00.000Z', startsAt).ok).toBe(true);
    expect(checkNotice('2026-10-30T14:01:00.000Z', startsAt).ok).toBe(false);
  });

  it('notice across the 2018 Brazilian spring change counts real hours', () => {
    // Thu 1 Nov 2018 12:00 -03:00 to Sun 4 Nov 12:00 -02:00: 72 h on the wall clock, 71 h in real time.
    const startsAt = windowOf('2018-11-04', '12:00', 60, 'America/Sao_Paulo').startsAt;
    expect(startsAt).toBe('2018-11-04T14:00:00.000Z');
    const result = checkNotice('2018-11-01T15:00:00.000Z', startsAt);
    expect(!result.ok && result.rejection.numbers?.noticeMinutes).toBe(71 * 60);
  });

  it('the notice deadline is 72 real hours before the start, whatever the clocks do', () => {
    expect(noticeDeadline('2026-10-25T09:00:00.000Z')).toBe('2026-10-22T09:00:00.000Z');
    expect(noticeDeadline('2026-03-29T08:00:00.000Z')).toBe('2026-03-26T08:00:00.000Z');
  });
});

describe('overlap with the customer’s other Go Lives', () => {
  const existing = aGoLive({ startsAt: '2026-04-10T07:00:00.000Z', endsAt: '2026-04-10T13:00:00.000Z' });

  it('back-to-back windows do not overlap', () => {
    expect(
      checkOverlap({ startsAt: '2026-04-10T13:00:00.000Z', endsAt: '2026-04-10T15:00:00.000Z' }, [existing])
        .ok,
    ).toBe(true);
    expect(
      checkOverlap({ startsAt: '2026-04-10T05:00:00.000Z', endsAt: '2026-04-10T07:00:00.000Z' }, [existing])
        .ok,
    ).toBe(true);
  });

  it('a window one minute into another is refused and names the other booking', () => {
    const result = checkOverlap(
      { startsAt: '2026-04-10T12:59:00.000Z', endsAt: '2026-04-10T15:00:00.000Z' },
      [existing],
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.rejection.code).toBe('go-live-overlap');
    expect(result.rejection.message).toBe(
      'This window overlaps "Shop launch", booked for 10 Apr 2026 09:00–15:00 (Europe/Zurich); one customer\'s Go Lives may not overlap.',
    );
    expect(result.rejection.numbers).toMatchObject({ otherBookingId: 'gl-1' });
  });

  it('a window inside another is refused', () => {
    expect(
      windowsOverlap({ startsAt: '2026-04-10T08:00:00.000Z', endsAt: '2026-04-10T09:00:00.000Z' }, existing),
    ).toBe(true);
  });

  it('a cancelled Go Live leaves its window free', () => {
    const cancelled = { ...existing, status: 'cancelled' as const, cancelledAt: '2026-04-02T08:00:00.000Z' };
    expect(checkOverlap({ startsAt: existing.startsAt, endsAt: existing.endsAt }, [cancelled]).ok).toBe(true);
  });

  it('a booking does not overlap itself when it is judged again', () => {
    expect(
      checkOverlap({ startsAt: existing.startsAt, endsAt: existing.endsAt }, [existing], existing.id).ok,
    ).toBe(true);
  });
});

describe('the contract term', () => {
  const contract = aContract({ startDate: '2026-01-01', termMonths: 12 });

  it('a window on the last day of the term ending at midnight is inside it', () => {
    const result = checkWithinTerm(windowOf('2026-12-31', '18:00', 360), contract, 0);
    expect(result.ok && result.value.index).toBe(1);
  });

  it('a window that runs past the end of the term is refused', () => {
    const result = checkWithinTerm(windowOf('2026-12-31', '20:00', 360), contract, 0);
    expect(!result.ok && result.rejection.code).toBe('outside-contract');
  });

  it('a window before the contract starts is refused', () => {
    const result = checkWithinTerm(windowOf('2025-12-31', '10:00', 60), contract, 0);
    expect(!result.ok && result.rejection.message).toBe(
      'The contract runs from 2026-01-01 to 2027-01-01 (exclusive); a Go Live on 2025-12-31 is outside it.',
    );
  });

  it('service-credit days let a window fall in the lengthened term', () => {
    expect(checkWithinTerm(windowOf('2027-01-02', '10:00', 60), contract, 2).ok).toBe(true);
    expect(checkWithinTerm(windowOf('2027-01-02', '10:00', 60), contract, 1).ok).toBe(false);
  });

  it('a window counts in the contract year of its local start date', () => {
    const threeYears = aContract({ startDate: '2026-01-01', termMonths: 36 });
    // 00:30 on 1 Jan 2027 in Zurich is still 31 Dec in UTC.
    const result = checkWithinTerm(windowOf('2027-01-01', '00:30', 60), threeYears, 0);
    expect(result.ok && result.value.index).toBe(2);
  });

  it('a customer without a contract cannot book', () => {
    expect(checkWithinTerm(windowOf('2026-04-10', '10:00', 60), null, 0).ok).toBe(false);
  });
});

describe('the moment a request counts as made', () => {
  const now = '2026-04-20T08:00:00.000Z';

  it('without a reservation it is the server clock, whatever the laptop said', () => {
    const moment = goLiveRequestMoment(null, [], 1, { now, clientTime: '2026-04-05T08:00:00.000Z' });
    expect(moment).toMatchObject({ requestedAt: now, basis: 'server-clock', reservationId: null });
  });

  it('an offline booking that spends a reservation is judged at its creation time', () => {
    const clientTime = '2026-04-05T08:00:00.000Z';
    const moment = goLiveRequestMoment(aReservation(), [], 1, { now, clientTime });
    expect(moment).toMatchObject({ requestedAt: clientTime, basis: 'reservation', reservationId: 'res-1' });
  });

  it('an expired reservation no longer lets the notice be judged at client time', () => {
    const clientTime = '2026-04-16T08:00:00.000Z';
    const moment = goLiveRequestMoment(aReservation(), [], 1, { now, clientTime });
    expect(moment).toMatchObject({ requestedAt: now, basis: 'server-clock', reservationId: null });
  });

  it('a booking made while the reservation was valid keeps it even if it syncs after expiry', () => {
    const moment = goLiveRequestMoment(aReservation(), [], 1, {
      now,
      clientTime: '2026-04-15T08:00:00.000Z',
    });
    expect(moment.requestedAt).toBe('2026-04-15T08:00:00.000Z');
  });

  it('a client time before the reservation was made is not trusted', () => {
    const moment = goLiveRequestMoment(aReservation(), [], 1, {
      now: '2026-04-02T08:00:00.000Z',
      clientTime: '2026-03-31T08:00:00.000Z',
    });
    expect(moment).toMatchObject({ requestedAt: '2026-04-02T08:00:00.000Z', reservationId: 'res-1' });
  });

  it('a client time later than the server clock is not trusted', () => {
    const serverNow = '2026-04-05T08:00:00.000Z';
    const moment = goLiveRequestMoment(aReservation(), [], 1, {
      now: serverNow,
      clientTime: '2026-04-06T08:00:00.000Z',
    });
    expect(moment).toMatchObject({ requestedAt: serverNow, basis: 'server-clock', reservationId: 'res-1' });
  });

  it('a released reservation is judged at the server clock and not spent', () => {
    const released = aReservation({ releasedAt: '2026-04-03T08:00:00.000Z' });
    const moment = goLiveRequestMoment(released, [], 1, { now, clientTime: '2026-04-02T08:00:00.000Z' });
    expect(moment).toMatchObject({ requestedAt: now, reservationId: null });
    expect(moment.explanation).toContain('released');
  });

  it('a reservation of another contract year is not spent', () => {
    const moment = goLiveRequestMoment(aReservation({ contractYear: 2 }), [], 1, {
      now,
      clientTime: '2026-04-05T08:00:00.000Z',
    });
    expect(moment).toMatchObject({ requestedAt: now, reservationId: null });
  });

  it('a fully spent reservation is judged at the server clock', () => {
    const spending = [
      aGoLive({ id: 'a', reservationId: 'res-1' }),
      aGoLive({
        id: 'b',
        reservationId: 'res-1',
        startsAt: '2026-04-11T07:00:00.000Z',
        endsAt: '2026-04-11T08:00:00.000Z',
      }),
    ];
    const moment = goLiveRequestMoment(aReservation(), spending, 1, {
      now,
      clientTime: '2026-04-05T08:00:00.000Z',
    });
    expect(moment).toMatchObject({ requestedAt: now, reservationId: null });
  });
});

describe('team staffing', () => {
  it('overlapping windows of different customers are grouped with their count and peak', () => {
    const a = aGoLive({
      id: 'a',
      customerId: 'c-a',
      startsAt: '2026-04-10T07:00:00.000Z',
      endsAt: '2026-04-10T13:00:00.000Z',
    });
    const b = aGoLive({
      id: 'b',
      customerId: 'c-b',
      startsAt: '2026-04-10T09:00:00.000Z',
      endsAt: '2026-04-10T10:00:00.000Z',
    });
    const c = aGoLive({
      id: 'c',
      customerId: 'c-c',
      startsAt: '2026-04-10T12:00:00.000Z',
      endsAt: '2026-04-10T16:00:00.000Z',
    });
    const alone = aGoLive({
      id: 'd',
      customerId: 'c-d',
      startsAt: '2026-04-11T07:00:00.000Z',
      endsAt: '2026-04-11T09:00:00.000Z',
    });
    const groups = overlappingWindows([alone, c, b, a]);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      startsAt: '2026-04-10T07:00:00.000Z',
      endsAt: '2026-04-10T16:00:00.000Z',
      count: 3,
      peak: 2,
      customerIds: ['c-a', 'c-b', 'c-c'],
    });
  });

  it('back-to-back windows need no extra engineer', () => {
    const a = aGoLive({
      id: 'a',
      customerId: 'c-a',
      startsAt: '2026-04-10T07:00:00.000Z',
      endsAt: '2026-04-10T09:00:00.000Z',
    });
    const b = aGoLive({
      id: 'b',
      customerId: 'c-b',
      startsAt: '2026-04-10T09:00:00.000Z',
      endsAt: '2026-04-10T10:00:00.000Z',
    });
    expect(overlappingWindows([a, b])).toEqual([]);
  });

  it('cancelled Go Lives need no staff', () => {
    const a = aGoLive({ id: 'a', customerId: 'c-a' });
    const b = aGoLive({
      id: 'b',
      customerId: 'c-b',
      status: 'cancelled',
      cancelledAt: '2026-04-02T08:00:00.000Z',
    });
    expect(overlappingWindows([a, b])).toEqual([]);
  });
});
