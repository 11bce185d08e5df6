import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowanceLedger,
  allowanceLineOn,
  allowanceSummary,
  checkAllowance,
  customerLedger,
  type AllowanceLine,
  type LedgerContext,
  type LedgerKind,
} from '../../src/core/ledger';
import { planTemplates, type AddOn, type PlanOverrides } from '../../src/core/plans';
import {
  allowanceReservationSchema,
  bestPracticesReviewSchema,
  contractSchema,
  customConfigurationSchema,
  customerSchema,
  emptyBook,
  goLiveBookingSchema,
  reviewCallSchema,
  tamTimeEntrySchema,
  trainingDaySchema,
  type AllowanceReservation,
  type CustomerBook,
  type GoLiveBooking,
} from '../../src/core/records';

const HOUR = 3_600_000;

function at(instant: string, hours: number): string {
  return new Date(Date.parse(instant) + hours * HOUR).toISOString();
}

function book(
  contract: {
    planId?: string;
    startDate?: string;
    termMonths?: number;
    addOns?: AddOn[];
    overrides?: PlanOverrides;
  } | null,
  records: Partial<Omit<CustomerBook, 'customer' | 'contract'>> = {},
  timeZone = 'Europe/Zurich',
): CustomerBook {
  const customer = customerSchema.parse({
    id: 'c1',
    name: 'Acme',
    country: 'CH',
    region: null,
    timeZone,
    tamUserId: 'u1',
    channels: ['ticket'],
  });
  return {
    ...emptyBook(customer),
    contract: contract
      ? contractSchema.parse({
          id: 'k1',
          customerId: 'c1',
          planId: 'edge-mission-critical',
          startDate: '2025-01-01',
          termMonths: 36,
          ...contract,
        })
      : null,
    ...records,
  };
}

let sequence = 0;

/** A Go Live starting at `startsAt`, requested `noticeHours` before (or at `requestedAt`). */
function goLive(
  startsAt: string,
  extra: Partial<GoLiveBooking> & { noticeHours?: number; timeZone?: string } = {},
): GoLiveBooking {
  sequence += 1;
  const { noticeHours = 24 * 10, ...rest } = extra;
  return goLiveBookingSchema.parse({
    id: `g${String(sequence).padStart(3, '0')}`,
    customerId: 'c1',
    projectId: null,
    title: `Launch ${sequence}`,
    requestedAt: at(startsAt, -noticeHours),
    startsAt,
    endsAt: at(startsAt, 4),
    timeZone: 'Europe/Zurich',
    status: 'booked',
    ...rest,
  });
}

function reservation(extra: Partial<AllowanceReservation> = {}): AllowanceReservation {
  return allowanceReservationSchema.parse({
    id: 'r1',
    customerId: 'c1',
    kind: 'goLiveEvents',
    contractYear: 1,
    quantity: 2,
    reservedBy: 'u1',
    createdAt: '2025-03-01T08:00:00Z',
    expiresAt: '2025-03-15T08:00:00Z',
    ...extra,
  });
}

function review(id: string, requestedOn: string, status: 'requested' | 'cancelled' = 'requested') {
  return bestPracticesReviewSchema.parse({
    id,
    customerId: 'c1',
    projectId: null,
    target: 'shop.example.com',
    objective: 'performance',
    requestedAt: `${requestedOn}T09:00:00Z`,
    requestedOn,
    status,
  });
}

function training(id: string, date: string, status: 'scheduled' | 'held' | 'cancelled' = 'scheduled') {
  return trainingDaySchema.parse({
    id,
    customerId: 'c1',
    date,
    topic: 'Edge functions',
    attendees: ['Ana'],
    status,
  });
}

function configuration(id: string, site: string, configuredOn: string) {
  return customConfigurationSchema.parse({ id, customerId: 'c1', site, configuredOn, status: 'requested' });
}

function context(today = '2025-03-10', extra: Partial<LedgerContext> = {}): LedgerContext {
  return { templates: planTemplates, today, now: `${today}T10:00:00.000Z`, serviceCreditDays: 0, ...extra };
}

function line(customerBook: CustomerBook, kind: LedgerKind, date: string, ctx = context()): AllowanceLine {
  const found = allowanceLineOn(customerBook, kind, date, ctx);
  if (!found) throw new Error(`no contract year holds ${date}`);
  return found;
}

describe('allowance ledger: Go Live events', () => {
  it('the sixth Go Live event of a Mission Critical year is billable', () => {
    const bookings = [1, 2, 3, 4, 5, 6].map((n) => goLive(`2025-0${n}-10T08:00:00.000Z`));
    const goLives = line(book({}, { goLiveBookings: bookings }), 'goLiveEvents', '2025-06-01');
    expect(goLives).toMatchObject({ included: 5, addOn: 0, available: 5, used: 6, remaining: 0, overage: 1 });
    expect(goLives.entries.map((entry) => entry.billable)).toEqual([false, false, false, false, false, true]);
    expect(goLives.entries[5]?.recordId).toBe(bookings[5]?.id);
  });

  it('billable follows the order of the requests, not the dates of the events', () => {
    const late = goLive('2025-02-10T08:00:00.000Z', { requestedAt: '2025-01-20T08:00:00.000Z' });
    const early = [1, 2, 3, 4, 5].map((n) =>
      goLive(`2025-0${n + 2}-10T08:00:00.000Z`, { requestedAt: `2025-01-0${n}T08:00:00.000Z` }),
    );
    const goLives = line(book({}, { goLiveBookings: [late, ...early] }), 'goLiveEvents', '2025-06-01');
    expect(goLives.entries.filter((entry) => entry.billable).map((entry) => entry.recordId)).toEqual([
      late.id,
    ]);
  });

  it('a Go Live cancelled 73 h ahead returns its unit', () => {
    const startsAt = '2025-04-10T08:00:00.000Z';
    const cancelled = goLive(startsAt, { status: 'cancelled', cancelledAt: at(startsAt, -73) });
    const goLives = line(book({}, { goLiveBookings: [cancelled] }), 'goLiveEvents', startsAt.slice(0, 10));
    expect(goLives.used).toBe(0);
    expect(goLives.remaining).toBe(5);
  });

  it('a cancellation 71 h ahead keeps the unit consumed', () => {
    const startsAt = '2025-04-10T08:00:00.000Z';
    const cancelled = goLive(startsAt, { status: 'cancelled', cancelledAt: at(startsAt, -71) });
    const goLives = line(book({}, { goLiveBookings: [cancelled] }), 'goLiveEvents', startsAt.slice(0, 10));
    expect(goLives.used).toBe(1);
    expect(goLives.entries.map((entry) => entry.recordId)).toEqual([cancelled.id]);
  });

  it("a Go Live counts on the customer's date of its start: 23:30 UTC on 31 Dec is 1 Jan in Zurich", () => {
    const booking = goLive('2025-12-31T23:30:00.000Z');
    const ledger = allowanceLedger(book({}, { goLiveBookings: [booking] }), context());
    expect(ledger[0]?.lines.goLiveEvents.used).toBe(0);
    expect(ledger[1]?.lines.goLiveEvents.entries[0]).toMatchObject({
      recordId: booking.id,
      date: '2026-01-01',
    });
  });

  it('a contract starting 29 Feb 2024 counts a booking on 28 Feb 2025 in year 2', () => {
    const booking = goLive('2025-02-28T10:00:00.000Z');
    const the27th = goLive('2025-02-27T10:00:00.000Z');
    const ledger = allowanceLedger(
      book({ startDate: '2024-02-29', termMonths: 24 }, { goLiveBookings: [booking, the27th] }),
      context('2025-03-01'),
    );
    expect(ledger.map((year) => year.contractYear)).toEqual([
      { index: 1, from: '2024-02-29', to: '2025-02-28' },
      { index: 2, from: '2025-02-28', to: '2026-02-28' },
    ]);
    expect(ledger[0]?.lines.goLiveEvents.entries.map((entry) => entry.recordId)).toEqual([the27th.id]);
    expect(ledger[1]?.lines.goLiveEvents.entries.map((entry) => entry.recordId)).toEqual([booking.id]);
  });

  it('a Go Live add-on bought for year 2 raises year 2 only', () => {
    const addOns: AddOn[] = [{ id: 'a1', kind: 'goLiveEvents', quantity: 3, contractYear: 2 }];
    const ledger = allowanceLedger(book({ addOns }), context());
    expect(ledger.map((year) => year.lines.goLiveEvents.available)).toEqual([5, 8, 5]);
    expect(ledger[1]?.lines.goLiveEvents).toMatchObject({ included: 5, addOn: 3 });
  });

  it("a customer's override replaces the template's figure", () => {
    const ledger = allowanceLedger(book({ overrides: { included: { goLiveEvents: 7 } } }), context());
    expect(ledger[0]?.lines.goLiveEvents.included).toBe(7);
    expect(ledger[0]?.lines.trainingDays.included).toBe(2);
  });

  it('a Go Live before the contract starts counts in no year and is listed outside the term', () => {
    const before = goLive('2024-12-20T10:00:00.000Z');
    const ledger = customerLedger(book({}, { goLiveBookings: [before] }), context());
    expect(ledger.years.every((year) => year.lines.goLiveEvents.used === 0)).toBe(true);
    expect(ledger.outsideTerm).toEqual([
      expect.objectContaining({
        kind: 'goLiveEvents',
        recordId: before.id,
        date: '2024-12-20',
        billable: true,
      }),
    ]);
  });

  it('service-credit days lengthen the last contract year', () => {
    const afterBaseTerm = goLive('2028-01-03T10:00:00.000Z');
    const customerBook = book({}, { goLiveBookings: [afterBaseTerm] });
    expect(allowanceLineOn(customerBook, 'goLiveEvents', '2028-01-03', context())).toBeNull();
    const withCredits = allowanceLineOn(
      customerBook,
      'goLiveEvents',
      '2028-01-03',
      context('2025-03-10', { serviceCreditDays: 5 }),
    );
    expect(withCredits?.contractYear).toEqual({ index: 3, from: '2027-01-01', to: '2028-01-06' });
    expect(withCredits?.used).toBe(1);
  });

  it('a customer without a contract has no contract years; every record is listed outside', () => {
    const ledger = customerLedger(
      book(null, {
        goLiveBookings: [goLive('2025-04-10T08:00:00.000Z')],
        trainingDays: [training('t1', '2025-05-05')],
      }),
      context(),
    );
    expect(ledger.status).toBe('no-contract');
    expect(ledger.years).toEqual([]);
    expect(ledger.outsideTerm.map((entry) => entry.kind).sort()).toEqual(['goLiveEvents', 'trainingDays']);
  });
});

describe('allowance ledger: reservations', () => {
  const now = '2025-03-10T10:00:00.000Z';

  it('an active reservation holds back its unspent units', () => {
    const goLives = line(book({}, { allowanceReservations: [reservation()] }), 'goLiveEvents', '2025-06-01');
    expect(goLives).toMatchObject({ available: 5, used: 0, reserved: 2, remaining: 3 });
  });

  it('an expired reservation holds nothing back', () => {
    const expired = reservation({ expiresAt: '2025-03-09T08:00:00.000Z' });
    const goLives = line(
      book({}, { allowanceReservations: [expired] }),
      'goLiveEvents',
      '2025-06-01',
      context(),
    );
    expect(goLives).toMatchObject({ reserved: 0, remaining: 5 });
  });

  it('a released reservation holds nothing back', () => {
    const released = reservation({ releasedAt: '2025-03-05T08:00:00.000Z' });
    const goLives = line(book({}, { allowanceReservations: [released] }), 'goLiveEvents', '2025-06-01');
    expect(goLives).toMatchObject({ reserved: 0, remaining: 5 });
  });

  it('a booking that spends a reservation moves a unit from reserved to used', () => {
    const spending = goLive('2025-05-10T08:00:00.000Z', { reservationId: 'r1', requestedAt: now });
    const goLives = line(
      book({}, { allowanceReservations: [reservation()], goLiveBookings: [spending] }),
      'goLiveEvents',
      '2025-06-01',
    );
    expect(goLives).toMatchObject({ used: 1, reserved: 1, remaining: 3 });
  });

  it('a reservation holds back units of its own contract year only', () => {
    const ledger = allowanceLedger(
      book({}, { allowanceReservations: [reservation({ contractYear: 2 })] }),
      context(),
    );
    expect(ledger.map((year) => year.lines.goLiveEvents.reserved)).toEqual([0, 2, 0]);
  });
});

describe('allowance ledger: reviews, training and configurations', () => {
  it('two configurations of one site count once', () => {
    const configurations = [
      configuration('cc1', 'shop.example.com', '2025-02-01'),
      configuration('cc2', 'shop.example.com', '2025-05-01'),
      configuration('cc3', 'api.example.com', '2025-06-01'),
    ];
    const sites = line(
      book({}, { customConfigurations: configurations }),
      'customConfigurationSites',
      '2025-06-01',
    );
    expect(sites.used).toBe(2);
    expect(sites.entries.map((entry) => [entry.recordId, entry.quantity])).toEqual([
      ['cc1', 1],
      ['cc2', 0],
      ['cc3', 1],
    ]);
  });

  it('the same site configured again in the next contract year counts again', () => {
    const configurations = [
      configuration('cc1', 'shop.example.com', '2025-02-01'),
      configuration('cc2', 'shop.example.com', '2026-02-01'),
    ];
    const ledger = allowanceLedger(book({}, { customConfigurations: configurations }), context());
    expect(ledger.map((year) => year.lines.customConfigurationSites.used)).toEqual([1, 1, 0]);
  });

  it('a cancelled review or training day returns its unit', () => {
    const customerBook = book(
      {},
      {
        bestPracticesReviews: [review('b1', '2025-02-01'), review('b2', '2025-02-02', 'cancelled')],
        trainingDays: [training('t1', '2025-04-01', 'held'), training('t2', '2025-05-01', 'cancelled')],
      },
    );
    expect(line(customerBook, 'bestPracticesReviews', '2025-06-01').used).toBe(1);
    expect(line(customerBook, 'trainingDays', '2025-06-01').used).toBe(1);
  });

  it('the third training day of a Mission Critical year is billable', () => {
    const days = [training('t1', '2025-04-01'), training('t2', '2025-05-01'), training('t3', '2025-06-01')];
    const trainingDays = line(book({}, { trainingDays: days }), 'trainingDays', '2025-06-01');
    expect(trainingDays).toMatchObject({ available: 2, used: 3, overage: 1, remaining: 0 });
    expect(trainingDays.entries.find((entry) => entry.billable)?.recordId).toBe('t3');
  });
});

describe('allowance ledger: TAM hours', () => {
  function call(id: string, startsAt: string, status: 'held' | 'missed', durationMinutes = 60) {
    return reviewCallSchema.parse({
      id,
      customerId: 'c1',
      seriesId: 's1',
      occurrenceDate: startsAt.slice(0, 10),
      status,
      startsAt,
      durationMinutes,
    });
  }

  it("Identity Custom's 4 h a week make 208.57 TAM hours in a 365-day contract year", () => {
    const tam = line(book({ planId: 'identity-custom', termMonths: 12 }), 'tamHours', '2025-06-01');
    expect(tam).toMatchObject({ included: 208.57, addOn: 0, available: 208.57 });
  });

  it('bought TAM hours add to the weekly budget', () => {
    const addOns: AddOn[] = [{ id: 'a1', kind: 'tamHoursPerWeek', quantity: 1.5, contractYear: null }];
    const tam = line(book({ planId: 'identity-custom', termMonths: 12, addOns }), 'tamHours', '2025-06-01');
    expect(tam).toMatchObject({ included: 208.57, addOn: 78.21, available: 286.78 });
  });

  it('held review calls and logged TAM time count; missed calls do not', () => {
    const customerBook = book(
      { planId: 'identity-custom', termMonths: 12 },
      {
        reviewCalls: [
          call('rc1', '2025-02-03T08:00:00.000Z', 'held', 45),
          call('rc2', '2025-02-17T08:00:00.000Z', 'missed'),
        ],
        tamTimeEntries: [
          tamTimeEntrySchema.parse({
            id: 'te1',
            customerId: 'c1',
            userId: 'u1',
            date: '2025-02-04',
            minutes: 50,
            activity: 'preparation',
          }),
        ],
      },
    );
    const tam = line(customerBook, 'tamHours', '2025-06-01');
    expect(tam.used).toBe(1.58);
    expect(tam.entries.map((entry) => [entry.recordId, entry.quantity])).toEqual([
      ['rc1', 0.75],
      ['te1', 0.83],
    ]);
  });

  it('TAM time beyond the budget is billable from the entry that crosses it', () => {
    const customerBook = book(
      { planId: 'identity-custom', termMonths: 12, overrides: { included: { tamHoursPerWeek: 0.02 } } },
      {
        reviewCalls: [
          call('rc1', '2025-02-03T08:00:00.000Z', 'held', 60),
          call('rc2', '2025-02-17T08:00:00.000Z', 'held', 30),
        ],
      },
    );
    const tam = line(customerBook, 'tamHours', '2025-06-01');
    expect(tam).toMatchObject({ available: 1.04, used: 1.5, overage: 0.46, remaining: 0 });
    expect(tam.entries.map((entry) => entry.billable)).toEqual([false, true]);
  });
});

describe('allowance forecast', () => {
  it('only the contract year holding today has a forecast', () => {
    const ledger = allowanceLedger(book({}), context('2026-03-01'));
    expect(ledger.map((year) => year.lines.goLiveEvents.forecast !== null)).toEqual([false, true, false]);
  });

  it('four reviews in the first 100 days of a year with five run out on day 125, before renewal', () => {
    const reviews = ['2025-01-10', '2025-02-10', '2025-03-10', '2025-04-05'].map((date, i) =>
      review(`b${i}`, date),
    );
    const forecast = line(
      book({}, { bestPracticesReviews: reviews }),
      'bestPracticesReviews',
      '2025-04-10',
      context('2025-04-10'),
    ).forecast;
    // 4 used in 100 days = 0.04 a day; 1 left lasts 25 days.
    expect(forecast).toEqual({ perDay: 0.04, exhaustsOn: '2025-05-05', runsOutBeforeRenewal: true });
  });

  it('early in the year the pace is spread over at least 30 days', () => {
    const forecast = line(
      book({}, { bestPracticesReviews: [review('b1', '2025-01-02')] }),
      'bestPracticesReviews',
      '2025-01-03',
      context('2025-01-03'),
    ).forecast;
    expect(forecast?.perDay).toBeCloseTo(1 / 30, 10);
    expect(forecast?.exhaustsOn).toBe('2025-05-03');
  });

  it('a slow pace that lasts past the anniversary does not run out before renewal', () => {
    const forecast = line(
      book({}, { bestPracticesReviews: [review('b1', '2025-01-10')] }),
      'bestPracticesReviews',
      '2025-07-01',
      context('2025-07-01'),
    ).forecast;
    expect(forecast).toMatchObject({ exhaustsOn: null, runsOutBeforeRenewal: false });
  });

  it('nothing used yet means nothing runs out', () => {
    const forecast = line(book({}), 'goLiveEvents', '2025-07-01', context('2025-07-01')).forecast;
    expect(forecast).toEqual({ perDay: 0, exhaustsOn: null, runsOutBeforeRenewal: false });
  });

  it('a used-up allowance ran out on the day the last included unit counts', () => {
    const days = [training('t1', '2025-02-03'), training('t2', '2025-03-03'), training('t3', '2025-04-03')];
    const forecast = line(
      book({}, { trainingDays: days }),
      'trainingDays',
      '2025-05-01',
      context('2025-05-01'),
    ).forecast;
    expect(forecast).toMatchObject({ exhaustsOn: '2025-03-03', runsOutBeforeRenewal: true });
  });

  it('a last included unit dated ahead of today makes the allowance gone today', () => {
    const days = [training('t1', '2025-02-03'), training('t2', '2025-09-03')];
    const forecast = line(
      book({}, { trainingDays: days }),
      'trainingDays',
      '2025-05-01',
      context('2025-05-01'),
    ).forecast;
    expect(forecast).toMatchObject({ exhaustsOn: '2025-05-01', runsOutBeforeRenewal: true });
  });

  it('a pay-per-use plan never runs out: everything is billed', () => {
    const customerBook = book(
      { planId: 'edge-enterprise' },
      { trainingDays: [training('t1', '2025-02-03')] },
    );
    const trainingDays = line(customerBook, 'trainingDays', '2025-05-01', context('2025-05-01'));
    expect(trainingDays).toMatchObject({ available: 0, used: 1, overage: 1 });
    expect(trainingDays.forecast).toMatchObject({ exhaustsOn: null, runsOutBeforeRenewal: false });
  });
});

describe('allowance summary for the customers grid', () => {
  it('shows one row per kind for the contract year holding today', () => {
    const customerBook = book({}, { goLiveBookings: [goLive('2026-02-10T08:00:00.000Z')] });
    const rows = allowanceSummary(customerBook, context('2026-03-01'));
    expect(rows.map((row) => row.kind)).toEqual([
      'goLiveEvents',
      'bestPracticesReviews',
      'trainingDays',
      'customConfigurationSites',
      'tamHours',
    ]);
    expect(rows[0]).toEqual({
      kind: 'goLiveEvents',
      contractYear: 2,
      available: 5,
      used: 1,
      reserved: 0,
      remaining: 4,
      overage: 0,
      // One in the first 60 days: the four left last 240 days, into October.
      runsOutBeforeRenewal: true,
      exhaustsOn: '2026-10-27',
    });
  });

  it('is empty when today is outside the term', () => {
    expect(allowanceSummary(book({}), context('2030-01-01'))).toEqual([]);
  });
});

describe('checking an allowance before booking', () => {
  const five = [1, 2, 3, 4, 5].map((n) => goLive(`2026-0${n}-10T08:00:00.000Z`));
  const threeIn2025 = [4, 5, 6].map((n) => goLive(`2025-0${n}-10T08:00:00.000Z`));

  it('names the year and the figures when nothing is left', () => {
    const result = checkAllowance(
      book({}, { goLiveBookings: five }),
      'goLiveEvents',
      '2026-06-01',
      context(),
      {
        acceptBillable: false,
      },
    );
    expect(result).toEqual({
      ok: false,
      rejection: {
        code: 'allowance-exhausted',
        message:
          'No Go Live events left in contract year 2 (5 included + 0 bought, 5 used, 0 reserved); book it as billable or pick another year.',
        field: 'acceptBillable',
        numbers: { contractYear: 2, included: 5, addOn: 0, used: 5, reserved: 0, remaining: 0 },
      },
    });
  });

  it('goes through as billable when the customer agrees to pay', () => {
    const result = checkAllowance(
      book({}, { goLiveBookings: five }),
      'goLiveEvents',
      '2026-06-01',
      context(),
      {
        acceptBillable: true,
      },
    );
    expect(result.ok && result.value.billable).toBe(true);
  });

  it('is included while a unit remains', () => {
    const result = checkAllowance(
      book({}, { goLiveBookings: five }),
      'goLiveEvents',
      '2025-06-01',
      context(),
      {
        acceptBillable: false,
      },
    );
    expect(result.ok && result.value).toMatchObject({
      billable: false,
      consumesUnit: true,
      reservationId: null,
    });
  });

  it('units held by an active reservation are not free for others', () => {
    const customerBook = book({}, { goLiveBookings: threeIn2025, allowanceReservations: [reservation()] });
    const result = checkAllowance(customerBook, 'goLiveEvents', '2025-06-01', context(), {
      acceptBillable: false,
    });
    expect(!result.ok && result.rejection.message).toBe(
      'No Go Live events left in contract year 1 (5 included + 0 bought, 3 used, 2 reserved); book it as billable or pick another year.',
    );
  });

  it('spending an own active reservation is included even when nothing else is left', () => {
    const customerBook = book({}, { goLiveBookings: threeIn2025, allowanceReservations: [reservation()] });
    const result = checkAllowance(customerBook, 'goLiveEvents', '2025-06-01', context(), {
      acceptBillable: false,
      reservationId: 'r1',
    });
    expect(result.ok && result.value).toMatchObject({
      billable: false,
      consumesUnit: true,
      reservationId: 'r1',
    });
  });

  it('an expired reservation cannot be spent', () => {
    const customerBook = book(
      {},
      { allowanceReservations: [reservation({ expiresAt: '2025-03-09T08:00:00.000Z' })] },
    );
    const result = checkAllowance(customerBook, 'goLiveEvents', '2025-06-01', context(), {
      acceptBillable: false,
      reservationId: 'r1',
    });
    expect(!result.ok && result.rejection.code).toBe('reservation-invalid');
  });

  it('a reservation of year 1 cannot be spent on a Go Live in year 2', () => {
    const result = checkAllowance(
      book({}, { allowanceReservations: [reservation()] }),
      'goLiveEvents',
      '2026-06-01',
      context(),
      {
        acceptBillable: false,
        reservationId: 'r1',
      },
    );
    expect(!result.ok && result.rejection).toMatchObject({
      code: 'reservation-invalid',
      field: 'reservationId',
    });
  });

  it('a date outside the term is refused as outside the contract', () => {
    const result = checkAllowance(book({}), 'trainingDays', '2028-01-01', context(), {
      acceptBillable: true,
    });
    expect(!result.ok && result.rejection).toMatchObject({
      code: 'outside-contract',
      message: 'The contract runs from 2025-01-01 to 2028-01-01 (exclusive); 2028-01-01 is outside it.',
    });
  });

  it('Edge Developer neither includes nor sells Best Practices Reviews', () => {
    const result = checkAllowance(
      book({ planId: 'edge-developer' }),
      'bestPracticesReviews',
      '2025-06-01',
      context(),
      {
        acceptBillable: true,
      },
    );
    expect(!result.ok && result.rejection).toMatchObject({
      code: 'not-in-plan',
      message: 'Edge Developer neither includes nor sells Best Practices Reviews.',
    });
  });

  it('Edge Enterprise sells training days: billable with consent, refused without', () => {
    const customerBook = book({ planId: 'edge-enterprise' });
    const refused = checkAllowance(customerBook, 'trainingDays', '2025-06-01', context(), {
      acceptBillable: false,
    });
    expect(!refused.ok && refused.rejection.message).toBe(
      'No training days left in contract year 1 (0 included + 0 bought, 0 used, 0 reserved); book it as billable or pick another year.',
    );
    const accepted = checkAllowance(customerBook, 'trainingDays', '2025-06-01', context(), {
      acceptBillable: true,
    });
    expect(accepted.ok && accepted.value.billable).toBe(true);
  });

  it('a site already counted this contract year takes no new unit, even with all sites used', () => {
    const sites = ['a', 'b', 'c', 'd', 'e'].map((name, i) =>
      configuration(`cc${i}`, `${name}.example.com`, '2025-02-01'),
    );
    const result = checkAllowance(
      book({}, { customConfigurations: sites }),
      'customConfigurationSites',
      '2025-06-01',
      context(),
      {
        acceptBillable: false,
        site: 'C.example.com',
      },
    );
    expect(result.ok && result.value).toMatchObject({ consumesUnit: false, billable: false });
    const fresh = checkAllowance(
      book({}, { customConfigurations: sites }),
      'customConfigurationSites',
      '2025-06-01',
      context(),
      {
        acceptBillable: false,
        site: 'f.example.com',
      },
    );
    expect(!fresh.ok && fresh.rejection.code).toBe('allowance-exhausted');
  });
});

// The ledger sorts each line itself (by numbers where it can, in runs); the order must be the
// one the rules name, compared here with a plain stable sort of the texts.
describe('request order of a line', () => {
  const entryArb = fc.record({
    kind: fc.constantFrom('call', 'time'),
    /** Few days and ids, so that dates tie and ids repeat. */
    day: fc.integer({ min: 0, max: 12 }),
    id: fc.integer({ min: 0, max: 30 }),
    minutes: fc.integer({ min: 1, max: 240 }),
  });

  it('TAM time is listed by date, then record id, in book order on a tie, however many entries (property)', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 150 }), (drafts) => {
        const dateOf = (day: number) => `2025-03-${String(day + 1).padStart(2, '0')}`;
        const calls = drafts
          .filter((draft) => draft.kind === 'call')
          .map((draft) =>
            reviewCallSchema.parse({
              id: `r${draft.id}`,
              customerId: 'c1',
              seriesId: 's1',
              occurrenceDate: dateOf(draft.day),
              status: 'held',
              // Noon in Zurich: the local date is the UTC date.
              startsAt: `${dateOf(draft.day)}T11:00:00.000Z`,
              durationMinutes: draft.minutes,
            }),
          );
        const entries = drafts
          .filter((draft) => draft.kind === 'time')
          .map((draft) =>
            tamTimeEntrySchema.parse({
              id: `t${draft.id}`,
              customerId: 'c1',
              userId: 'u1',
              date: dateOf(draft.day),
              minutes: draft.minutes,
              activity: 'advice',
            }),
          );
        const customerBook = book(
          { planId: 'identity-custom' },
          { reviewCalls: calls, tamTimeEntries: entries },
        );
        const tam = customerLedger(customerBook, context('2025-06-01')).years[0]?.lines.tamHours;
        // Book order: held calls, then time entries; a stable sort by (date, id) of that.
        const expected = [
          ...calls.map((call) => ({
            id: call.id,
            date: call.startsAt.slice(0, 10),
            minutes: call.durationMinutes,
          })),
          ...entries.map((entry) => ({ id: entry.id, date: entry.date, minutes: entry.minutes })),
        ].sort((a, b) =>
          a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
        );
        expect(tam?.entries.map((entry) => [entry.recordId, entry.date, entry.quantity])).toEqual(
          expected.map((entry) => [entry.id, entry.date, Math.round((entry.minutes * 100) / 60) / 100]),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('Go Lives are listed in the order they were requested, then by record id (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ hour: fc.integer({ min: 0, max: 5 }), id: fc.integer({ min: 0, max: 9 }) }), {
          maxLength: 80,
        }),
        (drafts) => {
          const bookings = drafts.map((draft) =>
            goLive('2025-04-01T09:00:00.000Z', {
              id: `g${draft.id}`,
              requestedAt: at('2025-03-01T00:00:00.000Z', draft.hour),
            }),
          );
          const customerBook = book({}, { goLiveBookings: bookings });
          const line = customerLedger(customerBook, context()).years[0]?.lines.goLiveEvents;
          const expected = [...bookings].sort((a, b) =>
            a.requestedAt !== b.requestedAt
              ? a.requestedAt < b.requestedAt
                ? -1
                : 1
              : a.id < b.id
                ? -1
                : a.id > b.id
                  ? 1
                  : 0,
          );
          expect(line?.entries.map((entry) => entry.recordId)).toEqual(expected.map((booking) => booking.id));
          // The first units requested are included, the later ones billable.
          const available = line?.available ?? 0;
          expect(line?.entries.map((entry) => entry.billable)).toEqual(
            expected.map((_, index) => index >= available),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
