// What the Today view lists, from books and `now`, with the rules left to the core.
import { describe, expect, it } from 'vitest';
import { customerStatus } from '../../src/core/customerStatus';
import { planTemplates } from '../../src/core/plans';
import type { CustomerBook, GoLiveBooking, ReviewSeries } from '../../src/core/records';
import { todayDigest } from '../../src/renderer/src/today/todayDigest';
import { aBook } from '../support/fixtures';

// Wednesday 1 April 2026, 10:00 in Zurich.
const now = '2026-04-01T08:00:00.000Z';
const me = { userId: 'tam-1', timeZone: 'Europe/Zurich' };

function booking(id: string, startsAt: string, endsAt: string): GoLiveBooking {
  return {
    id,
    customerId: 'cust-1',
    projectId: null,
    title: id,
    requestedAt: '2026-03-01T08:00:00.000Z',
    startsAt,
    endsAt,
    timeZone: 'Europe/Zurich',
    status: 'booked',
    cancelledAt: null,
    billableAccepted: false,
    reservationId: null,
    bookedBy: 'tam-1',
    notes: '',
  };
}

const series: ReviewSeries = {
  id: 'series-1',
  customerId: 'cust-1',
  tamUserId: 'tam-1',
  firstDate: '2026-03-02',
  localTime: '10:00',
  timeZone: 'Europe/Zurich',
  durationMinutes: 60,
  intervalWeeks: 1,
  endDate: null,
};

function digestOf(books: CustomerBook[], scope: 'mine' | 'team' = 'mine') {
  return todayDigest({
    books,
    statusOf: (book) => customerStatus(book, planTemplates, now),
    templates: planTemplates,
    now,
    me,
    scope,
  });
}

describe('the Today digest', () => {
  it('lists a Go Live whose 72-hour mark comes within two days, and one starting this week', () => {
    const book: CustomerBook = {
      ...aBook(),
      goLiveBookings: [
        // Starts in 100 h: its 72-hour mark is 28 h away.
        booking('soon', '2026-04-05T12:00:00.000Z', '2026-04-05T14:00:00.000Z'),
        // Starts in ten days: nothing to do yet.
        booking('later', '2026-04-11T08:00:00.000Z', '2026-04-11T10:00:00.000Z'),
      ],
    };
    const digest = digestOf([book]);
    expect(digest.freeCancellationClosing.map((item) => [item.booking.id, item.closesAt])).toEqual([
      ['soon', '2026-04-02T12:00:00.000Z'],
    ]);
    expect(digest.goLives.map((item) => item.booking.id)).toEqual(['soon']);
  });

  it('shows my calls still ahead this week and next, and the ones that ended unlogged', () => {
    const book: CustomerBook = { ...aBook(), reviewSeries: [series] };
    const digest = digestOf([book]);
    // This week's Monday call (30 March) ended and was never logged; next week's is on 6 April.
    expect(digest.calls.map((item) => item.occurrence.occurrenceDate)).toEqual(['2026-03-30', '2026-04-06']);
    expect(digest.cadences.map((item) => item.status)).toEqual(['overdue']);
  });

  it("leaves out another TAM's customers unless the team is asked for", () => {
    const theirs: CustomerBook = {
      ...aBook({ tamUserId: 'tam-2' }),
      reviewSeries: [{ ...series, tamUserId: 'tam-2' }],
    };
    expect(digestOf([theirs]).calls).toEqual([]);
    expect(digestOf([theirs], 'team').calls.length).toBe(2);
  });

  it('flags an allowance with one unit left', () => {
    const used = ['2026-03-02', '2026-03-05', '2026-03-09', '2026-03-12'].map((day, index) =>
      booking(`used-${index}`, `${day}T08:00:00.000Z`, `${day}T09:00:00.000Z`),
    );
    const digest = digestOf([{ ...aBook(), goLiveBookings: used }]);
    expect(digest.allowances.find((item) => item.kind === 'goLiveEvents')).toMatchObject({
      remaining: 1,
      available: 5,
    });
  });
});
