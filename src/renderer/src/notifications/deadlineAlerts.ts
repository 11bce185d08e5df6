// Which deadlines deserve a desktop notification now: a review call within the hour, a Go Live
// within 24 h, a response objective about to be missed. Keyed so each is announced once.
import type { TFunction } from 'i18next';
import type { CustomerStatus } from '../../../core/customerStatus';
import type { CustomerBook } from '../../../core/records';
import { HOUR_MS, toInstant, type Instant, type ZoneName } from '../../../core/time';
import type { NotificationRequest } from '../../../preload/api';
import { formatDuration, formatShortInstant, minutesUntil } from '../time/zonedFormat';

export type DeadlineAlert = NotificationRequest & { key: string };

export type AlertInput = {
  books: readonly CustomerBook[];
  statusOf(book: CustomerBook): CustomerStatus;
  now: Instant;
  me: { userId: string; timeZone: ZoneName };
  /** The words, in the chosen language. */
  t: TFunction;
};

export function deadlineAlerts({ books, statusOf, now, me, t }: AlertInput): DeadlineAlert[] {
  const alerts: DeadlineAlert[] = [];
  const inAnHour = toInstant(Date.parse(now) + HOUR_MS);
  const inADay = toInstant(Date.parse(now) + 24 * HOUR_MS);
  for (const book of books) {
    if (book.customer.tamUserId !== me.userId) continue;
    const name = book.customer.name;
    const status = statusOf(book);
    for (const call of status.cadence.upcoming) {
      if (call.effectiveStartsAt <= now || call.effectiveStartsAt > inAnHour) continue;
      alerts.push({
        key: `call|${call.seriesId}|${call.occurrenceDate}|${call.effectiveStartsAt}`,
        kind: 'review-call',
        title: t('alerts.callTitle', {
          customer: name,
          duration: formatDuration(minutesUntil(call.effectiveStartsAt, now)),
        }),
        body: t('alerts.callBody', { time: formatShortInstant(call.effectiveStartsAt, me.timeZone) }),
      });
    }
    for (const booking of book.goLiveBookings) {
      if (booking.status !== 'booked' || booking.startsAt <= now || booking.startsAt > inADay) continue;
      alerts.push({
        key: `golive|${booking.id}|${booking.startsAt}`,
        kind: 'go-live',
        title: t('alerts.goLiveTitle', {
          customer: name,
          duration: formatDuration(minutesUntil(booking.startsAt, now)),
        }),
        body: t('alerts.goLiveBody', {
          title: booking.title,
          time: formatShortInstant(booking.startsAt, me.timeZone),
        }),
      });
    }
    for (const objective of status.openObjectives) {
      if (objective.answeredAt !== null || objective.status !== 'at-risk') continue;
      alerts.push({
        key: `objective|${objective.ticketId}|${objective.kind}|${objective.escalationId ?? ''}|${objective.deadline}`,
        kind: 'response-objective',
        title: t('alerts.objectiveTitle', {
          customer: name,
          duration: formatDuration(objective.minutesRemaining ?? 0),
        }),
        body: t('alerts.objectiveBody', {
          title: objective.title,
          time: formatShortInstant(objective.deadline, me.timeZone),
        }),
      });
    }
  }
  return alerts;
}
