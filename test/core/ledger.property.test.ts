import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  allowanceLedger,
  allowanceLineOn,
  checkAllowance,
  customerLedger,
  ledgerKinds,
  type AllowanceLine,
  type LedgerContext,
  type LedgerKind,
} from '../../src/core/ledger';
import { addOnKinds, planTemplates, type AddOn } from '../../src/core/plans';
import {
  customerSchema,
  emptyBook,
  type AllowanceReservation,
  type BestPracticesReview,
  type CustomConfiguration,
  type CustomerBook,
  type GoLiveBooking,
  type ReviewCall,
  type TamTimeEntry,
  type TrainingDay,
} from '../../src/core/records';

// The ledger is checked against an oracle written here from the rules alone, with luxon for the
// calendar: contract years from anniversaries of the start, local dates in the customer's zone.

const DAY = 86_400_000;
const HOUR = 3_600_000;
const zones = ['Europe/Zurich', 'America/Sao_Paulo', 'America/New_York', 'Asia/Tokyo', 'Australia/Lord_Howe'];
const sites = ['shop.example.com', 'api.example.com', 'www.example.com'];

function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY);
}

function dateOfDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

const startDate = fc.oneof(
  fc.constantFrom(
    '2024-02-29',
    '2020-02-29',
    '2025-01-31',
    '2024-01-31',
    '2023-03-31',
    '2024-12-31',
    '2023-08-31',
  ),
  fc.integer({ min: dayNumber('2019-01-01'), max: dayNumber('2030-12-31') }).map(dateOfDay),
);

const addOn = fc.record({
  kind: fc.constantFrom(...addOnKinds),
  quantity: fc.integer({ min: 0, max: 3 }),
  contractYear: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
});

/** Offsets in days from the contract start, reaching two months either side of a 5-year term. */
const dayOffset = fc.integer({ min: -60, max: 5 * 366 + 60 });

const bookShape = fc.record({
  startDate,
  termMonths: fc.integer({ min: 1, max: 60 }),
  serviceCreditDays: fc.integer({ min: 0, max: 40 }),
  planId: fc.constantFrom(...planTemplates.map((template) => template.id)),
  timeZone: fc.constantFrom(...zones),
  addOns: fc.array(addOn, { maxLength: 4 }),
  overrideGoLives: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
  /** Small weekly budgets, so that TAM time runs over. */
  overrideTamHours: fc.option(fc.constantFrom(0, 0.01, 0.05, 0.2, 1), { nil: null }),
  todayOffset: dayOffset,
  goLives: fc.array(
    fc.record({
      day: dayOffset,
      minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
      leadHours: fc.integer({ min: 72, max: 4000 }),
      cancelHoursAhead: fc.option(fc.integer({ min: -5, max: 150 }), { nil: null }),
      reservation: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
    }),
    { maxLength: 12 },
  ),
  reservations: fc.array(
    fc.record({
      contractYear: fc.integer({ min: 1, max: 5 }),
      quantity: fc.integer({ min: 1, max: 3 }),
      createdHoursBeforeNow: fc.integer({ min: -48, max: 40 * 24 }),
      validHours: fc.integer({ min: 1, max: 30 * 24 }),
      released: fc.boolean(),
    }),
    { maxLength: 3 },
  ),
  reviews: fc.array(fc.record({ day: dayOffset, cancelled: fc.boolean() }), { maxLength: 8 }),
  trainings: fc.array(
    fc.record({ day: dayOffset, status: fc.constantFrom('scheduled', 'held', 'cancelled') }),
    { maxLength: 5 },
  ),
  configurations: fc.array(
    fc.record({
      day: dayOffset,
      site: fc.constantFrom(...sites),
      status: fc.constantFrom('requested', 'delivered', 'cancelled'),
    }),
    { maxLength: 8 },
  ),
  calls: fc.array(
    fc.record({
      day: dayOffset,
      minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
      held: fc.boolean(),
      minutes: fc.integer({ min: 0, max: 240 }),
    }),
    { maxLength: 10 },
  ),
  entries: fc.array(fc.record({ day: dayOffset, minutes: fc.integer({ min: 1, max: 600 }) }), {
    maxLength: 6,
  }),
});

type BookShape = typeof bookShape extends fc.Arbitrary<infer T> ? T : never;

type Scenario = { book: CustomerBook; context: LedgerContext; shape: BookShape };

function instantOf(day: number, minute: number): string {
  return new Date(day * DAY + minute * 60_000).toISOString();
}

function scenarioOf(shape: BookShape): Scenario {
  const start = dayNumber(shape.startDate);
  const today = dateOfDay(start + shape.todayOffset);
  const now = `${today}T12:00:00.000Z`;
  const nowMillis = Date.parse(now);
  const customer = customerSchema.parse({
    id: 'c1',
    name: 'Acme',
    country: 'CH',
    region: null,
    timeZone: shape.timeZone,
    tamUserId: 'u1',
    channels: ['ticket'],
  });
  const addOns: AddOn[] = shape.addOns.map((item, i) => ({ id: `a${i}`, ...item }));
  const reservations: AllowanceReservation[] = shape.reservations.map((item, i) => {
    const createdAt = nowMillis - item.createdHoursBeforeNow * HOUR;
    return {
      id: `r${i}`,
      customerId: 'c1',
      kind: 'goLiveEvents',
      contractYear: item.contractYear,
      quantity: item.quantity,
      reservedBy: 'u1',
      createdAt: new Date(createdAt).toISOString(),
      expiresAt: new Date(createdAt + item.validHours * HOUR).toISOString(),
      releasedAt: item.released ? new Date(createdAt + HOUR).toISOString() : null,
    };
  });
  const goLiveBookings: GoLiveBooking[] = shape.goLives.map((item, i) => {
    const startsAt = instantOf(start + item.day, item.minute);
    const startMillis = Date.parse(startsAt);
    const cancelled = item.cancelHoursAhead !== null;
    return {
      id: `g${String(i).padStart(2, '0')}`,
      customerId: 'c1',
      projectId: null,
      title: `Launch ${i}`,
      requestedAt: new Date(startMillis - item.leadHours * HOUR).toISOString(),
      startsAt,
      endsAt: new Date(startMillis + 2 * HOUR).toISOString(),
      timeZone: shape.timeZone,
      status: cancelled ? 'cancelled' : 'booked',
      cancelledAt: cancelled
        ? new Date(startMillis - (item.cancelHoursAhead ?? 0) * HOUR).toISOString()
        : null,
      billableAccepted: false,
      reservationId:
        item.reservation !== null && item.reservation < reservations.length ? `r${item.reservation}` : null,
      bookedBy: null,
      notes: '',
    };
  });
  const bestPracticesReviews: BestPracticesReview[] = shape.reviews.map((item, i) => ({
    id: `b${i}`,
    customerId: 'c1',
    projectId: null,
    target: 'shop.example.com',
    objective: 'cost',
    requestedAt: instantOf(start + item.day, 600),
    requestedOn: dateOfDay(start + item.day),
    status: item.cancelled ? 'cancelled' : 'requested',
    advisorUserId: null,
    findings: [],
    deliveredAt: null,
    billableAccepted: false,
  }));
  const trainingDays: TrainingDay[] = shape.trainings.map((item, i) => ({
    id: `t${i}`,
    customerId: 'c1',
    date: dateOfDay(start + item.day),
    topic: 'Edge',
    attendees: [],
    status: item.status,
    billableAccepted: false,
  }));
  const customConfigurations: CustomConfiguration[] = shape.configurations.map((item, i) => ({
    id: `cc${i}`,
    customerId: 'c1',
    site: item.site,
    description: '',
    configuredOn: dateOfDay(start + item.day),
    status: item.status,
    billableAccepted: false,
  }));
  const reviewCalls: ReviewCall[] = shape.calls.map((item, i) => ({
    id: `rc${i}`,
    customerId: 'c1',
    seriesId: 's1',
    occurrenceDate: dateOfDay(start + item.day),
    status: item.held ? 'held' : 'missed',
    startsAt: instantOf(start + item.day, item.minute),
    durationMinutes: item.minutes,
    agenda: [],
    notes: '',
    actionItems: [],
    loggedBy: null,
  }));
  const tamTimeEntries: TamTimeEntry[] = shape.entries.map((item, i) => ({
    id: `te${i}`,
    customerId: 'c1',
    userId: 'u1',
    date: dateOfDay(start + item.day),
    minutes: item.minutes,
    activity: 'advice',
    note: '',
  }));
  const book: CustomerBook = {
    ...emptyBook(customer),
    contract: {
      id: 'k1',
      customerId: 'c1',
      planId: shape.planId,
      startDate: shape.startDate,
      termMonths: shape.termMonths,
      overrides: {
        included: {
          ...(shape.overrideGoLives === null ? {} : { goLiveEvents: shape.overrideGoLives }),
          ...(shape.overrideTamHours === null ? {} : { tamHoursPerWeek: shape.overrideTamHours }),
        },
      },
      addOns,
    },
    goLiveBookings,
    allowanceReservations: reservations,
    bestPracticesReviews,
    trainingDays,
    customConfigurations,
    reviewCalls,
    tamTimeEntries,
  };
  return {
    book,
    shape,
    context: { templates: planTemplates, today, now, serviceCreditDays: shape.serviceCreditDays },
  };
}

const scenario = bookShape.map(scenarioOf);

// ------------------------------------------------------------------------------------------
// The oracle

type OracleYear = { index: number; from: string; to: string };

function oracleYears(shape: BookShape): OracleYear[] {
  const start = DateTime.fromISO(shape.startDate, { zone: 'utc' });
  const count = Math.max(1, Math.ceil(shape.termMonths / 12));
  const end = start
    .plus({ months: shape.termMonths })
    .plus({ days: shape.serviceCreditDays })
    .toISODate() as string;
  const years: OracleYear[] = [];
  for (let index = 1; index <= count; index += 1) {
    years.push({
      index,
      from: start.plus({ years: index - 1 }).toISODate() as string,
      to: index === count ? end : (start.plus({ years: index }).toISODate() as string),
    });
  }
  return years;
}

type Counted = {
  kind: LedgerKind;
  table: string;
  recordId: string;
  date: string;
  minutes: number;
  site: string;
};

/** Every record that consumes an allowance, with its date, by the rules read from the spec. */
function oracleRecords(book: CustomerBook): Counted[] {
  const zone = book.customer.timeZone;
  const localDate = (instant: string) => DateTime.fromISO(instant).setZone(zone).toISODate() as string;
  const out: Counted[] = [];
  for (const b of book.goLiveBookings) {
    const returned =
      b.status === 'cancelled' &&
      b.cancelledAt !== null &&
      Date.parse(b.startsAt) - Date.parse(b.cancelledAt) >= 72 * HOUR;
    if (returned) continue;
    const date = DateTime.fromISO(b.startsAt).setZone(b.timeZone).toISODate() as string;
    out.push({ kind: 'goLiveEvents', table: 'goLiveBookings', recordId: b.id, date, minutes: 0, site: '' });
  }
  for (const r of book.bestPracticesReviews) {
    if (r.status === 'cancelled') continue;
    out.push({
      kind: 'bestPracticesReviews',
      table: 'bestPracticesReviews',
      recordId: r.id,
      date: r.requestedOn,
      minutes: 0,
      site: '',
    });
  }
  for (const t of book.trainingDays) {
    if (t.status === 'cancelled') continue;
    out.push({
      kind: 'trainingDays',
      table: 'trainingDays',
      recordId: t.id,
      date: t.date,
      minutes: 0,
      site: '',
    });
  }
  for (const c of book.customConfigurations) {
    if (c.status === 'cancelled') continue;
    out.push({
      kind: 'customConfigurationSites',
      table: 'customConfigurations',
      recordId: c.id,
      date: c.configuredOn,
      minutes: 0,
      site: c.site,
    });
  }
  for (const call of book.reviewCalls) {
    if (call.status !== 'held') continue;
    out.push({
      kind: 'tamHours',
      table: 'reviewCalls',
      recordId: call.id,
      date: localDate(call.startsAt),
      minutes: call.durationMinutes,
      site: '',
    });
  }
  for (const entry of book.tamTimeEntries) {
    out.push({
      kind: 'tamHours',
      table: 'tamTimeEntries',
      recordId: entry.id,
      date: entry.date,
      minutes: entry.minutes,
      site: '',
    });
  }
  return out;
}

function oracleUsed(records: readonly Counted[], kind: LedgerKind, year: OracleYear): number {
  const inYear = records.filter((r) => r.kind === kind && r.date >= year.from && r.date < year.to);
  if (kind === 'tamHours')
    return Math.round((inYear.reduce((sum, r) => sum + r.minutes, 0) * 100) / 60) / 100;
  if (kind === 'customConfigurationSites') return new Set(inYear.map((r) => r.site)).size;
  return inYear.length;
}

function oracleReserved(book: CustomerBook, year: number, now: string): number {
  let reserved = 0;
  for (const reservation of book.allowanceReservations) {
    if (reservation.contractYear !== year || reservation.releasedAt !== null || now > reservation.expiresAt)
      continue;
    const spent = book.goLiveBookings.filter((b) => {
      const consumes =
        b.status === 'booked' ||
        (b.cancelledAt !== null && Date.parse(b.startsAt) - Date.parse(b.cancelledAt) < 72 * HOUR);
      return b.reservationId === reservation.id && consumes;
    }).length;
    reserved += reservation.quantity - Math.min(spent, reservation.quantity);
  }
  return reserved;
}

const close = (a: number, b: number) => Math.abs(a - b) < 0.011;

function eachLine(book: CustomerBook, context: LedgerContext, check: (line: AllowanceLine) => void): void {
  for (const year of allowanceLedger(book, context)) for (const kind of ledgerKinds) check(year.lines[kind]);
}

describe('allowance ledger over random books (property)', () => {
  it('contract years are the anniversaries of the start, the last one lengthened by service credits', () => {
    fc.assert(
      fc.property(scenario, ({ book, context, shape }) => {
        expect(allowanceLedger(book, context).map((year) => year.contractYear)).toEqual(oracleYears(shape));
      }),
    );
  });

  it('remaining is never below zero', () => {
    fc.assert(
      fc.property(scenario, ({ book, context }) => {
        eachLine(book, context, (line) => expect(line.remaining).toBeGreaterThanOrEqual(0));
      }),
    );
  });

  it('used equals the consuming records of that contract year, counted independently', () => {
    fc.assert(
      fc.property(scenario, ({ book, context, shape }) => {
        const records = oracleRecords(book);
        const years = oracleYears(shape);
        allowanceLedger(book, context).forEach((year, i) => {
          const oracle = years[i] as OracleYear;
          for (const kind of ledgerKinds)
            expect(year.lines[kind].used).toBe(oracleUsed(records, kind, oracle));
        });
      }),
    );
  });

  it('reserved equals the unspent units of active reservations of that year', () => {
    fc.assert(
      fc.property(scenario, ({ book, context }) => {
        for (const year of allowanceLedger(book, context)) {
          expect(year.lines.goLiveEvents.reserved).toBe(
            oracleReserved(book, year.contractYear.index, context.now),
          );
          for (const kind of ledgerKinds.filter((k) => k !== 'goLiveEvents'))
            expect(year.lines[kind].reserved).toBe(0);
        }
      }),
    );
  });

  it('what is used within the allowance never exceeds what is available', () => {
    fc.assert(
      fc.property(scenario, ({ book, context }) => {
        eachLine(book, context, (line) => {
          expect(line.used - line.overage).toBeLessThanOrEqual(line.available + 1e-9);
          expect(close(line.overage, Math.max(0, line.used - line.available))).toBe(true);
        });
      }),
    );
  });

  it('remaining + reserved + used within the allowance == available while they fit; otherwise nothing remains', () => {
    fc.assert(
      fc.property(scenario, ({ book, context }) => {
        eachLine(book, context, (line) => {
          if (line.used + line.reserved <= line.available) {
            expect(close(line.remaining + line.reserved + (line.used - line.overage), line.available)).toBe(
              true,
            );
          } else {
            expect(line.remaining).toBe(0);
          }
        });
      }),
    );
  });

  it('billable entries are exactly the overage', () => {
    fc.assert(
      fc.property(scenario, ({ book, context }) => {
        eachLine(book, context, (line) => {
          const billable = line.entries.filter((entry) => entry.billable);
          if (line.kind === 'tamHours') {
            // Hours: the entry that crosses the budget is billable for its part beyond it.
            expect(billable.length === 0).toBe(line.overage === 0);
            expect(billable.reduce((sum, entry) => sum + entry.quantity, 0)).toBeGreaterThanOrEqual(
              line.overage - 0.011 * billable.length,
            );
          } else {
            expect(billable.length).toBe(line.overage);
            expect(billable.every((entry) => entry.quantity === 1)).toBe(true);
            expect(line.entries.filter((entry) => entry.quantity > 0).length).toBe(line.used);
          }
        });
      }),
    );
  });

  it('every consuming record lands in exactly one contract year, or outside the term', () => {
    fc.assert(
      fc.property(scenario, ({ book, context, shape }) => {
        const years = oracleYears(shape);
        const termStart = years[0]?.from ?? '';
        const termEnd = years[years.length - 1]?.to ?? '';
        const ledger = customerLedger(book, context);
        for (const record of oracleRecords(book)) {
          const key = (entry: { table: string; recordId: string }) =>
            entry.table === record.table && entry.recordId === record.recordId;
          const holders = ledger.years.filter((year) => year.lines[record.kind].entries.some(key));
          const outside = ledger.outsideTerm.filter(key);
          if (record.date >= termStart && record.date < termEnd) {
            expect(holders.map((year) => year.contractYear.index)).toEqual([
              years.find((year) => record.date >= year.from && record.date < year.to)?.index,
            ]);
            expect(outside).toEqual([]);
          } else {
            expect(holders).toEqual([]);
            expect(outside).toHaveLength(1);
          }
        }
        const listed = ledger.years.reduce(
          (sum, year) =>
            sum + ledgerKinds.reduce((inner, kind) => inner + year.lines[kind].entries.length, 0),
          ledger.outsideTerm.length,
        );
        expect(listed).toBe(oracleRecords(book).length);
      }),
    );
  });

  it('the forecast is on the year holding today and runs out only before the anniversary', () => {
    fc.assert(
      fc.property(scenario, ({ book, context }) => {
        for (const year of allowanceLedger(book, context)) {
          const holdsToday = context.today >= year.contractYear.from && context.today < year.contractYear.to;
          for (const kind of ledgerKinds) {
            const { forecast, remaining, available } = year.lines[kind];
            expect(forecast !== null).toBe(holdsToday);
            if (!forecast) continue;
            if (forecast.exhaustsOn === null) expect(forecast.runsOutBeforeRenewal).toBe(false);
            else expect(forecast.exhaustsOn < year.contractYear.to).toBe(forecast.runsOutBeforeRenewal);
            if (remaining === 0 && available > 0) {
              expect(forecast.runsOutBeforeRenewal).toBe(true);
              expect((forecast.exhaustsOn ?? '') <= context.today).toBe(true);
            }
          }
        }
      }),
    );
  });
});

describe('checking an allowance over random books (property)', () => {
  const request = fc.record({
    kind: fc.constantFrom('trainingDays' as const, 'bestPracticesReviews' as const),
    day: dayOffset,
    acceptBillable: fc.boolean(),
  });

  it('refuses only when nothing remains, and a unit granted as included never adds to the overage', () => {
    fc.assert(
      fc.property(scenario, request, ({ book, context, shape }, { kind, day, acceptBillable }) => {
        const date = dateOfDay(dayNumber(shape.startDate) + day);
        const before = allowanceLineOn(book, kind, date, context);
        const result = checkAllowance(book, kind, date, context, { acceptBillable });
        if (!result.ok) {
          const code = result.rejection.code;
          if (code === 'outside-contract') expect(before).toBeNull();
          else if (code === 'not-in-plan') expect(before?.available).toBe(0);
          else {
            expect(code).toBe('allowance-exhausted');
            expect(acceptBillable).toBe(false);
            expect(before?.remaining).toBe(0);
          }
          return;
        }
        expect(result.value.billable).toBe((before?.remaining ?? 0) < 1);
        const added: CustomerBook =
          kind === 'trainingDays'
            ? {
                ...book,
                trainingDays: [
                  ...book.trainingDays,
                  {
                    id: 'new',
                    customerId: 'c1',
                    date,
                    topic: 'New',
                    attendees: [],
                    status: 'scheduled',
                    billableAccepted: false,
                  },
                ],
              }
            : {
                ...book,
                bestPracticesReviews: [
                  ...book.bestPracticesReviews,
                  {
                    id: 'new',
                    customerId: 'c1',
                    projectId: null,
                    target: 'x.example.com',
                    objective: 'cost',
                    requestedAt: context.now,
                    requestedOn: date,
                    status: 'requested',
                    advisorUserId: null,
                    findings: [],
                    deliveredAt: null,
                    billableAccepted: false,
                  },
                ],
              };
        const after = allowanceLineOn(added, kind, date, context);
        expect(after?.used).toBe((before?.used ?? 0) + 1);
        if (!result.value.billable) expect(after?.overage).toBe(before?.overage);
      }),
    );
  });
});
