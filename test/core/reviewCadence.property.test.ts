import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { ReviewCall, ReviewSeries } from '../../src/core/records';
import { occurrencesBetween, reviewCadence, type ReviewOccurrence } from '../../src/core/reviewCadence';
import { DAY_MS, isoWeekday } from '../../src/core/time';

const zones = [
  'Europe/Zurich',
  'America/New_York',
  'America/Sao_Paulo',
  'Australia/Sydney',
  'Europe/London',
  'Asia/Singapore',
];

const dayOf = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const instantOf = (millis: number): string => new Date(millis).toISOString();

const seriesArbitrary = fc
  .record({
    zone: fc.constantFrom(...zones),
    // 1995..2035: Sao Paulo still had daylight saving (at midnight) until 2019.
    firstDay: fc.integer({ min: dayOf('1995-01-01'), max: dayOf('2035-12-31') }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.constantFrom(0, 15, 30, 45, 59),
    intervalWeeks: fc.integer({ min: 1, max: 8 }),
    durationMinutes: fc.integer({ min: 15, max: 240 }),
  })
  .map((r): ReviewSeries => ({
    id: 'series-1',
    customerId: 'cust-1',
    tamUserId: 'tam-1',
    firstDate: dateOf(r.firstDay),
    localTime: `${String(r.hour).padStart(2, '0')}:${String(r.minute).padStart(2, '0')}`,
    timeZone: r.zone,
    durationMinutes: r.durationMinutes,
    intervalWeeks: r.intervalWeeks,
    endDate: null,
  }));

/** A window that starts within two years either side of the first date and lasts up to a year. */
function windowAround(series: ReviewSeries) {
  const first = dayOf(series.firstDate) * DAY_MS;
  return fc
    .tuple(fc.integer({ min: -730, max: 730 }), fc.integer({ min: 1, max: 365 * 24 }))
    .map(([days, hours]) => {
      const from = first + days * DAY_MS + 3_600_000 * 7;
      return { from: instantOf(from), to: instantOf(from + hours * 3_600_000) };
    });
}

/** Whether the wall time exists that day in the zone (the spring-forward gap skips some). */
function wallTimeExists(date: string, time: string, zone: string): boolean {
  return DateTime.fromISO(`${date}T${time}`, { zone }).toFormat('yyyy-MM-dd HH:mm') === `${date} ${time}`;
}

function expectAtAgreedTimeOrFirstMinuteAfter(series: ReviewSeries, occurrence: ReviewOccurrence): void {
  const local = DateTime.fromISO(occurrence.startsAt, { zone: series.timeZone });
  expect(isoWeekday(occurrence.occurrenceDate)).toBe(isoWeekday(series.firstDate));
  expect(local.toISODate()).toBe(occurrence.occurrenceDate);
  if (wallTimeExists(occurrence.occurrenceDate, series.localTime, series.timeZone)) {
    expect(local.toFormat('HH:mm')).toBe(series.localTime);
    expect(occurrence.shiftedByDaylightSaving).toBe(false);
  } else {
    // Skipped by the clocks: the first valid minute after the agreed time.
    expect(occurrence.shiftedByDaylightSaving).toBe(true);
    // Compare whole wall-clock stamps: for a skipped midnight the minute before is the previous day.
    const agreed = `${occurrence.occurrenceDate} ${series.localTime}`;
    expect(local.toFormat('yyyy-MM-dd HH:mm') > agreed).toBe(true);
    expect(local.minus({ minutes: 1 }).toFormat('yyyy-MM-dd HH:mm') < agreed).toBe(true);
  }
}

/** Zones with a spring-forward change and the local hour it skips. */
const skippedHours = [
  { zone: 'Europe/Zurich', hour: 2 },
  { zone: 'Europe/London', hour: 1 },
  { zone: 'America/New_York', hour: 2 },
  { zone: 'Australia/Sydney', hour: 2 },
];

describe('review occurrences, for any zone, date and time', () => {
  it("every occurrence falls on the series' weekday at its local time in its zone", () => {
    fc.assert(
      fc.property(
        seriesArbitrary.chain((series) => fc.tuple(fc.constant(series), windowAround(series))),
        ([series, window]) => {
          for (const occurrence of occurrencesBetween(series, window.from, window.to)) {
            expectAtAgreedTimeOrFirstMinuteAfter(series, occurrence);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a weekly Sunday call in the hour the clocks skip moves to the first valid minute, and only then', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...skippedHours),
        // 1996-01-07 was a Sunday.
        fc.integer({ min: 0, max: 40 * 52 }),
        fc.integer({ min: 0, max: 59 }),
        ({ zone, hour }, weeks, minute) => {
          const series: ReviewSeries = {
            id: 'series-1',
            customerId: 'cust-1',
            tamUserId: 'tam-1',
            firstDate: dateOf(dayOf('1996-01-07') + weeks * 7),
            localTime: `0${hour}:${String(minute).padStart(2, '0')}`,
            timeZone: zone,
            durationMinutes: 60,
            intervalWeeks: 1,
            endDate: null,
          };
          const from = dayOf(series.firstDate) * DAY_MS - DAY_MS;
          const occurrences = occurrencesBetween(series, instantOf(from), instantOf(from + 53 * 7 * DAY_MS));
          expect(occurrences).toHaveLength(53);
          // Marks exactly the occurrences whose agreed time does not exist that day (checked independently).
          for (const occurrence of occurrences) expectAtAgreedTimeOrFirstMinuteAfter(series, occurrence);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('consecutive occurrences are intervalWeeks × 7 local days apart', () => {
    fc.assert(
      fc.property(
        seriesArbitrary.chain((series) => fc.tuple(fc.constant(series), windowAround(series))),
        ([series, window]) => {
          const occurrences = occurrencesBetween(series, window.from, window.to);
          for (let i = 1; i < occurrences.length; i += 1) {
            const previous = occurrences[i - 1];
            const current = occurrences[i];
            if (!previous || !current) continue;
            const localDay = (instant: string) =>
              dayOf(DateTime.fromISO(instant, { zone: series.timeZone }).toISODate() ?? '');
            expect(localDay(current.startsAt) - localDay(previous.startsAt)).toBe(series.intervalWeeks * 7);
            expect(current.index).toBe(previous.index + 1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('occurrencesBetween(a, c) is occurrencesBetween(a, b) followed by occurrencesBetween(b, c)', () => {
    fc.assert(
      fc.property(
        seriesArbitrary,
        fc.integer({ min: dayOf('1994-06-01'), max: dayOf('2036-06-01') }),
        fc.integer({ min: 1, max: 200 * 24 * 60 }),
        fc.integer({ min: 1, max: 200 * 24 * 60 }),
        (series, startDay, firstSpanMinutes, secondSpanMinutes) => {
          const a = startDay * DAY_MS;
          const b = a + firstSpanMinutes * 60_000;
          const c = b + secondSpanMinutes * 60_000;
          const whole = occurrencesBetween(series, instantOf(a), instantOf(c));
          const parts = [
            ...occurrencesBetween(series, instantOf(a), instantOf(b)),
            ...occurrencesBetween(series, instantOf(b), instantOf(c)),
          ];
          expect(parts).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('index arithmetic finds exactly the occurrences a walk from the first date finds', () => {
    fc.assert(
      fc.property(
        seriesArbitrary.chain((series) => fc.tuple(fc.constant(series), windowAround(series))),
        ([series, window]) => {
          // The slow oracle: step through every occurrence from the first date with luxon.
          const expected: string[] = [];
          const fromMillis = Date.parse(window.from);
          const toMillis = Date.parse(window.to);
          for (let index = 0; ; index += 1) {
            const date = dateOf(dayOf(series.firstDate) + index * series.intervalWeeks * 7);
            let wall = DateTime.fromISO(`${date}T${series.localTime}`, { zone: 'utc' });
            while (!wallTimeExists(wall.toISODate() ?? '', wall.toFormat('HH:mm'), series.timeZone)) {
              wall = wall.plus({ minutes: 1 });
            }
            let start = DateTime.fromISO(wall.toFormat("yyyy-MM-dd'T'HH:mm"), { zone: series.timeZone });
            // A wall time the clocks repeat counts at its first occurrence (an hour earlier here).
            const hourEarlier = start.minus({ hours: 1 });
            if (hourEarlier.toFormat('yyyy-MM-dd HH:mm') === start.toFormat('yyyy-MM-dd HH:mm'))
              start = hourEarlier;
            if (start.toMillis() >= toMillis) break;
            if (start.toMillis() >= fromMillis) expected.push(date);
          }
          expect(occurrencesBetween(series, window.from, window.to).map((o) => o.occurrenceDate)).toEqual(
            expected,
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('the cadence, for any history of calls', () => {
  const statuses = ['none', 'held', 'missed', 'cancelled', 'moved-earlier', 'moved-later'] as const;

  it('no call is both overdue and upcoming, and the next call is the earliest one still ahead', () => {
    fc.assert(
      fc.property(
        seriesArbitrary,
        fc.array(fc.constantFrom(...statuses), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 60 * 24 * 7 * 30 }),
        (series, history, minutesAfterFirst) => {
          const occurrences = occurrencesBetween(
            series,
            instantOf(dayOf(series.firstDate) * DAY_MS - DAY_MS),
            instantOf(dayOf(series.firstDate) * DAY_MS + history.length * series.intervalWeeks * 7 * DAY_MS),
          );
          const calls: ReviewCall[] = [];
          occurrences.forEach((occurrence, index) => {
            const status = history[index] ?? 'none';
            if (status === 'none') return;
            const shift = status === 'moved-earlier' ? -2 : status === 'moved-later' ? 3 : 0;
            calls.push({
              id: `call-${index}`,
              customerId: 'cust-1',
              seriesId: series.id,
              occurrenceDate: occurrence.occurrenceDate,
              status: status.startsWith('moved') ? 'moved' : (status as ReviewCall['status']),
              startsAt: instantOf(Date.parse(occurrence.startsAt) + shift * DAY_MS),
              durationMinutes: series.durationMinutes,
              agenda: [],
              notes: '',
              actionItems: [],
              loggedBy: 'tam-1',
            });
          });
          const now = instantOf(dayOf(series.firstDate) * DAY_MS + minutesAfterFirst * 60_000);
          const cadence = reviewCadence([series], calls, now);
          const overdueKeys = new Set(cadence.overdue.map((o) => o.occurrenceDate));
          for (const occurrence of cadence.upcoming)
            expect(overdueKeys.has(occurrence.occurrenceDate)).toBe(false);
          for (const occurrence of cadence.overdue) {
            expect(occurrence.effectiveEndsAt < now).toBe(true);
            expect(['scheduled', 'moved']).toContain(occurrence.state);
          }
          for (const occurrence of cadence.upcoming) {
            expect(occurrence.effectiveEndsAt >= now).toBe(true);
            expect(cadence.nextCall).not.toBeNull();
            expect(
              cadence.nextCall && cadence.nextCall.effectiveStartsAt <= occurrence.effectiveStartsAt,
            ).toBe(true);
          }
          expect(cadence.notScheduledForNextTwoWeeks).toBe(cadence.upcoming.length === 0);
          expect(cadence.status === 'overdue').toBe(cadence.overdue.length > 0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
