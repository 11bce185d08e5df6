import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { ReviewCall, ReviewSeries } from '../../src/core/records';
import {
  nearestOccurrenceDates,
  occurrenceAt,
  occurrenceIndexOf,
  occurrencesBetween,
  reviewCadence,
  wallClockToInstant,
} from '../../src/core/reviewCadence';

const zurich = 'Europe/Zurich';

function aSeries(overrides: Partial<ReviewSeries> = {}): ReviewSeries {
  return {
    id: 'series-1',
    customerId: 'cust-1',
    tamUserId: 'tam-1',
    // A Tuesday.
    firstDate: '2026-01-06',
    localTime: '10:00',
    timeZone: zurich,
    durationMinutes: 60,
    intervalWeeks: 2,
    endDate: null,
    ...overrides,
  };
}

let callCounter = 0;
function aCall(
  occurrenceDate: string,
  status: ReviewCall['status'],
  startsAt: string,
  overrides: Partial<ReviewCall> = {},
): ReviewCall {
  callCounter += 1;
  return {
    id: `call-${callCounter}`,
    customerId: 'cust-1',
    seriesId: 'series-1',
    occurrenceDate,
    status,
    startsAt,
    durationMinutes: 60,
    agenda: [],
    notes: '',
    actionItems: [],
    loggedBy: 'tam-1',
    ...overrides,
  };
}

function local(instant: string, zone = zurich): string {
  return DateTime.fromISO(instant, { zone }).toFormat('ccc yyyy-MM-dd HH:mm');
}

/** Held records for every occurrence of the series that starts before `until`. */
function heldUntil(series: ReviewSeries, until: string): ReviewCall[] {
  return occurrencesBetween(series, '2020-01-01T00:00:00.000Z', until).map((occurrence) =>
    aCall(occurrence.occurrenceDate, 'held', occurrence.startsAt, { seriesId: series.id }),
  );
}

describe('when review calls fall', () => {
  it('a series at 10:00 Zurich stays at 10:00 local across the spring change', () => {
    const series = aSeries({ firstDate: '2026-03-17' });
    const occurrences = occurrencesBetween(series, '2026-03-01T00:00:00.000Z', '2026-04-20T00:00:00.000Z');
    expect(occurrences.map((o) => o.startsAt)).toEqual([
      '2026-03-17T09:00:00.000Z', // CET, UTC+1
      '2026-03-31T08:00:00.000Z', // CEST, UTC+2
      '2026-04-14T08:00:00.000Z',
    ]);
    expect(occurrences.map((o) => local(o.startsAt))).toEqual([
      'Tue 2026-03-17 10:00',
      'Tue 2026-03-31 10:00',
      'Tue 2026-04-14 10:00',
    ]);
  });

  it('a series at 10:00 Zurich stays at 10:00 local across the autumn change', () => {
    const series = aSeries({ firstDate: '2026-10-20' });
    const occurrences = occurrencesBetween(series, '2026-10-01T00:00:00.000Z', '2026-11-10T00:00:00.000Z');
    expect(occurrences.map((o) => o.startsAt)).toEqual([
      '2026-10-20T08:00:00.000Z',
      '2026-11-03T09:00:00.000Z',
    ]);
  });

  it('a call agreed for 02:30 on the spring-change Sunday moves to 03:00, the first valid minute', () => {
    const series = aSeries({ firstDate: '2026-03-15', localTime: '02:30' });
    const [before, onChange, after] = occurrencesBetween(
      series,
      '2026-03-14T00:00:00.000Z',
      '2026-04-13T00:00:00.000Z',
    );
    expect(local(before?.startsAt ?? '')).toBe('Sun 2026-03-15 02:30');
    expect(onChange).toMatchObject({ occurrenceDate: '2026-03-29', shiftedByDaylightSaving: true });
    expect(local(onChange?.startsAt ?? '')).toBe('Sun 2026-03-29 03:00');
    expect(onChange?.startsAt).toBe('2026-03-29T01:00:00.000Z');
    expect(after).toMatchObject({ occurrenceDate: '2026-04-12', shiftedByDaylightSaving: false });
  });

  it('a call at 02:30 on the autumn-change Sunday takes the first of the two 02:30s', () => {
    expect(wallClockToInstant('2026-10-25', '02:30', zurich)).toEqual({
      instant: '2026-10-25T00:30:00.000Z',
      shifted: false,
    });
  });

  it('a call in Sao Paulo keeps its local time when New York changes its clocks', () => {
    const series = aSeries({ firstDate: '2026-03-03', localTime: '09:00', timeZone: 'America/Sao_Paulo' });
    const starts = occurrencesBetween(series, '2026-03-01T00:00:00.000Z', '2026-03-20T00:00:00.000Z').map(
      (o) => o.startsAt,
    );
    expect(starts).toEqual(['2026-03-03T12:00:00.000Z', '2026-03-17T12:00:00.000Z']);
  });

  it('the range is half-open: a call starting exactly at its end is left for the next range', () => {
    const series = aSeries();
    const start = '2026-01-20T09:00:00.000Z';
    expect(occurrencesBetween(series, '2026-01-19T00:00:00.000Z', start)).toEqual([]);
    expect(occurrencesBetween(series, start, '2026-01-21T00:00:00.000Z').map((o) => o.startsAt)).toEqual([
      start,
    ]);
  });

  it('there are no calls before the first date or on and after the end date', () => {
    const series = aSeries({ endDate: '2026-02-03' });
    const occurrences = occurrencesBetween(series, '2025-06-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z');
    expect(occurrences.map((o) => o.occurrenceDate)).toEqual(['2026-01-06', '2026-01-20']);
  });

  it('a date between two calls is not a call date, and the nearest ones are named', () => {
    const series = aSeries();
    expect(occurrenceIndexOf(series, '2026-01-20')).toBe(1);
    expect(occurrenceAt(series, '2026-01-13')).toBeNull();
    expect(occurrenceAt(series, '2026-01-05')).toBeNull();
    expect(nearestOccurrenceDates(series, '2026-01-13')).toEqual({
      before: '2026-01-06',
      after: '2026-01-20',
    });
    expect(nearestOccurrenceDates(series, '2025-12-01')).toEqual({ before: null, after: '2026-01-06' });
  });

  it('an occurrence far in the future is computed without walking the series', () => {
    const series = aSeries({ firstDate: '2000-01-04' });
    const occurrences = occurrencesBetween(series, '2040-06-01T00:00:00.000Z', '2040-06-20T00:00:00.000Z');
    expect(occurrences).toHaveLength(1);
    expect(local(occurrences[0]?.startsAt ?? '')).toMatch(/^Tue 2040-06-\d\d 10:00$/);
  });
});

describe('the review cadence', () => {
  it('a customer whose calls are all logged is on track, with the next call ahead', () => {
    const series = aSeries();
    const now = '2026-03-05T12:00:00.000Z';
    const cadence = reviewCadence([series], heldUntil(series, now), now);
    expect(cadence.status).toBe('on-track');
    expect(cadence.overdue).toEqual([]);
    expect(cadence.nextCall).toMatchObject({ occurrenceDate: '2026-03-17', state: 'scheduled' });
    expect(cadence.lastHeld?.occurrenceDate).toBe('2026-03-03');
    expect(cadence.upcoming.map((o) => o.occurrenceDate)).toEqual(['2026-03-17']);
    expect(cadence.notScheduledForNextTwoWeeks).toBe(false);
  });

  it('an unlogged call from last week makes the cadence overdue', () => {
    const series = aSeries();
    const calls = heldUntil(series, '2026-03-01T00:00:00.000Z');
    // The call of Tuesday 3 March was never logged; it is now Monday 9 March.
    const cadence = reviewCadence([series], calls, '2026-03-09T08:00:00.000Z');
    expect(cadence.status).toBe('overdue');
    expect(cadence.overdue.map((o) => [o.occurrenceDate, o.state])).toEqual([['2026-03-03', 'scheduled']]);
  });

  it('a call that is still running is not yet overdue', () => {
    const series = aSeries();
    const calls = heldUntil(series, '2026-03-01T00:00:00.000Z');
    const during = reviewCadence([series], calls, '2026-03-03T09:30:00.000Z');
    expect(during.overdue).toEqual([]);
    expect(during.nextCall?.occurrenceDate).toBe('2026-03-03');
    const justAfter = reviewCadence([series], calls, '2026-03-03T10:00:01.000Z');
    expect(justAfter.status).toBe('overdue');
  });

  it('a call moved to Thursday is due on Thursday', () => {
    const series = aSeries();
    const calls = [
      ...heldUntil(series, '2026-03-01T00:00:00.000Z'),
      // Tuesday 3 March 10:00 moved to Thursday 5 March 10:00 Zurich.
      aCall('2026-03-03', 'moved', '2026-03-05T09:00:00.000Z'),
    ];
    const tuesdayAfternoon = reviewCadence([series], calls, '2026-03-03T14:00:00.000Z');
    expect(tuesdayAfternoon.status).toBe('on-track');
    expect(tuesdayAfternoon.nextCall).toMatchObject({
      occurrenceDate: '2026-03-03',
      state: 'moved',
      effectiveStartsAt: '2026-03-05T09:00:00.000Z',
      effectiveEndsAt: '2026-03-05T10:00:00.000Z',
    });
    expect(local(tuesdayAfternoon.nextCall?.effectiveStartsAt ?? '')).toBe('Thu 2026-03-05 10:00');
    const thursdayAfternoon = reviewCadence([series], calls, '2026-03-05T14:00:00.000Z');
    expect(thursdayAfternoon.status).toBe('overdue');
    expect(thursdayAfternoon.overdue.map((o) => o.effectiveStartsAt)).toEqual(['2026-03-05T09:00:00.000Z']);
  });

  it('a call moved later does not hide an earlier one, and no longer counts for the next two weeks', () => {
    const series = aSeries();
    const calls = [
      ...heldUntil(series, '2026-03-01T00:00:00.000Z'),
      // 3 March moved to 18 March, after the call of 17 March.
      aCall('2026-03-03', 'moved', '2026-03-18T09:00:00.000Z'),
    ];
    const cadence = reviewCadence([series], calls, '2026-03-02T12:00:00.000Z');
    expect(cadence.nextCall?.occurrenceDate).toBe('2026-03-17');
    expect(cadence.upcoming).toEqual([]);
    expect(cadence.notScheduledForNextTwoWeeks).toBe(true);
  });

  it('a call moved from before the look-back window into it counts at its new time', () => {
    const series = aSeries();
    const now = '2026-05-20T12:00:00.000Z';
    const calls = [
      ...heldUntil(series, now).filter((call) => call.occurrenceDate !== '2026-01-06'),
      aCall('2026-01-06', 'moved', '2026-05-19T08:00:00.000Z'),
    ];
    const cadence = reviewCadence([series], calls, now);
    expect(cadence.overdue.map((o) => [o.occurrenceDate, o.effectiveStartsAt])).toEqual([
      ['2026-01-06', '2026-05-19T08:00:00.000Z'],
    ]);
  });

  it('a missed call is visible', () => {
    const series = aSeries();
    const calls = [
      ...heldUntil(series, '2026-03-01T00:00:00.000Z'),
      aCall('2026-03-03', 'missed', '2026-03-03T09:00:00.000Z'),
    ];
    const cadence = reviewCadence([series], calls, '2026-03-05T12:00:00.000Z');
    expect(cadence.status).toBe('missed');
    expect(cadence.missedInLast90Days).toBe(1);
    expect(cadence.overdue).toEqual([]);

    const heldSince = [...calls, aCall('2026-03-17', 'held', '2026-03-17T09:00:00.000Z')];
    const later = reviewCadence([series], heldSince, '2026-03-20T12:00:00.000Z');
    expect(later.status).toBe('on-track');
    expect(later.missedInLast90Days).toBe(1);
  });

  it('a missed call older than 90 days no longer counts as recently missed', () => {
    const series = aSeries();
    const calls = [
      ...heldUntil(series, '2026-07-01T00:00:00.000Z').filter((call) => call.occurrenceDate !== '2026-01-20'),
      aCall('2026-01-20', 'missed', '2026-01-20T09:00:00.000Z'),
    ];
    expect(reviewCadence([series], calls, '2026-04-01T12:00:00.000Z').missedInLast90Days).toBe(1);
    expect(reviewCadence([series], calls, '2026-04-21T12:00:00.000Z').missedInLast90Days).toBe(0);
  });

  it('a cancelled call is neither due nor overdue', () => {
    const series = aSeries();
    const calls = [
      ...heldUntil(series, '2026-03-01T00:00:00.000Z'),
      aCall('2026-03-03', 'cancelled', '2026-03-03T09:00:00.000Z'),
      aCall('2026-03-17', 'cancelled', '2026-03-17T09:00:00.000Z'),
    ];
    const cadence = reviewCadence([series], calls, '2026-03-09T12:00:00.000Z');
    expect(cadence.overdue).toEqual([]);
    expect(cadence.status).toBe('on-track');
    expect(cadence.upcoming).toEqual([]);
    expect(cadence.notScheduledForNextTwoWeeks).toBe(true);
    expect(cadence.nextCall?.occurrenceDate).toBe('2026-03-31');
  });

  it('a customer with no call in the next two weeks is flagged', () => {
    const fourWeekly = aSeries({ intervalWeeks: 4 });
    const now = '2026-02-05T12:00:00.000Z';
    const cadence = reviewCadence([fourWeekly], heldUntil(fourWeekly, now), now);
    expect(cadence.nextCall?.occurrenceDate).toBe('2026-03-03');
    expect(cadence.notScheduledForNextTwoWeeks).toBe(true);
    expect(cadence.status).toBe('on-track');
  });

  it('a customer without a review series is not scheduled', () => {
    const cadence = reviewCadence([], [], '2026-03-05T12:00:00.000Z');
    expect(cadence).toMatchObject({
      status: 'not-scheduled',
      nextCall: null,
      notScheduledForNextTwoWeeks: true,
      lastHeld: null,
    });
  });

  it('a series that has ended leaves the customer not scheduled', () => {
    const series = aSeries({ endDate: '2026-02-01' });
    const cadence = reviewCadence(
      [series],
      heldUntil(series, '2026-02-01T00:00:00.000Z'),
      '2026-03-05T12:00:00.000Z',
    );
    expect(cadence.status).toBe('not-scheduled');
    expect(cadence.lastHeld?.occurrenceDate).toBe('2026-01-20');
  });

  it('an unlogged call older than the look-back window no longer makes the cadence overdue', () => {
    const series = aSeries();
    const calls = heldUntil(series, '2026-06-01T00:00:00.000Z').filter(
      (call) => call.occurrenceDate !== '2026-03-03',
    );
    expect(reviewCadence([series], calls, '2026-04-20T12:00:00.000Z').status).toBe('overdue');
    expect(reviewCadence([series], calls, '2026-05-05T12:00:00.000Z').status).toBe('on-track');
    expect(
      reviewCadence([series], calls, '2026-05-05T12:00:00.000Z', { overdueLookbackWeeks: 12 }).overdue.map(
        (o) => o.occurrenceDate,
      ),
    ).toEqual(['2026-03-03']);
  });

  it('an unlogged call outranks a missed one in the status', () => {
    const series = aSeries();
    const calls = [
      ...heldUntil(series, '2026-02-15T00:00:00.000Z'),
      aCall('2026-03-03', 'missed', '2026-03-03T09:00:00.000Z'),
    ];
    // 17 February was never logged; 3 March was missed.
    const cadence = reviewCadence([series], calls, '2026-03-05T12:00:00.000Z');
    expect(cadence.status).toBe('overdue');
    expect(cadence.overdue.map((o) => o.occurrenceDate)).toEqual(['2026-02-17']);
    expect(cadence.missedInLast90Days).toBe(1);
  });

  it('a replaced series and its successor are read together', () => {
    const old = aSeries({ endDate: '2026-03-05' });
    const current = aSeries({ id: 'series-2', firstDate: '2026-03-05', localTime: '14:00' });
    const calls = heldUntil(old, '2026-03-05T00:00:00.000Z');
    const cadence = reviewCadence([old, current], calls, '2026-03-04T12:00:00.000Z');
    expect(cadence.status).toBe('on-track');
    expect(cadence.nextCall).toMatchObject({ seriesId: 'series-2', startsAt: '2026-03-05T13:00:00.000Z' });
  });

  it('the same records give the same cadence as a book or as lists', () => {
    const series = aSeries();
    const calls = heldUntil(series, '2026-02-15T00:00:00.000Z');
    const now = '2026-03-05T12:00:00.000Z';
    expect(reviewCadence({ reviewSeries: [series], reviewCalls: calls }, now)).toEqual(
      reviewCadence([series], calls, now),
    );
  });
});
