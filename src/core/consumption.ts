// Which records consume an allowance, and on which date. One place, so that the ledger,
// the booking rules and the server count the same things.
//
// Decision — returning a Go Live unit (ARCHITECTURE.md, "Cancelling a Go Live"): a booking
// cancelled at least 72 h before its start gives its unit back; a later cancellation keeps
// the unit consumed, because the team has already planned and staffed the window.
import type {
  BestPracticesReview,
  CustomConfiguration,
  GoLiveBooking,
  ReviewCall,
  TamTimeEntry,
  TrainingDay,
} from './records';
import { HOUR_MS, instantMillis, localDateOf, localDayNumber, type IsoDate } from './time';

export const GO_LIVE_NOTICE_HOURS = 72;
export const GO_LIVE_MAX_WINDOW_HOURS = 6;
/** A cancellation with at least this much notice returns the unit. */
export const GO_LIVE_FREE_CANCELLATION_HOURS = 72;

export function goLiveConsumesUnit(booking: GoLiveBooking): boolean {
  if (booking.status === 'booked') return true;
  if (!booking.cancelledAt) return false;
  return (
    instantMillis(booking.startsAt) - instantMillis(booking.cancelledAt) <
    GO_LIVE_FREE_CANCELLATION_HOURS * HOUR_MS
  );
}

/** The date a Go Live counts on: the day its window starts, in the customer's zone. */
export function goLiveDate(booking: GoLiveBooking): IsoDate {
  return localDateOf(booking.startsAt, booking.timeZone);
}

/** `goLiveDate` as a day number (see time.ts's localDayNumber), for loops that compare dates. */
export function goLiveDay(booking: GoLiveBooking): number {
  return localDayNumber(booking.startsAt, booking.timeZone);
}

export function bestPracticesReviewConsumes(review: BestPracticesReview): boolean {
  return review.status !== 'cancelled';
}

export function trainingDayConsumes(day: TrainingDay): boolean {
  return day.status !== 'cancelled';
}

export function customConfigurationConsumes(configuration: CustomConfiguration): boolean {
  return configuration.status !== 'cancelled';
}

/** TAM time on a date: held review calls (on their local date) and logged time entries. */
export type TamMinutes = {
  date: IsoDate;
  minutes: number;
  source: 'review-call' | 'time-entry';
  recordId: string;
};

/** Only a held review call counts as TAM time. */
export function reviewCallCountsAsTamTime(call: ReviewCall): boolean {
  return call.status === 'held';
}

/** The date a held call's TAM time counts on: the day it started, in the customer's zone. */
export function reviewCallTamDate(call: ReviewCall, timeZone: string): IsoDate {
  return localDateOf(call.startsAt, timeZone);
}

/** `reviewCallTamDate` as a day number (see time.ts's localDayNumber), for loops that compare dates. */
export function reviewCallTamDay(call: ReviewCall, timeZone: string): number {
  return localDayNumber(call.startsAt, timeZone);
}

export function tamMinutes(
  calls: readonly ReviewCall[],
  entries: readonly TamTimeEntry[],
  timeZone: string,
): TamMinutes[] {
  const out: TamMinutes[] = [];
  for (const call of calls) {
    if (!reviewCallCountsAsTamTime(call)) continue;
    out.push({
      date: reviewCallTamDate(call, timeZone),
      minutes: call.durationMinutes,
      source: 'review-call',
      recordId: call.id,
    });
  }
  for (const entry of entries) {
    out.push({ date: entry.date, minutes: entry.minutes, source: 'time-entry', recordId: entry.id });
  }
  return out;
}
