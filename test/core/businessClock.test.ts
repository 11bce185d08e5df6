import Holidays from 'date-holidays';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  clockHours,
  isOpen,
  nextOpening,
  openingHoursOn,
  type BusinessCalendar,
  type CustomerCalendar,
} from '../../src/core/businessClock';
import { clockIds, type ClockId } from '../../src/core/plans';
import { toInstant, type Instant } from '../../src/core/time';

const stGallen: CustomerCalendar = { timeZone: 'Europe/Zurich', country: 'CH', region: 'SG' };
const saoPaulo: CustomerCalendar = { timeZone: 'America/Sao_Paulo', country: 'BR', region: null };
const newYork: CustomerCalendar = { timeZone: 'America/New_York', country: 'US', region: null };

function on(place: CustomerCalendar, clock: ClockId): BusinessCalendar {
  return { ...place, clock };
}

/** A wall-clock reading in a zone, as an instant. */
function local(zone: string, reading: string): Instant {
  const time = DateTime.fromISO(reading, { zone });
  if (!time.isValid) throw new Error(`bad reading ${reading}`);
  return toInstant(time.toMillis());
}

const sg0817 = on(stGallen, 'business-08-17');

describe('business hours in St. Gallen (08:00-17:00)', () => {
  it('opens at 08:00 and closes at 17:00 local time, the closing minute itself closed', () => {
    expect(isOpen(sg0817, local('Europe/Zurich', '2026-06-10T07:59'))).toBe(false);
    expect(isOpen(sg0817, local('Europe/Zurich', '2026-06-10T08:00'))).toBe(true);
    expect(isOpen(sg0817, local('Europe/Zurich', '2026-06-10T16:59'))).toBe(true);
    expect(isOpen(sg0817, local('Europe/Zurich', '2026-06-10T17:00'))).toBe(false);
  });

  it('is closed on Saturdays, Sundays and public holidays (Auffahrt, Thursday 14 May 2026)', () => {
    expect(isOpen(sg0817, local('Europe/Zurich', '2026-06-13T10:00'))).toBe(false);
    expect(isOpen(sg0817, local('Europe/Zurich', '2026-06-14T10:00'))).toBe(false);
    expect(isOpen(sg0817, local('Europe/Zurich', '2026-05-14T10:00'))).toBe(false);
    expect(openingHoursOn(sg0817, '2026-05-14')).toBeNull();
  });

  it('an hour before closing plus 60 minutes is the closing time the same day, not the next morning', () => {
    expect(addBusinessMinutes(sg0817, local('Europe/Zurich', '2026-06-10T16:00'), 60)).toBe(
      local('Europe/Zurich', '2026-06-10T17:00'),
    );
  });

  it('a start outside hours begins at the next opening', () => {
    expect(addBusinessMinutes(sg0817, local('Europe/Zurich', '2026-06-10T20:15'), 30)).toBe(
      local('Europe/Zurich', '2026-06-11T08:30'),
    );
  });

  it('adding 0 minutes outside hours gives the next opening, inside hours the start itself', () => {
    const saturday = local('Europe/Zurich', '2026-06-13T10:00');
    expect(addBusinessMinutes(sg0817, saturday, 0)).toBe(local('Europe/Zurich', '2026-06-15T08:00'));
    expect(nextOpening(sg0817, saturday)).toBe(local('Europe/Zurich', '2026-06-15T08:00'));
    const wednesday = local('Europe/Zurich', '2026-06-10T10:00');
    expect(addBusinessMinutes(sg0817, wednesday, 0)).toBe(wednesday);
    expect(nextOpening(sg0817, wednesday)).toBe(wednesday);
  });

  it('counts negative minutes when the end is before the start', () => {
    const from = local('Europe/Zurich', '2026-06-10T09:00');
    const to = local('Europe/Zurich', '2026-06-09T16:00');
    expect(businessMinutesBetween(sg0817, from, to)).toBe(-120);
  });

  it('refuses to add negative minutes', () => {
    expect(() => addBusinessMinutes(sg0817, local('Europe/Zurich', '2026-06-10T09:00'), -1)).toThrow(
      RangeError,
    );
  });

  it('a 24x7 clock counts every minute, weekends and holidays included', () => {
    const always = on(stGallen, '24x7');
    const from = local('Europe/Zurich', '2026-12-24T12:00');
    expect(businessMinutesBetween(always, from, local('Europe/Zurich', '2026-12-27T12:00'))).toBe(
      3 * 24 * 60,
    );
    expect(isOpen(always, local('Europe/Zurich', '2026-12-25T03:00'))).toBe(true);
  });

  it('the other clocks keep their own hours: 09:00-18:00 and extended 07:00-19:00', () => {
    expect(openingHoursOn(on(stGallen, 'business-09-18'), '2026-06-10')).toEqual({
      date: '2026-06-10',
      opens: '2026-06-10T07:00:00.000Z',
      closes: '2026-06-10T16:00:00.000Z',
    });
    expect(openingHoursOn(on(stGallen, 'extended-07-19'), '2026-06-10')).toEqual({
      date: '2026-06-10',
      opens: '2026-06-10T05:00:00.000Z',
      closes: '2026-06-10T17:00:00.000Z',
    });
  });
});

describe('daylight-saving changes do not shift the clock', () => {
  it('Europe/Zurich, spring forward 29 March 2026: 08:00 is 08:00 on both sides', () => {
    expect(openingHoursOn(sg0817, '2026-03-27')?.opens).toBe('2026-03-27T07:00:00.000Z');
    expect(openingHoursOn(sg0817, '2026-03-30')?.opens).toBe('2026-03-30T06:00:00.000Z');
    // Friday 16:00 CET + 2 business hours = Monday 09:00 CEST.
    expect(addBusinessMinutes(sg0817, '2026-03-27T15:00:00.000Z', 120)).toBe('2026-03-30T07:00:00.000Z');
    expect(businessMinutesBetween(sg0817, '2026-03-27T07:00:00.000Z', '2026-03-30T15:00:00.000Z')).toBe(1080);
  });

  it('Europe/Zurich, fall back 25 October 2026: Friday 16:00 CEST + 2 h = Monday 09:00 CET', () => {
    expect(addBusinessMinutes(sg0817, '2026-10-23T14:00:00.000Z', 120)).toBe('2026-10-26T08:00:00.000Z');
    expect(openingHoursOn(sg0817, '2026-10-26')?.closes).toBe('2026-10-26T16:00:00.000Z');
  });

  it('America/New_York, 8 March 2026: Friday 17:00 EST + 2 h on 09-18 = Monday 10:00 EDT', () => {
    const ny = on(newYork, 'business-09-18');
    expect(addBusinessMinutes(ny, '2026-03-06T22:00:00.000Z', 120)).toBe('2026-03-09T14:00:00.000Z');
  });

  it('America/New_York, 1 November 2026: Friday 17:00 EDT + 2 h on 09-18 = Monday 10:00 EST', () => {
    const ny = on(newYork, 'business-09-18');
    expect(addBusinessMinutes(ny, '2026-10-30T21:00:00.000Z', 120)).toBe('2026-11-02T15:00:00.000Z');
  });

  it('America/Sao_Paulo, spring forward at midnight 4 November 2018, with Finados on Friday 2 November', () => {
    const sp = on(saoPaulo, 'extended-07-19');
    // The tz data luxon reads: 00:00 -03 became 01:00 -02 (03:00 UTC).
    expect(DateTime.fromISO('2018-11-03T12:00', { zone: 'America/Sao_Paulo' }).offset).toBe(-180);
    expect(DateTime.fromISO('2018-11-05T12:00', { zone: 'America/Sao_Paulo' }).offset).toBe(-120);
    // Thursday 18:00 -03 + 2 h: one hour on Thursday, Friday a holiday, Monday 07:00-08:00 -02.
    expect(addBusinessMinutes(sp, '2018-11-01T21:00:00.000Z', 120)).toBe('2018-11-05T10:00:00.000Z');
    expect(openingHoursOn(sp, '2018-11-05')?.opens).toBe('2018-11-05T09:00:00.000Z');
  });

  it('America/Sao_Paulo, daylight saving ends 17 February 2019: Friday 18:00 -02 + 2 h = Monday 08:00 -03', () => {
    const sp = on(saoPaulo, 'extended-07-19');
    expect(DateTime.fromISO('2019-02-18T12:00', { zone: 'America/Sao_Paulo' }).offset).toBe(-180);
    expect(addBusinessMinutes(sp, '2019-02-15T20:00:00.000Z', 120)).toBe('2019-02-18T11:00:00.000Z');
  });

  it('a 24x7 clock across a spring-forward night counts the hours that really passed (23 h)', () => {
    const always = on(saoPaulo, '24x7');
    const from = local('America/Sao_Paulo', '2018-11-03T12:00');
    const to = local('America/Sao_Paulo', '2018-11-04T12:00');
    expect(businessMinutesBetween(always, from, to)).toBe(23 * 60);
  });
});

describe('Christmas to New Year in St. Gallen (24 Dec 2026 - 4 Jan 2027)', () => {
  it('only 24, 28, 29, 30 and 31 December and 4 January are business days', () => {
    const from = local('Europe/Zurich', '2026-12-24T00:00');
    const to = local('Europe/Zurich', '2027-01-05T00:00');
    expect(businessMinutesBetween(sg0817, from, to)).toBe(6 * 9 * 60);
  });

  it('an hour from 24 December 16:30 ends on Monday 28 December 08:30', () => {
    expect(addBusinessMinutes(sg0817, local('Europe/Zurich', '2026-12-24T16:30'), 60)).toBe(
      local('Europe/Zurich', '2026-12-28T08:30'),
    );
  });

  it('an hour from 31 December 16:30 ends on Monday 4 January 08:30', () => {
    expect(addBusinessMinutes(sg0817, local('Europe/Zurich', '2026-12-31T16:30'), 60)).toBe(
      local('Europe/Zurich', '2027-01-04T08:30'),
    );
  });
});

describe('long spans', () => {
  it('a span of ten years counts each year’s business minutes once', () => {
    const years = Array.from({ length: 10 }, (_, index) => 2020 + index);
    const perYear = years.map((year) =>
      businessMinutesBetween(
        sg0817,
        local('Europe/Zurich', `${year}-01-01T00:00`),
        local('Europe/Zurich', `${year + 1}-01-01T00:00`),
      ),
    );
    const whole = businessMinutesBetween(
      sg0817,
      local('Europe/Zurich', '2020-01-01T00:00'),
      local('Europe/Zurich', '2030-01-01T00:00'),
    );
    expect(whole).toBe(perYear.reduce((sum, minutes) => sum + minutes, 0));
    // About 250 business days of 540 minutes a year.
    for (const minutes of perYear) expect(minutes / 540).toBeGreaterThan(245);
  });

  it('20,000 deadlines over 30-day spans take well under a second', () => {
    const started = performance.now();
    let total = 0;
    for (let i = 0; i < 20_000; i += 1) {
      const start = toInstant(Date.UTC(2026, 0, 5) + i * 37 * 60_000);
      const deadline = addBusinessMinutes(sg0817, start, 22 * 540);
      total += businessMinutesBetween(sg0817, start, deadline);
    }
    expect(total).toBe(20_000 * 22 * 540);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

// ---- Properties -------------------------------------------------------------------------

const places = [stGallen, saoPaulo, newYork] as const;
const calendarArb = fc
  .record({ place: fc.constantFrom(...places), clock: fc.constantFrom(...clockIds) })
  .map(({ place, clock }) => on(place, clock));
/** Instants on whole minutes from 2017 (Brazil still had daylight saving) to 2029. */
const minuteArb = fc
  .integer({ min: Date.UTC(2017, 0, 1) / 60_000, max: Date.UTC(2029, 11, 31) / 60_000 })
  .map((minute) => toInstant(minute * 60_000));

/** Public holidays straight from date-holidays, independently of src/core/holidays. */
const independentHolidays = new Map<string, Set<string>>();
function holidayIndependently(place: CustomerCalendar, date: string): boolean {
  const key = `${place.country}-${place.region ?? ''}-${date.slice(0, 4)}`;
  let dates = independentHolidays.get(key);
  if (!dates) {
    const rules = place.region ? new Holidays(place.country, place.region) : new Holidays(place.country);
    dates = new Set(
      rules
        .getHolidays(Number(date.slice(0, 4)))
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    independentHolidays.set(key, dates);
  }
  return dates.has(date);
}

/** Business minutes by walking day by day and adding each day's overlap with [from, to]. */
function minutesDayByDay(calendar: BusinessCalendar, from: Instant, to: Instant): number {
  const fromMillis = Date.parse(from);
  const toMillis = Date.parse(to);
  if (calendar.clock === '24x7') return (toMillis - fromMillis) / 60_000;
  const hours = clockHours[calendar.clock];
  let day = DateTime.fromMillis(fromMillis, { zone: calendar.timeZone }).startOf('day').minus({ days: 1 });
  const lastDay = DateTime.fromMillis(toMillis, { zone: calendar.timeZone }).plus({ days: 1 });
  let total = 0;
  while (day <= lastDay) {
    const date = day.toISODate() as string;
    if (day.weekday <= 5 && !holidayIndependently(calendar, date)) {
      const opens = DateTime.fromISO(`${date}T${String(hours.opens).padStart(2, '0')}:00`, {
        zone: calendar.timeZone,
      }).toMillis();
      const closes = DateTime.fromISO(`${date}T${hours.closes}:00`, { zone: calendar.timeZone }).toMillis();
      total += Math.max(0, Math.min(toMillis, closes) - Math.max(fromMillis, opens));
    }
    day = day.plus({ days: 1 });
  }
  return total / 60_000;
}

describe('properties of every clock (St. Gallen, São Paulo, New York; 2017-2029)', () => {
  it('adding N business minutes and counting from the start gives back N', () => {
    fc.assert(
      fc.property(calendarArb, minuteArb, fc.integer({ min: 0, max: 60_000 }), (calendar, start, minutes) => {
        const end = addBusinessMinutes(calendar, start, minutes);
        expect(end >= start).toBe(true);
        expect(businessMinutesBetween(calendar, start, end)).toBe(minutes);
      }),
      { numRuns: 500 },
    );
  });

  it('minutes on weekends and public holidays are never counted: a count equals the sum of each day’s overlap', () => {
    fc.assert(
      fc.property(
        calendarArb,
        minuteArb,
        fc.integer({ min: 0, max: 45 * 24 * 60 }),
        (calendar, from, span) => {
          const to = toInstant(Date.parse(from) + span * 60_000);
          expect(businessMinutesBetween(calendar, from, to)).toBe(minutesDayByDay(calendar, from, to));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counting is additive: a to b plus b to c is a to c, in any order', () => {
    const anyInstant = fc
      .integer({ min: Date.UTC(2017, 0, 1), max: Date.UTC(2029, 11, 31) })
      .map((millis) => toInstant(millis));
    fc.assert(
      fc.property(calendarArb, anyInstant, anyInstant, anyInstant, (calendar, a, b, c) => {
        const sum = businessMinutesBetween(calendar, a, b) + businessMinutesBetween(calendar, b, c);
        expect(sum).toBeCloseTo(businessMinutesBetween(calendar, a, c), 6);
      }),
      { numRuns: 500 },
    );
  });

  it('more minutes never end earlier, and a business clock always ends inside its hours or at a closing', () => {
    fc.assert(
      fc.property(
        calendarArb,
        minuteArb,
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        (calendar, start, minutes, more) => {
          const end = addBusinessMinutes(calendar, start, minutes);
          expect(addBusinessMinutes(calendar, start, minutes + more) >= end).toBe(true);
          // The last minute before the end ran on the clock.
          expect(isOpen(calendar, toInstant(Date.parse(end) - 60_000))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a whole weekend or public holiday counts zero minutes', () => {
    const businessCalendarArb = fc
      .record({
        place: fc.constantFrom(...places),
        clock: fc.constantFrom<ClockId>('business-08-17', 'business-09-18', 'extended-07-19'),
      })
      .map(({ place, clock }) => on(place, clock));
    fc.assert(
      fc.property(businessCalendarArb, fc.integer({ min: 0, max: 13 * 366 }), (calendar, dayIndex) => {
        const day = DateTime.fromObject({ year: 2017, month: 1, day: 1 }, { zone: calendar.timeZone }).plus({
          days: dayIndex,
        });
        const date = day.toISODate() as string;
        const closed = day.weekday > 5 || holidayIndependently(calendar, date);
        const from = toInstant(day.startOf('day').toMillis());
        const to = toInstant(day.plus({ days: 1 }).startOf('day').toMillis());
        const minutes = businessMinutesBetween(calendar, from, to);
        const hours = clockHours[calendar.clock as Exclude<ClockId, '24x7'>];
        expect(minutes).toBe(closed ? 0 : (hours.closes - hours.opens) * 60);
      }),
      { numRuns: 500 },
    );
  });
});
