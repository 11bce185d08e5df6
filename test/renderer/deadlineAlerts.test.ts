// Which deadlines are announced: a review call within the hour, a Go Live within 24 h, and a
// response objective at risk; each under a key so it is announced once.
import { describe, expect, it } from 'vitest';
import { customerStatus } from '../../src/core/customerStatus';
import { planTemplates } from '../../src/core/plans';
import type { CustomerBook, GoLiveBooking, Ticket } from '../../src/core/records';
import { translatorFor } from '../../src/renderer/src/i18n/resources';
import { deadlineAlerts } from '../../src/renderer/src/notifications/deadlineAlerts';
import { aBook } from '../support/fixtures';

const now = '2026-04-01T08:00:00.000Z';
const me = { userId: 'tam-1', timeZone: 'Europe/Zurich' };

function goLive(id: string, startsAt: string): GoLiveBooking {
  return {
    id,
    customerId: 'cust-1',
    projectId: null,
    title: id,
    requestedAt: '2026-03-01T08:00:00.000Z',
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
    timeZone: 'Europe/Zurich',
    status: 'booked',
    cancelledAt: null,
    billableAccepted: false,
    reservationId: null,
    bookedBy: 'tam-1',
    notes: '',
  };
}

function ticketOpenedAt(openedAt: string): Ticket {
  return {
    id: 'ticket-1',
    customerId: 'cust-1',
    projectId: null,
    title: 'Checkout is down',
    openedAt,
    severityHistory: [{ severity: 'business-critical-down', at: openedAt, by: 'tam-1', reason: '' }],
    firstResponseAt: null,
    awaitingCustomerSince: null,
    escalations: [],
    status: 'open',
    resolvedAt: null,
    resolution: null,
    customerConfirmedAt: null,
  };
}

function alertsFor(book: CustomerBook) {
  return deadlineAlerts({
    books: [book],
    statusOf: (b) => customerStatus(b, planTemplates, now),
    now,
    me,
    t: translatorFor('en'),
  });
}

describe('deadline notifications', () => {
  it('announce a Go Live starting within 24 hours, not one two days away', () => {
    const book = {
      ...aBook(),
      goLiveBookings: [
        goLive('tomorrow', '2026-04-02T07:00:00.000Z'),
        goLive('later', '2026-04-03T09:00:00.000Z'),
      ],
    };
    const alerts = alertsFor(book);
    expect(alerts.map((alert) => [alert.kind, alert.key])).toEqual([
      ['go-live', 'golive|tomorrow|2026-04-02T07:00:00.000Z'],
    ]);
    expect(alerts[0]?.title).toBe('Go Live for Helvetia Payments AG in 23 h');
  });

  it('announce an unanswered objective close to its deadline, not one with time to spare', () => {
    // Business-critical: 15 min, at risk from the start; production down: 60 min, at risk in its last 15.
    const critical = ticketOpenedAt('2026-04-01T07:55:00.000Z');
    const down: Ticket = {
      ...ticketOpenedAt('2026-04-01T07:55:00.000Z'),
      id: 'ticket-2',
      severityHistory: [
        { severity: 'production-down', at: '2026-04-01T07:55:00.000Z', by: 'tam-1', reason: '' },
      ],
    };
    const alerts = alertsFor({ ...aBook(), tickets: [critical, down] });
    expect(alerts.map((alert) => alert.key)).toEqual([
      'objective|ticket-1|initial-response||2026-04-01T08:10:00.000Z',
    ]);
    expect(alerts[0]?.title).toBe('Response due for Helvetia Payments AG in 10 min');
  });

  it('leave out customers of other TAMs', () => {
    const theirs = {
      ...aBook({ tamUserId: 'tam-2' }),
      goLiveBookings: [goLive('tomorrow', '2026-04-02T07:00:00.000Z')],
    };
    expect(alertsFor(theirs)).toEqual([]);
  });
});
