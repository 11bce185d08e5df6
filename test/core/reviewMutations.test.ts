import { describe, expect, it } from 'vitest';
import { mutationNames, runMutation, type MutationOutcome } from '../../src/core/mutations';
import type { CustomerBook, ReviewCall, ReviewSeries } from '../../src/core/records';
import { reviewCadence } from '../../src/core/reviewCadence';
import { aBook, aContext } from '../support/fixtures';

const now = '2026-03-12T15:00:00.000Z';

function run(
  name: string,
  args: unknown,
  book: CustomerBook | null,
  options: { now?: string; role?: 'tam' | 'lead' | 'advisor' } = {},
): MutationOutcome {
  return runMutation(
    { name, version: 1, args },
    () => book,
    aContext(options.now ?? now, options.role ?? 'tam'),
  );
}

/** Applies an outcome's puts to a book, the way a store would. */
function applyTo(book: CustomerBook, outcome: MutationOutcome): CustomerBook {
  if (!outcome.ok) throw new Error(outcome.rejection.message);
  let next = book;
  for (const change of outcome.changes.put) {
    if (change.table === 'reviewSeries') {
      next = {
        ...next,
        reviewSeries: [...next.reviewSeries.filter((s) => s.id !== change.record.id), change.record],
      };
    } else if (change.table === 'reviewCalls') {
      next = {
        ...next,
        reviewCalls: [...next.reviewCalls.filter((c) => c.id !== change.record.id), change.record],
      };
    } else if (change.table === 'tamTimeEntries') {
      next = { ...next, tamTimeEntries: [...next.tamTimeEntries, change.record] };
    }
  }
  return next;
}

function puts<T>(outcome: MutationOutcome, table: string): T[] {
  if (!outcome.ok) throw new Error(outcome.rejection.message);
  return outcome.changes.put.filter((change) => change.table === table).map((change) => change.record as T);
}

const scheduleArgs = {
  id: 'series-1',
  customerId: 'cust-1',
  tamUserId: 'tam-1',
  // Tuesdays, from 3 February 2026.
  firstDate: '2026-02-03',
  localTime: '10:00',
  durationMinutes: 60,
};

/** A customer on Identity Custom (4 TAM hours a week) with a fortnightly Tuesday series. */
function bookWithSeries(): CustomerBook {
  const book = aBook({}, { planId: 'identity-custom' });
  return applyTo(book, run('scheduleReviewSeries', scheduleArgs, book));
}

describe('scheduling review calls', () => {
  it("a series is scheduled every other week in the customer's zone", () => {
    const outcome = run('scheduleReviewSeries', scheduleArgs, aBook());
    const [series] = puts<ReviewSeries>(outcome, 'reviewSeries');
    expect(series).toMatchObject({ intervalWeeks: 2, timeZone: 'Europe/Zurich', endDate: null });
    expect(outcome.ok && outcome.summary).toBe(
      'Review calls with Helvetia Payments AG every 2 weeks on Tuesday at 10:00 (Europe/Zurich) from 2026-02-03',
    );
  });

  it('a first call at a time the spring change skips is refused', () => {
    const outcome = run(
      'scheduleReviewSeries',
      { ...scheduleArgs, firstDate: '2026-03-29', localTime: '02:30' },
      aBook(),
    );
    expect(!outcome.ok && outcome.rejection).toMatchObject({ code: 'invalid-input', field: 'localTime' });
    expect(!outcome.ok && outcome.rejection.message).toContain('does not exist in Europe/Zurich');
  });

  it('scheduling a new series ends the old one the day before the new first date', () => {
    const book = bookWithSeries();
    const outcome = run(
      'scheduleReviewSeries',
      { ...scheduleArgs, id: 'series-2', firstDate: '2026-03-19', localTime: '14:00', intervalWeeks: 3 },
      book,
    );
    const series = puts<ReviewSeries>(outcome, 'reviewSeries');
    expect(series.map((s) => [s.id, s.endDate])).toEqual([
      ['series-2', null],
      ['series-1', '2026-03-19'],
    ]);
    expect(outcome.ok && outcome.summary).toContain('ends series series-1, whose last call is on 2026-03-17');
  });

  it('a series is not replaced from a date on which one of its calls was already held', () => {
    let book = bookWithSeries();
    book = applyTo(
      book,
      run(
        'logReviewCall',
        { id: 'call-1', customerId: 'cust-1', seriesId: 'series-1', occurrenceDate: '2026-03-03' },
        book,
      ),
    );
    const outcome = run(
      'scheduleReviewSeries',
      { ...scheduleArgs, id: 'series-2', firstDate: '2026-03-01' },
      book,
    );
    expect(!outcome.ok && outcome.rejection).toMatchObject({ code: 'schedule-conflict', field: 'firstDate' });
  });

  it('an ended series has no calls from its end date', () => {
    const book = bookWithSeries();
    const outcome = run(
      'endReviewSeries',
      { customerId: 'cust-1', seriesId: 'series-1', endDate: '2026-04-01' },
      book,
    );
    expect(outcome.ok && outcome.summary).toBe(
      'Ended review series series-1: no calls from 2026-04-01 (the last is on 2026-03-31)',
    );
    const ended = applyTo(book, outcome);
    expect(reviewCadence(ended, '2026-04-02T12:00:00.000Z').nextCall).toBeNull();
    const again = run(
      'endReviewSeries',
      { customerId: 'cust-1', seriesId: 'series-1', endDate: '2026-05-01' },
      ended,
    );
    expect(!again.ok && again.rejection.code).toBe('invalid-transition');
  });
});

describe('logging review calls', () => {
  it('a held call is logged at its scheduled time by the TAM who logs it', () => {
    const book = bookWithSeries();
    const outcome = run(
      'logReviewCall',
      {
        id: 'call-1',
        customerId: 'cust-1',
        seriesId: 'series-1',
        occurrenceDate: '2026-03-03',
        durationMinutes: 50,
        agenda: [{ topic: 'complex-tickets', text: 'SSO outage follow-up' }],
        actionItems: [{ text: 'Share the runbook' }],
      },
      book,
    );
    const [call] = puts<ReviewCall>(outcome, 'reviewCalls');
    expect(call).toMatchObject({
      status: 'held',
      startsAt: '2026-03-03T09:00:00.000Z',
      durationMinutes: 50,
      loggedBy: 'tam-1',
    });
    expect(outcome.ok && outcome.summary).toBe(
      'Logged the review call of 2026-03-03 as held: 50 min from Tue 3 Mar 2026, 10:00, 1 action item; ' +
        'week of Mon 2 Mar 2026: 50 min of 4 h budget, 3 h 10 min left',
    );
    expect(reviewCadence(applyTo(book, outcome), now).lastHeld?.id).toBe('call-1');
  });

  it('a date that is not a call date of the series is refused, naming the nearest ones', () => {
    const outcome = run(
      'logReviewCall',
      { id: 'call-1', customerId: 'cust-1', seriesId: 'series-1', occurrenceDate: '2026-03-05' },
      bookWithSeries(),
    );
    expect(!outcome.ok && outcome.rejection).toMatchObject({
      code: 'invalid-input',
      field: 'occurrenceDate',
      numbers: { before: '2026-03-03', after: '2026-03-17' },
    });
    expect(!outcome.ok && outcome.rejection.message).toContain('the nearest is 2026-03-03 or 2026-03-17');
  });

  it('a call cannot be logged as held before it starts', () => {
    const outcome = run(
      'logReviewCall',
      { id: 'call-1', customerId: 'cust-1', seriesId: 'series-1', occurrenceDate: '2026-03-17' },
      bookWithSeries(),
    );
    expect(!outcome.ok && outcome.rejection).toMatchObject({
      code: 'invalid-input',
      numbers: { minutesAhead: 6840 },
    });
  });

  it('a call moved to Thursday is logged at its new time under the same record', () => {
    let book = bookWithSeries();
    const move = run(
      'moveReviewCall',
      {
        id: 'call-1',
        customerId: 'cust-1',
        seriesId: 'series-1',
        occurrenceDate: '2026-03-03',
        toDate: '2026-03-05',
        toTime: '11:30',
      },
      book,
    );
    expect(move.ok && move.summary).toBe(
      'Moved the review call of Tue 3 Mar 2026 to Thu 5 Mar 2026, 11:30 (Europe/Zurich)',
    );
    book = applyTo(book, move);
    const log = run(
      'logReviewCall',
      { id: 'call-other', customerId: 'cust-1', seriesId: 'series-1', occurrenceDate: '2026-03-03' },
      book,
    );
    const [call] = puts<ReviewCall>(log, 'reviewCalls');
    expect(call).toMatchObject({ id: 'call-1', status: 'held', startsAt: '2026-03-05T10:30:00.000Z' });
  });

  it('a move to a local time the clocks skip is refused', () => {
    const outcome = run(
      'moveReviewCall',
      {
        id: 'call-1',
        customerId: 'cust-1',
        seriesId: 'series-1',
        occurrenceDate: '2026-03-31',
        toDate: '2026-03-29',
        toTime: '02:15',
      },
      bookWithSeries(),
    );
    expect(!outcome.ok && outcome.rejection).toMatchObject({ code: 'invalid-input', field: 'toTime' });
  });

  it('a held call cannot be moved, missed or cancelled afterwards', () => {
    let book = bookWithSeries();
    const key = { customerId: 'cust-1', seriesId: 'series-1', occurrenceDate: '2026-03-03' };
    book = applyTo(book, run('logReviewCall', { id: 'call-1', ...key }, book));
    for (const [name, extra] of [
      ['moveReviewCall', { toDate: '2026-03-04', toTime: '10:00' }],
      ['missReviewCall', {}],
      ['cancelReviewCall', {}],
    ] as const) {
      const outcome = run(name, { id: 'call-2', ...key, ...extra }, book);
      expect(!outcome.ok && outcome.rejection.code).toBe('invalid-transition');
    }
  });

  it('a call is marked missed only once its time has passed', () => {
    const book = bookWithSeries();
    const early = run(
      'missReviewCall',
      { id: 'call-1', customerId: 'cust-1', seriesId: 'series-1', occurrenceDate: '2026-03-17' },
      book,
    );
    expect(!early.ok && early.rejection.code).toBe('invalid-transition');
    const missed = run(
      'missReviewCall',
      {
        id: 'call-1',
        customerId: 'cust-1',
        seriesId: 'series-1',
        occurrenceDate: '2026-03-03',
        notes: 'No one joined',
      },
      book,
    );
    expect(puts<ReviewCall>(missed, 'reviewCalls')[0]).toMatchObject({
      status: 'missed',
      startsAt: '2026-03-03T09:00:00.000Z',
    });
    const after = applyTo(book, missed);
    expect(reviewCadence(after, now).missedInLast90Days).toBe(1);
  });

  it('a cancelled call is no longer due, and can be cancelled only once', () => {
    const book = bookWithSeries();
    const key = { id: 'call-1', customerId: 'cust-1', seriesId: 'series-1', occurrenceDate: '2026-03-17' };
    const cancel = run('cancelReviewCall', { ...key, reason: 'Customer offsite' }, book);
    expect(cancel.ok && cancel.summary).toBe(
      'Cancelled the review call of Tue 17 Mar 2026: Customer offsite',
    );
    const after = applyTo(book, cancel);
    expect(reviewCadence(after, now).nextCall?.occurrenceDate).toBe('2026-03-31');
    expect(run('cancelReviewCall', key, after).ok).toBe(false);
  });

  it('an unknown series is refused and names the field', () => {
    const outcome = run(
      'logReviewCall',
      { id: 'call-1', customerId: 'cust-1', seriesId: 'nope', occurrenceDate: '2026-03-03' },
      bookWithSeries(),
    );
    expect(!outcome.ok && outcome.rejection).toMatchObject({ code: 'not-found', field: 'seriesId' });
  });

  it('the same mutation on the same book gives the same changes (replay is deterministic)', () => {
    const book = bookWithSeries();
    const args = { id: 'call-1', customerId: 'cust-1', seriesId: 'series-1', occurrenceDate: '2026-03-03' };
    expect(run('logReviewCall', args, book)).toEqual(run('logReviewCall', args, book));
  });
});

describe('logging TAM time', () => {
  it('TAM time over the weekly budget is recorded, and the summary says by how much', () => {
    let book = bookWithSeries();
    book = applyTo(
      book,
      run(
        'logTamTime',
        { id: 'time-1', customerId: 'cust-1', date: '2026-03-10', minutes: 180, activity: 'advice' },
        book,
      ),
    );
    const outcome = run(
      'logTamTime',
      {
        id: 'time-2',
        customerId: 'cust-1',
        date: '2026-03-12',
        minutes: 90,
        activity: 'preparation',
        note: 'QBR deck',
      },
      book,
    );
    expect(puts(outcome, 'tamTimeEntries')).toHaveLength(1);
    expect(outcome.ok && outcome.summary).toBe(
      'Logged 1 h 30 min of preparation for Helvetia Payments AG on 2026-03-12; ' +
        'week of Mon 9 Mar 2026: 4 h 30 min of 4 h budget, over budget by 30 min',
    );
  });

  it('time is logged for the actor unless a lead logs it for someone else', () => {
    const book = bookWithSeries();
    const args = {
      id: 'time-1',
      customerId: 'cust-1',
      userId: 'tam-2',
      date: '2026-03-10',
      minutes: 30,
      activity: 'other',
    };
    expect(run('logTamTime', args, book).ok).toBe(false);
    expect(puts(run('logTamTime', args, book, { role: 'lead' }), 'tamTimeEntries')[0]).toMatchObject({
      userId: 'tam-2',
    });
    const { userId: _ignored, ...own } = args;
    expect(puts(run('logTamTime', own, book), 'tamTimeEntries')[0]).toMatchObject({ userId: 'tam-1' });
  });

  it('the review mutations are in the registry', () => {
    expect(mutationNames).toEqual(
      expect.arrayContaining([
        'scheduleReviewSeries',
        'endReviewSeries',
        'logReviewCall',
        'moveReviewCall',
        'missReviewCall',
        'cancelReviewCall',
        'logTamTime',
      ]),
    );
  });
});
