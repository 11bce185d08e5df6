import { describe, expect, it } from 'vitest';
import { evaluateGoLive, firstFailure } from '../../src/core/goLive';
import { runMutation, type MutationOutcome } from '../../src/core/mutations';
import { planTemplates } from '../../src/core/plans';
import type { CustomerBook, GoLiveBooking } from '../../src/core/records';
import { aBook, aContext } from '../support/fixtures';

// Zurich is on summer time (+02:00) from 29 Mar 2026: 10:00 local = 08:00 UTC.
const now = '2026-04-01T08:00:00.000Z';

type Clock = { now: string; clientTime?: string };

function run(
  book: CustomerBook | null,
  name: string,
  args: unknown,
  clock: Clock = { now },
): MutationOutcome {
  return runMutation(
    { name, version: 1, args },
    () => book,
    aContext(clock.now, 'tam', clock.clientTime ?? clock.now),
  );
}

/** The book after the outcome's changes, as the app's repository would store them. */
function withChanges(book: CustomerBook, outcome: MutationOutcome): CustomerBook {
  if (!outcome.ok) throw new Error(outcome.rejection.message);
  let next = book;
  for (const change of outcome.changes.put) {
    if (change.table === 'goLiveBookings') {
      next = {
        ...next,
        goLiveBookings: [...next.goLiveBookings.filter((b) => b.id !== change.record.id), change.record],
      };
    } else if (change.table === 'allowanceReservations') {
      next = {
        ...next,
        allowanceReservations: [
          ...next.allowanceReservations.filter((r) => r.id !== change.record.id),
          change.record,
        ],
      };
    }
  }
  return next;
}

function goLiveArgs(overrides: Record<string, unknown> = {}) {
  return {
    id: 'gl-1',
    customerId: 'cust-1',
    projectId: null,
    title: 'Shop launch',
    date: '2026-04-10',
    time: '10:00',
    durationMinutes: 240,
    acceptBillable: false,
    reservationId: null,
    notes: '',
    ...overrides,
  };
}

function bookedRecord(outcome: MutationOutcome): GoLiveBooking {
  if (!outcome.ok) throw new Error(outcome.rejection.message);
  const change = outcome.changes.put[0];
  if (change?.table !== 'goLiveBookings') throw new Error('no booking put');
  return change.record;
}

/** Books `count` one-hour Go Lives on consecutive days from 10 Apr 2026. */
function bookMany(book: CustomerBook, count: number): CustomerBook {
  let next = book;
  for (let i = 0; i < count; i += 1) {
    const date = `2026-04-${String(10 + i).padStart(2, '0')}`;
    next = withChanges(
      next,
      run(next, 'requestGoLive', goLiveArgs({ id: `gl-${i + 1}`, date, durationMinutes: 60 })),
    );
  }
  return next;
}

describe('requesting a Go Live', () => {
  it('a Go Live 72 h ahead is accepted', () => {
    const outcome = run(aBook(), 'requestGoLive', goLiveArgs({ date: '2026-04-04', time: '10:00' }));
    const booking = bookedRecord(outcome);
    expect(booking).toEqual({
      id: 'gl-1',
      customerId: 'cust-1',
      projectId: null,
      title: 'Shop launch',
      requestedAt: now,
      startsAt: '2026-04-04T08:00:00.000Z',
      endsAt: '2026-04-04T12:00:00.000Z',
      timeZone: 'Europe/Zurich',
      status: 'booked',
      cancelledAt: null,
      billableAccepted: false,
      reservationId: null,
      bookedBy: 'tam-1',
      notes: '',
    });
    expect(outcome.ok && outcome.summary).toBe(
      'Booked Go Live "Shop launch" for 4 Apr 2026 10:00–14:00 (Europe/Zurich), included (contract year 1)',
    );
  });

  it('a Go Live 71 h 59 min ahead is refused', () => {
    const outcome = run(aBook(), 'requestGoLive', goLiveArgs({ date: '2026-04-04', time: '09:59' }));
    expect(!outcome.ok && outcome.rejection).toMatchObject({
      code: 'go-live-notice',
      message: 'Go Live needs 72 h notice; this gives 71 h 59 min.',
      numbers: { requiredHours: 72, noticeMinutes: 71 * 60 + 59 },
    });
  });

  it('the laptop clock does not count without a reservation', () => {
    const outcome = run(aBook(), 'requestGoLive', goLiveArgs({ date: '2026-04-04', time: '10:00' }), {
      now: '2026-04-02T08:00:00.000Z',
      clientTime: now,
    });
    expect(!outcome.ok && outcome.rejection.message).toBe('Go Live needs 72 h notice; this gives 48 h.');
  });

  it('a window of 6 h 1 min is refused before anything else', () => {
    const outcome = run(aBook(), 'requestGoLive', goLiveArgs({ durationMinutes: 361 }));
    expect(!outcome.ok && outcome.rejection.code).toBe('go-live-window');
  });

  it('a time skipped by the spring change is refused and names the field', () => {
    const outcome = run(aBook(), 'requestGoLive', goLiveArgs({ date: '2026-03-29', time: '02:30' }), {
      now: '2026-03-20T08:00:00.000Z',
    });
    expect(!outcome.ok && outcome.rejection).toMatchObject({ code: 'go-live-window', field: 'time' });
  });

  it('the window is stored in UTC and keeps the customer’s zone (New York)', () => {
    const book = aBook({ timeZone: 'America/New_York', country: 'US', region: null });
    const booking = bookedRecord(
      run(book, 'requestGoLive', goLiveArgs({ date: '2026-11-02', time: '09:00' })),
    );
    expect(booking).toMatchObject({ startsAt: '2026-11-02T14:00:00.000Z', timeZone: 'America/New_York' });
  });

  it('a second Go Live overlapping the first is refused and names it', () => {
    const book = bookMany(aBook(), 1);
    const outcome = run(book, 'requestGoLive', goLiveArgs({ id: 'gl-2', date: '2026-04-10', time: '10:30' }));
    expect(!outcome.ok && outcome.rejection).toMatchObject({ code: 'go-live-overlap' });
    expect(!outcome.ok && outcome.rejection.message).toContain(
      '"Shop launch", booked for 10 Apr 2026 10:00–11:00',
    );
  });

  it('back-to-back windows do not overlap', () => {
    const book = bookMany(aBook(), 1);
    const outcome = run(book, 'requestGoLive', goLiveArgs({ id: 'gl-2', date: '2026-04-10', time: '11:00' }));
    expect(outcome.ok).toBe(true);
  });

  it('the sixth booking of a Mission Critical year is refused unless billable is accepted', () => {
    const book = bookMany(aBook(), 5);
    const sixth = goLiveArgs({ id: 'gl-6', date: '2026-05-20' });
    const refused = run(book, 'requestGoLive', sixth);
    expect(!refused.ok && refused.rejection).toMatchObject({
      code: 'allowance-exhausted',
      field: 'acceptBillable',
      numbers: { contractYear: 1, included: 5, used: 5, remaining: 0 },
    });
    const accepted = run(book, 'requestGoLive', { ...sixth, acceptBillable: true });
    expect(bookedRecord(accepted).billableAccepted).toBe(true);
    expect(accepted.ok && accepted.summary).toContain(', billable (contract year 1)');
  });

  it('accepting to pay does not make an included Go Live billable', () => {
    const booking = bookedRecord(run(aBook(), 'requestGoLive', goLiveArgs({ acceptBillable: true })));
    expect(booking.billableAccepted).toBe(false);
  });

  it('the next contract year starts with a fresh allowance', () => {
    const book = bookMany(aBook(), 5);
    const outcome = run(book, 'requestGoLive', goLiveArgs({ id: 'gl-6', date: '2027-01-05' }));
    expect(bookedRecord(outcome).billableAccepted).toBe(false);
  });

  it('a plan without Go Live support refuses it even as billable', () => {
    const book = aBook({}, { planId: 'edge-developer' });
    const outcome = run(book, 'requestGoLive', goLiveArgs({ acceptBillable: true }));
    expect(!outcome.ok && outcome.rejection.code).toBe('not-in-plan');
  });

  it('on Enterprise every Go Live is billable and needs the customer’s acceptance', () => {
    const book = aBook({}, { planId: 'edge-enterprise' });
    expect(run(book, 'requestGoLive', goLiveArgs()).ok).toBe(false);
    expect(
      bookedRecord(run(book, 'requestGoLive', goLiveArgs({ acceptBillable: true }))).billableAccepted,
    ).toBe(true);
  });

  it('a Go Live after the term is refused', () => {
    const book = aBook({}, { startDate: '2025-06-01', termMonths: 12 });
    const outcome = run(book, 'requestGoLive', goLiveArgs({ date: '2026-06-01' }));
    expect(!outcome.ok && outcome.rejection.code).toBe('outside-contract');
  });

  it('an unknown project is refused and names the field', () => {
    const outcome = run(aBook(), 'requestGoLive', goLiveArgs({ projectId: 'nope' }));
    expect(!outcome.ok && outcome.rejection).toMatchObject({ code: 'not-found', field: 'projectId' });
  });

  it('an unknown reservation is refused and names the field', () => {
    const outcome = run(aBook(), 'requestGoLive', goLiveArgs({ reservationId: 'nope' }));
    expect(!outcome.ok && outcome.rejection).toMatchObject({ code: 'not-found', field: 'reservationId' });
  });

  it('the same request replayed gives the same outcome', () => {
    const first = run(aBook(), 'requestGoLive', goLiveArgs());
    const again = run(aBook(), 'requestGoLive', goLiveArgs());
    expect(again).toEqual(first);
  });

  it('a booking id that exists already is refused', () => {
    const book = bookMany(aBook(), 1);
    const outcome = run(book, 'requestGoLive', goLiveArgs({ date: '2026-05-01' }));
    expect(!outcome.ok && outcome.rejection.code).toBe('already-exists');
  });
});

describe('the booking form’s findings', () => {
  it('every rule is reported, not only the first that fails', () => {
    const book = bookMany(aBook(), 1);
    const evaluation = evaluateGoLive(
      book,
      {
        bookingId: null,
        date: '2026-04-10',
        time: '10:30',
        durationMinutes: 60,
        acceptBillable: false,
        reservationId: null,
      },
      {
        now: '2026-04-09T08:00:00.000Z',
        clientTime: '2026-04-09T08:00:00.000Z',
        templates: planTemplates,
        serviceCreditDays: 0,
      },
    );
    expect(evaluation.checks.map((check) => [check.rule, check.ok])).toEqual([
      ['window', true],
      ['contract-term', true],
      ['notice', false],
      ['overlap', false],
      ['allowance', true],
    ]);
    expect(firstFailure(evaluation.checks)?.code).toBe('go-live-notice');
    expect(evaluation.noticeDeadline).toBe('2026-04-07T08:30:00.000Z');
    expect(evaluation.checks[4]?.message).toBe(
      'Included: 3 of 5 Go Live events left in contract year 1 after this one.',
    );
  });
});

describe('the booking form’s countdown', () => {
  it('a passing notice says how much notice there is and until when the window can be booked', () => {
    const evaluation = evaluateGoLive(
      aBook(),
      {
        bookingId: null,
        date: '2026-04-10',
        time: '10:00',
        durationMinutes: 60,
        acceptBillable: false,
        reservationId: null,
      },
      { now, clientTime: now, templates: planTemplates, serviceCreditDays: 0 },
    );
    const notice = evaluation.checks.find((check) => check.rule === 'notice');
    expect(notice).toMatchObject({
      ok: true,
      message: '216 h notice (at least 72 h); bookable until 7 Apr 2026 10:00 (Europe/Zurich).',
      numbers: { noticeMinutes: 216 * 60, deadline: '2026-04-07T08:00:00.000Z' },
    });
    expect(firstFailure(evaluation.checks)).toBeNull();
  });
});

describe('offline bookings and reservations', () => {
  function reserved(
    book: CustomerBook,
    args: Record<string, unknown> = {},
    clock: Clock = { now },
  ): CustomerBook {
    return withChanges(
      book,
      run(
        book,
        'reserveAllowance',
        { id: 'res-1', customerId: 'cust-1', kind: 'goLiveEvents', quantity: 2, validForDays: 14, ...args },
        clock,
      ),
    );
  }

  // Booked offline on 5 Apr for 8 Apr 10:00 Zurich: exactly 72 h by the laptop; synced on 7 Apr.
  const offline = { now: '2026-04-07T08:00:00.000Z', clientTime: '2026-04-05T08:00:00.000Z' };
  const offlineArgs = goLiveArgs({ date: '2026-04-08', time: '10:00', reservationId: 'res-1' });

  it('an offline booking that spends a reservation is judged at its creation time', () => {
    const outcome = run(reserved(aBook()), 'requestGoLive', offlineArgs, offline);
    expect(bookedRecord(outcome)).toMatchObject({
      requestedAt: offline.clientTime,
      reservationId: 'res-1',
      billableAccepted: false,
    });
    expect(outcome.ok && outcome.summary).toContain(
      'included, from the reservation valid until 2026-04-15 08:00 UTC (contract year 1)',
    );
  });

  it('the same offline booking without a reservation is judged when it syncs', () => {
    const outcome = run(reserved(aBook()), 'requestGoLive', { ...offlineArgs, reservationId: null }, offline);
    expect(!outcome.ok && outcome.rejection.message).toBe('Go Live needs 72 h notice; this gives 24 h.');
  });

  it('an expired reservation no longer lets the notice be judged at client time', () => {
    const book = reserved(aBook(), { validForDays: 3 });
    const outcome = run(book, 'requestGoLive', offlineArgs, offline);
    expect(!outcome.ok && outcome.rejection.code).toBe('go-live-notice');
  });

  it('a reservation made after the offline booking does not reach back to it', () => {
    const book = reserved(aBook(), {}, { now: '2026-04-06T08:00:00.000Z' });
    const outcome = run(book, 'requestGoLive', offlineArgs, offline);
    expect(!outcome.ok && outcome.rejection.code).toBe('go-live-notice');
  });

  it('a reservation cannot hold more than remains', () => {
    const book = bookMany(aBook(), 3);
    const outcome = run(book, 'reserveAllowance', { id: 'res-1', customerId: 'cust-1', quantity: 3 });
    expect(!outcome.ok && outcome.rejection).toMatchObject({
      code: 'allowance-exhausted',
      numbers: { available: 5, used: 3, reserved: 0, remaining: 2, quantity: 3 },
    });
    expect(run(book, 'reserveAllowance', { id: 'res-1', customerId: 'cust-1', quantity: 2 }).ok).toBe(true);
  });

  it('a second reservation cannot take what the first holds back', () => {
    const book = reserved(aBook(), { quantity: 4 });
    const outcome = run(book, 'reserveAllowance', { id: 'res-2', customerId: 'cust-1', quantity: 2 });
    expect(!outcome.ok && outcome.rejection.message).toBe(
      'Only 1 Go Live event remains in contract year 1 (5 available, 0 used, 4 reserved); 2 cannot be reserved.',
    );
  });

  it('reserved units are held back from bookings that do not spend the reservation', () => {
    const book = reserved(aBook(), { quantity: 5 });
    const outcome = run(book, 'requestGoLive', goLiveArgs());
    expect(!outcome.ok && outcome.rejection.code).toBe('allowance-exhausted');
    const spending = run(book, 'requestGoLive', goLiveArgs({ reservationId: 'res-1' }));
    expect(bookedRecord(spending)).toMatchObject({ reservationId: 'res-1', billableAccepted: false });
  });

  it('a released reservation gives its units back', () => {
    const book = reserved(aBook(), { quantity: 5 });
    const release = run(book, 'releaseAllowance', { customerId: 'cust-1', id: 'res-1' });
    expect(release.ok && release.summary).toBe(
      'Released the reservation valid until 2026-04-15 08:00 UTC: 0 of 5 spent, 5 returned to contract year 1',
    );
    const after = withChanges(book, release);
    expect(bookedRecord(run(after, 'requestGoLive', goLiveArgs())).reservationId).toBeNull();
  });

  it('a reservation cannot be released twice', () => {
    const book = reserved(aBook());
    const once = withChanges(book, run(book, 'releaseAllowance', { customerId: 'cust-1', id: 'res-1' }));
    const twice = run(once, 'releaseAllowance', { customerId: 'cust-1', id: 'res-1' });
    expect(!twice.ok && twice.rejection.code).toBe('invalid-transition');
  });

  it('a reservation is stored with the server’s clock and the default validity of 14 days', () => {
    const outcome = run(
      aBook(),
      'reserveAllowance',
      { id: 'res-1', customerId: 'cust-1', quantity: 1 },
      {
        now,
        clientTime: '2026-03-01T08:00:00.000Z',
      },
    );
    expect(outcome.ok && outcome.changes.put[0]?.record).toEqual({
      id: 'res-1',
      customerId: 'cust-1',
      kind: 'goLiveEvents',
      contractYear: 1,
      quantity: 1,
      reservedBy: 'tam-1',
      createdAt: now,
      expiresAt: '2026-04-15T08:00:00.000Z',
      releasedAt: null,
    });
  });

  it('a reservation for more than 30 days is refused', () => {
    const outcome = run(aBook(), 'reserveAllowance', {
      id: 'res-1',
      customerId: 'cust-1',
      quantity: 1,
      validForDays: 45,
    });
    expect(!outcome.ok && outcome.rejection).toMatchObject({
      field: 'validForDays',
      numbers: { maxDays: 30 },
    });
  });

  it('a reservation may name its contract year or a date in it', () => {
    const byYear = run(aBook(), 'reserveAllowance', {
      id: 'res-1',
      customerId: 'cust-1',
      quantity: 1,
      contractYear: 2,
    });
    expect(byYear.ok && byYear.changes.put[0]?.record).toMatchObject({ contractYear: 2 });
    const byDate = run(aBook(), 'reserveAllowance', {
      id: 'res-1',
      customerId: 'cust-1',
      quantity: 1,
      date: '2028-02-01',
    });
    expect(byDate.ok && byDate.changes.put[0]?.record).toMatchObject({ contractYear: 3 });
    const beyond = run(aBook(), 'reserveAllowance', {
      id: 'res-1',
      customerId: 'cust-1',
      quantity: 1,
      contractYear: 4,
    });
    expect(!beyond.ok && beyond.rejection.code).toBe('outside-contract');
  });

  it('a past contract year cannot be reserved', () => {
    const book = aBook({}, { startDate: '2025-01-01' });
    const outcome = run(book, 'reserveAllowance', {
      id: 'res-1',
      customerId: 'cust-1',
      quantity: 1,
      contractYear: 1,
    });
    expect(!outcome.ok && outcome.rejection.code).toBe('outside-contract');
  });
});

describe('cancelling a Go Live', () => {
  it('a Go Live cancelled 72 h ahead returns its unit', () => {
    const book = bookMany(aBook(), 5);
    const cancel = run(
      book,
      'cancelGoLive',
      { customerId: 'cust-1', id: 'gl-1', reason: 'launch moved' },
      { now: '2026-04-07T08:00:00.000Z' },
    );
    expect(cancel.ok && cancel.summary).toBe(
      'Cancelled Go Live "Shop launch" 72 h before its start; the Go Live event returns to the allowance',
    );
    const cancelled = bookedRecord(cancel);
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      cancelledAt: '2026-04-07T08:00:00.000Z',
      notes: 'Cancelled: launch moved',
    });
    const after = withChanges(book, cancel);
    const sixth = run(after, 'requestGoLive', goLiveArgs({ id: 'gl-6', date: '2026-05-20' }), {
      now: '2026-04-07T08:00:00.000Z',
    });
    expect(bookedRecord(sixth).billableAccepted).toBe(false);
  });

  it('a Go Live cancelled less than 72 h ahead keeps its unit used', () => {
    const book = bookMany(aBook(), 1);
    const cancel = run(
      book,
      'cancelGoLive',
      { customerId: 'cust-1', id: 'gl-1' },
      { now: '2026-04-07T08:01:00.000Z' },
    );
    expect(cancel.ok && cancel.summary).toBe(
      'Cancelled Go Live "Shop launch" 71 h 59 min before its start; the Go Live event stays used (cancelled less than 72 h ahead)',
    );
  });

  it('a cancelled Go Live that spent a reservation returns its unit to the reservation', () => {
    let book = withChanges(
      aBook(),
      run(aBook(), 'reserveAllowance', { id: 'res-1', customerId: 'cust-1', quantity: 1 }),
    );
    book = withChanges(book, run(book, 'requestGoLive', goLiveArgs({ reservationId: 'res-1' })));
    const cancel = run(
      book,
      'cancelGoLive',
      { customerId: 'cust-1', id: 'gl-1' },
      { now: '2026-04-02T08:00:00.000Z' },
    );
    expect(cancel.ok && cancel.summary).toContain(
      'returns to the reservation valid until 2026-04-15 08:00 UTC',
    );
    book = withChanges(book, cancel);
    const again = run(book, 'requestGoLive', goLiveArgs({ id: 'gl-2', reservationId: 'res-1' }), {
      now: '2026-04-02T08:00:00.000Z',
    });
    expect(bookedRecord(again).reservationId).toBe('res-1');
  });

  it('a cancelled Go Live cannot be cancelled again', () => {
    const book = bookMany(aBook(), 1);
    const once = withChanges(book, run(book, 'cancelGoLive', { customerId: 'cust-1', id: 'gl-1' }));
    const twice = run(once, 'cancelGoLive', { customerId: 'cust-1', id: 'gl-1' });
    expect(!twice.ok && twice.rejection.code).toBe('invalid-transition');
  });

  it('a Go Live that already took place cannot be cancelled', () => {
    const book = bookMany(aBook(), 1);
    const outcome = run(
      book,
      'cancelGoLive',
      { customerId: 'cust-1', id: 'gl-1' },
      { now: '2026-04-10T09:00:00.000Z' },
    );
    expect(!outcome.ok && outcome.rejection.code).toBe('invalid-transition');
  });
});
