import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import '../support/fastCheck';
import {
  customerCalendar,
  goLiveUid,
  myScheduleCalendar,
  reviewSeriesUid,
  trainingDayUid,
} from '../../src/core/calendarExport';
import type {
  CustomerBook,
  GoLiveBooking,
  ReviewCall,
  ReviewSeries,
  TrainingDay,
} from '../../src/core/records';
import { effectiveOccurrence, occurrencesBetween } from '../../src/core/reviewCadence';
import { aBook } from '../support/fixtures';
import { parseCalendar } from '../support/icsParse';

const now = '2026-03-01T08:00:00.000Z';

function aSeries(overrides: Partial<ReviewSeries> = {}): ReviewSeries {
  return {
    id: 'series-1',
    customerId: 'cust-1',
    tamUserId: 'tam-1',
    firstDate: '2026-03-05', // a Thursday
    localTime: '10:00',
    timeZone: 'Europe/Zurich',
    durationMinutes: 45,
    intervalWeeks: 2,
    endDate: null,
    ...overrides,
  };
}

function aCall(
  overrides: Partial<ReviewCall> & Pick<ReviewCall, 'occurrenceDate' | 'status' | 'startsAt'>,
): ReviewCall {
  return {
    id: `call-${overrides.occurrenceDate}`,
    customerId: 'cust-1',
    seriesId: 'series-1',
    durationMinutes: 45,
    agenda: [],
    notes: '',
    actionItems: [],
    loggedBy: null,
    ...overrides,
  };
}

function aGoLive(overrides: Partial<GoLiveBooking> = {}): GoLiveBooking {
  return {
    id: 'gl-1',
    customerId: 'cust-1',
    projectId: null,
    title: 'Checkout migration',
    requestedAt: '2026-02-01T09:00:00.000Z',
    startsAt: '2026-04-10T20:00:00.000Z',
    endsAt: '2026-04-11T02:00:00.000Z',
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

function aTrainingDay(overrides: Partial<TrainingDay> = {}): TrainingDay {
  return {
    id: 'td-1',
    customerId: 'cust-1',
    date: '2026-05-12',
    topic: 'WAF rules',
    attendees: ['Anna Keller', 'Luca Frei'],
    status: 'scheduled',
    billableAccepted: false,
    ...overrides,
  };
}

function bookWith(records: Partial<CustomerBook>): CustomerBook {
  return { ...aBook(), ...records };
}

describe('calendar export of one customer', () => {
  it('a review series is one recurring event every two weeks at 10:00 Zurich time, across the spring change', () => {
    const text = customerCalendar(bookWith({ reviewSeries: [aSeries()] }), now);
    expect(text).toContain('RRULE:FREQ=WEEKLY;INTERVAL=2');
    const parsed = parseCalendar(text);
    expect(parsed.zones).toEqual(['Europe/Zurich']);
    const series = parsed.events.filter((event) => event.uid === reviewSeriesUid('series-1'));
    expect(series).toHaveLength(1);
    expect(series[0]?.startDate.zone?.tzid).toBe('Europe/Zurich');
    const calls = parsed.expand('2026-03-01T00:00:00.000Z', '2026-04-20T00:00:00.000Z');
    // 5 Mar and 19 Mar on winter time (UTC+1), 2 and 16 Apr on summer time (UTC+2): 10:00 local each.
    expect(calls.map((call) => call.start)).toEqual([
      '2026-03-05T09:00:00.000Z',
      '2026-03-19T09:00:00.000Z',
      '2026-04-02T08:00:00.000Z',
      '2026-04-16T08:00:00.000Z',
    ]);
    expect(calls.every((call) => Date.parse(call.end) - Date.parse(call.start) === 45 * 60_000)).toBe(true);
  });

  it('a moved call is an override of its occurrence; missed and cancelled ones are left out', () => {
    const book = bookWith({
      reviewSeries: [aSeries()],
      reviewCalls: [
        aCall({ occurrenceDate: '2026-03-19', status: 'missed', startsAt: '2026-03-19T09:00:00.000Z' }),
        aCall({
          occurrenceDate: '2026-04-02',
          status: 'moved',
          startsAt: '2026-04-03T12:30:00.000Z',
          durationMinutes: 60,
        }),
        aCall({ occurrenceDate: '2026-04-16', status: 'cancelled', startsAt: '2026-04-16T08:00:00.000Z' }),
        aCall({ occurrenceDate: '2026-04-30', status: 'held', startsAt: '2026-04-30T08:00:00.000Z' }),
      ],
    });
    const text = customerCalendar(book, now);
    expect(text).toMatch(/EXDATE;TZID=Europe\/Zurich:20260319T100000/);
    expect(text).toMatch(/RECURRENCE-ID;TZID=Europe\/Zurich:20260402T100000/);
    const calls = parseCalendar(text).expand('2026-03-01T00:00:00.000Z', '2026-05-10T00:00:00.000Z');
    expect(calls.map((call) => [call.start, call.end])).toEqual([
      ['2026-03-05T09:00:00.000Z', '2026-03-05T09:45:00.000Z'],
      ['2026-04-03T12:30:00.000Z', '2026-04-03T13:30:00.000Z'],
      ['2026-04-30T08:00:00.000Z', '2026-04-30T08:45:00.000Z'],
    ]);
  });

  it('a series with an end date stops before it', () => {
    const text = customerCalendar(bookWith({ reviewSeries: [aSeries({ endDate: '2026-04-02' })] }), now);
    expect(text).toContain('COUNT=2');
    const calls = parseCalendar(text).expand('2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z');
    expect(calls.map((call) => call.start)).toEqual(['2026-03-05T09:00:00.000Z', '2026-03-19T09:00:00.000Z']);
  });

  it('Go Live windows keep their zone, training days are whole days, cancelled ones are marked cancelled', () => {
    const book = bookWith({
      customer: aBook({ name: 'Brasil Varejo', timeZone: 'America/Sao_Paulo' }).customer,
      goLiveBookings: [
        aGoLive({ timeZone: 'America/Sao_Paulo' }),
        aGoLive({
          id: 'gl-2',
          status: 'cancelled',
          startsAt: '2026-06-01T12:00:00.000Z',
          endsAt: '2026-06-01T14:00:00.000Z',
          timeZone: 'America/Sao_Paulo',
        }),
      ],
      trainingDays: [aTrainingDay()],
    });
    const parsed = parseCalendar(customerCalendar(book, now));
    expect(parsed.zones).toEqual(['America/Sao_Paulo']);
    const goLive = parsed.events.find((event) => event.uid === goLiveUid('gl-1'));
    expect(goLive?.startDate.zone?.tzid).toBe('America/Sao_Paulo');
    // 20:00 UTC is 17:00 in São Paulo (UTC-3).
    expect(goLive?.startDate.toString()).toBe('2026-04-10T17:00:00');
    expect(goLive?.endDate.toJSDate().toISOString()).toBe('2026-04-11T02:00:00.000Z');
    expect(goLive?.summary).toBe('Go Live · Brasil Varejo: Checkout migration');
    expect(
      parsed.events
        .find((event) => event.uid === goLiveUid('gl-2'))
        ?.component.getFirstPropertyValue('status'),
    ).toBe('CANCELLED');
    const training = parsed.events.find((event) => event.uid === trainingDayUid('td-1'));
    expect(training?.startDate.isDate).toBe(true);
    expect(training?.startDate.toString()).toBe('2026-05-12');
    expect(training?.description).toContain('Anna Keller');
  });

  it('the same book exported twice gives the same UIDs, so a re-import updates instead of duplicating', () => {
    const book = bookWith({
      reviewSeries: [aSeries()],
      goLiveBookings: [aGoLive()],
      trainingDays: [aTrainingDay()],
    });
    const uids = (text: string) =>
      parseCalendar(text)
        .events.map((event) => event.uid)
        .sort();
    const first = customerCalendar(book, now);
    const later = customerCalendar(
      { ...book, goLiveBookings: [aGoLive({ title: 'Checkout migration, second wave' })] },
      '2026-03-08T08:00:00.000Z',
    );
    expect(uids(later)).toEqual(uids(first));
    expect(first).toContain('DTSTAMP:20260301T080000Z');
  });

  it('a call whose agreed time the clocks skip is at the first valid minute after the gap, as in the console', () => {
    // Sundays at 02:30 in Zurich: 29 Mar 2026 has no 02:30 (clocks go from 02:00 to 03:00).
    const series = aSeries({ firstDate: '2026-03-15', localTime: '02:30' });
    const calls = parseCalendar(customerCalendar(bookWith({ reviewSeries: [series] }), now)).expand(
      '2026-03-01T00:00:00.000Z',
      '2026-04-15T00:00:00.000Z',
    );
    expect(calls.map((call) => call.start)).toEqual([
      '2026-03-15T01:30:00.000Z',
      '2026-03-29T01:00:00.000Z', // 03:00 CEST
      '2026-04-12T00:30:00.000Z',
    ]);
  });
});

describe('calendar export of my schedule', () => {
  it('holds my series and my customers Go Lives and training days, and nobody else s', () => {
    const mine = bookWith({
      reviewSeries: [aSeries()],
      goLiveBookings: [aGoLive()],
      trainingDays: [aTrainingDay()],
    });
    const theirs = {
      ...aBook({ id: 'cust-2', name: 'Other AG', tamUserId: 'tam-2' }),
      reviewSeries: [aSeries({ id: 'series-2', customerId: 'cust-2', tamUserId: 'tam-2' })],
      goLiveBookings: [
        aGoLive({ id: 'gl-theirs', customerId: 'cust-2', bookedBy: 'tam-2' }),
        aGoLive({
          id: 'gl-i-booked',
          customerId: 'cust-2',
          bookedBy: 'tam-1',
          startsAt: '2026-05-10T08:00:00.000Z',
          endsAt: '2026-05-10T10:00:00.000Z',
        }),
      ],
      trainingDays: [aTrainingDay({ id: 'td-2', customerId: 'cust-2' })],
    };
    const uids = parseCalendar(myScheduleCalendar([mine, theirs], 'tam-1', now)).events.map(
      (event) => event.uid,
    );
    expect(uids.sort()).toEqual(
      [
        reviewSeriesUid('series-1'),
        goLiveUid('gl-1'),
        goLiveUid('gl-i-booked'),
        trainingDayUid('td-1'),
      ].sort(),
    );
  });
});

const HOUR_MS = 3_600_000;

/**
 * How ical.js reads a time the clocks show twice (the autumn change): as the second of the two,
 * an hour later. RFC 5545 (3.3.5) and the console take the first; the file says the wall-clock time
 * with its TZID, which is all RFC 5545 allows, so only this parser's reading is adjusted here.
 */
function asIcalJsReads([start, end]: [string, string], zone: string): [string, string] {
  const wallClock = (iso: string) => DateTime.fromISO(iso, { zone }).toFormat('yyyy-MM-dd HH:mm');
  const later = new Date(Date.parse(start) + HOUR_MS).toISOString();
  if (wallClock(later) !== wallClock(start)) return [start, end];
  return [later, new Date(Date.parse(end) + HOUR_MS).toISOString()];
}

describe('calendar export against the review cadence (property)', () => {
  const zones = [
    'Europe/Zurich',
    'America/New_York',
    'Australia/Sydney',
    'Asia/Kolkata',
    'America/Sao_Paulo',
  ];
  it('every occurrence the core cadence computes appears, at the same time, in the parsed expansion', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 0, max: 95 }),
        fc.integer({ min: 1, max: 4 }),
        fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 30 }),
            fc.constantFrom('missed', 'cancelled', 'moved', 'held'),
            fc.integer({ min: -600, max: 600 }),
          ),
          { maxLength: 6 },
        ),
        (zone, dayOffset, quarter, intervalWeeks, occurrences, actions) => {
          const firstDate = new Date(Date.UTC(2025, 0, 1) + dayOffset * 86_400_000)
            .toISOString()
            .slice(0, 10);
          const localTime = `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`;
          const endDate =
            occurrences === null
              ? null
              : new Date(
                  Date.parse(`${firstDate}T00:00:00Z`) +
                    (occurrences - 1) * intervalWeeks * 7 * 86_400_000 +
                    86_400_000,
                )
                  .toISOString()
                  .slice(0, 10);
          const series = aSeries({ firstDate, localTime, timeZone: zone, intervalWeeks, endDate });
          const from = '2024-12-01T00:00:00.000Z';
          const to = '2027-06-01T00:00:00.000Z';
          const scheduled = occurrencesBetween(series, from, to);
          const calls: ReviewCall[] = [];
          for (const [index, status, shiftMinutes] of actions) {
            const occurrence = scheduled[index];
            if (!occurrence || calls.some((call) => call.occurrenceDate === occurrence.occurrenceDate))
              continue;
            const startsAt =
              status === 'moved' || status === 'held'
                ? new Date(Date.parse(occurrence.startsAt) + shiftMinutes * 60_000).toISOString()
                : occurrence.startsAt;
            calls.push(
              aCall({
                occurrenceDate: occurrence.occurrenceDate,
                status: status as ReviewCall['status'],
                startsAt,
              }),
            );
          }
          const expected = scheduled
            .map((occurrence) =>
              effectiveOccurrence(
                occurrence,
                series,
                calls.find((call) => call.occurrenceDate === occurrence.occurrenceDate) ?? null,
              ),
            )
            .filter((occurrence) => occurrence.state !== 'missed' && occurrence.state !== 'cancelled')
            .map((occurrence) => [occurrence.effectiveStartsAt, occurrence.effectiveEndsAt])
            .sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1));
          const text = customerCalendar(
            bookWith({ reviewSeries: [series], reviewCalls: calls }),
            '2025-01-01T00:00:00.000Z',
          );
          const parsed = parseCalendar(text).expand(from, to);
          // Moves across `to` are not compared; the range is wide enough that none of those matter.
          const inRange = expected.filter(([start]) => (start ?? '') < to && (start ?? '') >= from);
          expect(parsed.map((call) => [call.start, call.end])).toEqual(
            inRange.map((occurrence) => asIcalJsReads(occurrence as [string, string], zone)),
          );
          expect(parsed.every((call) => call.zone === zone)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});
