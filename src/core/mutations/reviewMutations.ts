// Review-call mutations: schedule and end a customer's series of review calls, log what became
// of each occurrence (held, moved, missed, cancelled) and log other TAM time.
//
// Decisions (ARCHITECTURE.md, "Review cadence"):
// - A customer has at most one active series. Scheduling a new one ends the old one so that its
//   last possible call day is the day before the new first date (endDate = new first date, since
//   endDate is the first day without calls), and the summary says so.
// - One ReviewCall per (series, occurrence date): acting on an occurrence again updates that
//   record under its existing id. Held and missed are facts and are not moved or cancelled
//   afterwards; a call marked missed or cancelled can still be logged as held (a correction).
// - A call is logged held or marked missed only once its (effective) start has passed; a call
//   that will not take place is cancelled.
// - TAM time over the weekly budget is recorded all the same; the summary names the overage.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { nearestOccurrenceDates, occurrenceAt, type ReviewOccurrence } from '../reviewCadence';
import {
  reviewCallSchema,
  reviewSeriesSchema,
  tamTimeEntrySchema,
  type CustomerBook,
  type ReviewCall,
  type ReviewSeries,
  type TamTimeEntry,
} from '../records';
import { reject, rejectionFromZod, type Result } from '../rejection';
import { tamHoursForWeek } from '../tamHours';
import {
  addDays,
  formatMinutes,
  instantMillis,
  instantSchema,
  isoDateSchema,
  isoWeekday,
  localDateOf,
  localTimeSchema,
  localToInstant,
  MINUTE_MS,
  type Instant,
  type IsoDate,
  type ZoneName,
} from '../time';
import { requireBook, requireNew, requireRecord } from './bookAccess';
import { applied, defineMutation, put, type MutationContext } from './mutation';

const id = z.string().min(1).max(64);
const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** A fixed locale, so the app and the server write the same summary. */
function localLabel(instant: Instant, zone: ZoneName): string {
  return DateTime.fromISO(instant, { zone }).setLocale('en-GB').toFormat('ccc d LLL yyyy, HH:mm');
}

function dateLabel(date: IsoDate): string {
  return DateTime.fromISO(date, { zone: 'utc' }).setLocale('en-GB').toFormat('ccc d LLL yyyy');
}

function everyWeeks(intervalWeeks: number): string {
  return intervalWeeks === 1 ? 'every week' : `every ${intervalWeeks} weeks`;
}

function requireSeries(book: CustomerBook, seriesId: string): Result<ReviewSeries> {
  return requireRecord(book.reviewSeries, seriesId, 'Review series', 'seriesId');
}

/** The occurrence on `date`, or a refusal that names the series' nearest call dates. */
function requireOccurrence(series: ReviewSeries, date: IsoDate): Result<ReviewOccurrence> {
  const occurrence = occurrenceAt(series, date);
  if (occurrence) return { ok: true, value: occurrence };
  const nearest = nearestOccurrenceDates(series, date);
  const options = [nearest.before, nearest.after].filter((candidate) => candidate !== null).join(' or ');
  return reject(
    'invalid-input',
    `${date} is not a call date of this series (${everyWeeks(series.intervalWeeks)} on ` +
      `${weekdayNames[isoWeekday(series.firstDate) - 1]} from ${series.firstDate}` +
      `${series.endDate ? ` until before ${series.endDate}` : ''})` +
      `${options ? `; the nearest is ${options}` : ''}.`,
    {
      field: 'occurrenceDate',
      numbers: {
        intervalWeeks: series.intervalWeeks,
        firstDate: series.firstDate,
        before: nearest.before,
        after: nearest.after,
      },
    },
  );
}

function callOf(book: CustomerBook, seriesId: string, occurrenceDate: IsoDate): ReviewCall | null {
  return (
    book.reviewCalls.find((call) => call.seriesId === seriesId && call.occurrenceDate === occurrenceDate) ??
    null
  );
}

/** The book, series, occurrence and any call record an action on one review call needs. */
function requireCallSlot(
  book: CustomerBook | null,
  args: { customerId: string; seriesId: string; occurrenceDate: IsoDate },
): Result<{
  found: CustomerBook;
  series: ReviewSeries;
  occurrence: ReviewOccurrence;
  existing: ReviewCall | null;
}> {
  const found = requireBook(book, args.customerId);
  if (!found.ok) return found;
  const series = requireSeries(found.value, args.seriesId);
  if (!series.ok) return series;
  const occurrence = requireOccurrence(series.value, args.occurrenceDate);
  if (!occurrence.ok) return occurrence;
  const existing = callOf(found.value, series.value.id, args.occurrenceDate);
  return {
    ok: true,
    value: { found: found.value, series: series.value, occurrence: occurrence.value, existing },
  };
}

/** A new call needs an id nobody uses; an occurrence that has a record keeps that record's id. */
function callId(book: CustomerBook, existing: ReviewCall | null, newId: string): Result<string> {
  if (existing) return { ok: true, value: existing.id };
  const fresh = requireNew(book.reviewCalls, newId, 'Review call');
  return fresh.ok ? { ok: true, value: newId } : fresh;
}

function parseCall(input: z.input<typeof reviewCallSchema>): Result<ReviewCall> {
  const parsed = reviewCallSchema.safeParse(input);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, rejection: rejectionFromZod(parsed.error) };
}

/** Held and missed calls are facts: they are not moved or cancelled afterwards. */
function refuseLogged(existing: ReviewCall | null, occurrenceDate: IsoDate, wanted: string) {
  if (existing?.status !== 'held' && existing?.status !== 'missed') return null;
  return reject(
    'invalid-transition',
    `The call of ${occurrenceDate} was already logged as ${existing.status}; it cannot be ${wanted} now.`,
    { field: 'occurrenceDate', numbers: { status: existing.status } },
  );
}

/** Logged held or missed calls on or after `date`, which a series ending there would orphan. */
function loggedOnOrAfter(book: CustomerBook, seriesId: string, date: IsoDate): ReviewCall | null {
  let latest: ReviewCall | null = null;
  for (const call of book.reviewCalls) {
    if (call.seriesId !== seriesId || call.occurrenceDate < date) continue;
    if (call.status !== 'held' && call.status !== 'missed') continue;
    if (!latest || call.occurrenceDate > latest.occurrenceDate) latest = call;
  }
  return latest;
}

/** "; week of Mon 9 Mar 2026: 4 h 30 min of 4 h budget, over budget by 30 min" */
function weekNote(book: CustomerBook, date: IsoDate, context: MutationContext): string {
  const week = tamHoursForWeek(book, date, { templates: context.templates });
  const standing =
    week.overageMinutes > 0
      ? `over budget by ${formatMinutes(week.overageMinutes)}`
      : `${formatMinutes(week.remainingMinutes)} left`;
  return `; week of ${dateLabel(week.weekStart)}: ${formatMinutes(week.usedMinutes)} of ${formatMinutes(week.budgetMinutes)} budget, ${standing}`;
}

const occurrenceArgs = {
  customerId: id,
  seriesId: id,
  /** The occurrence's original date, which keys its record. */
  occurrenceDate: isoDateSchema,
};

export const scheduleReviewSeries = defineMutation({
  name: 'scheduleReviewSeries',
  version: 1,
  args: z.object({
    id,
    customerId: id,
    tamUserId: id,
    firstDate: isoDateSchema,
    localTime: localTimeSchema,
    durationMinutes: reviewSeriesSchema.shape.durationMinutes,
    intervalWeeks: reviewSeriesSchema.shape.intervalWeeks,
  }),
  scope: (args) => ({ customerId: args.customerId }),
  apply(book, args) {
    const found = requireBook(book, args.customerId);
    if (!found.ok) return found;
    const customer = found.value.customer;
    const fresh = requireNew(found.value.reviewSeries, args.id, 'Review series');
    if (!fresh.ok) return fresh;
    const first = localToInstant(args.firstDate, args.localTime, customer.timeZone);
    if (!first.ok) {
      return reject('invalid-input', `${first.message}; agree another time for the calls.`, {
        field: first.reason === 'nonexistent' ? 'localTime' : 'firstDate',
      });
    }
    const replaced = found.value.reviewSeries.filter(
      (series) => series.endDate === null || series.endDate > args.firstDate,
    );
    for (const old of replaced) {
      const logged = loggedOnOrAfter(found.value, old.id, args.firstDate);
      if (logged) {
        return reject(
          'schedule-conflict',
          `The current series has a call logged as ${logged.status} on ${logged.occurrenceDate}, on or after the new first date; start the new series after it.`,
          { field: 'firstDate', numbers: { loggedOn: logged.occurrenceDate, firstDate: args.firstDate } },
        );
      }
    }
    const series = reviewSeriesSchema.parse({
      id: args.id,
      customerId: customer.id,
      tamUserId: args.tamUserId,
      firstDate: args.firstDate,
      localTime: args.localTime,
      timeZone: customer.timeZone,
      durationMinutes: args.durationMinutes,
      intervalWeeks: args.intervalWeeks,
      endDate: null,
    });
    const ended = replaced.map((old) => ({ ...old, endDate: args.firstDate }));
    const endings = ended.map((old) =>
      old.firstDate >= args.firstDate
        ? `; replaces series ${old.id}, which had not started`
        : `; ends series ${old.id}, whose last call is on ${nearestOccurrenceDates(old, addDays(args.firstDate, -1)).before ?? old.firstDate}`,
    );
    return applied(
      `Review calls with ${customer.name} ${everyWeeks(series.intervalWeeks)} on ${weekdayNames[isoWeekday(series.firstDate) - 1]} at ` +
        `${series.localTime} (${series.timeZone}) from ${series.firstDate}${endings.join('')}`,
      put('reviewSeries', series),
      ...ended.map((old) => put('reviewSeries', old)),
    );
  },
});

export const endReviewSeries = defineMutation({
  name: 'endReviewSeries',
  version: 1,
  args: z.object({
    customerId: id,
    seriesId: id,
    /** The first day without calls. */
    endDate: isoDateSchema,
  }),
  scope: (args) => ({ customerId: args.customerId }),
  apply(book, args) {
    const found = requireBook(book, args.customerId);
    if (!found.ok) return found;
    const series = requireSeries(found.value, args.seriesId);
    if (!series.ok) return series;
    const current = series.value;
    if (current.endDate !== null && current.endDate <= args.endDate) {
      return reject('invalid-transition', `This series already ends on ${current.endDate}.`, {
        field: 'endDate',
        numbers: { endDate: current.endDate },
      });
    }
    const logged = loggedOnOrAfter(found.value, current.id, args.endDate);
    if (logged) {
      return reject(
        'schedule-conflict',
        `A call on ${logged.occurrenceDate} was logged as ${logged.status}; end the series after that date.`,
        { field: 'endDate', numbers: { loggedOn: logged.occurrenceDate } },
      );
    }
    const ended = { ...current, endDate: args.endDate };
    const last = nearestOccurrenceDates(ended, args.endDate).before;
    return applied(
      `Ended review series ${current.id}: no calls from ${args.endDate}` +
        (last ? ` (the last is on ${last})` : ' (it has no calls left)'),
      put('reviewSeries', ended),
    );
  },
});

export const logReviewCall = defineMutation({
  name: 'logReviewCall',
  version: 1,
  args: z.object({
    /** The new record's id, used when the occurrence has no record yet. */
    id,
    ...occurrenceArgs,
    /** When it actually started; the occurrence's effective start when left out. */
    startsAt: instantSchema.optional(),
    durationMinutes: reviewCallSchema.shape.durationMinutes.optional(),
    agenda: reviewCallSchema.shape.agenda,
    notes: reviewCallSchema.shape.notes,
    actionItems: reviewCallSchema.shape.actionItems,
  }),
  scope: (args) => ({ customerId: args.customerId }),
  apply(book, args, context) {
    const slot = requireCallSlot(book, args);
    if (!slot.ok) return slot;
    const { found, series, occurrence, existing } = slot.value;
    const recordId = callId(found, existing, args.id);
    if (!recordId.ok) return recordId;
    const startsAt = args.startsAt ?? existing?.startsAt ?? occurrence.startsAt;
    const ahead = instantMillis(startsAt) - instantMillis(context.now);
    if (ahead > 0) {
      const minutesAhead = Math.ceil(ahead / MINUTE_MS);
      return reject(
        'invalid-input',
        `A call is logged as held once it has started; this one starts at ${localLabel(startsAt, series.timeZone)}, in ${formatMinutes(minutesAhead)}.`,
        { field: args.startsAt ? 'startsAt' : 'occurrenceDate', numbers: { minutesAhead } },
      );
    }
    const durationMinutes =
      args.durationMinutes ??
      (existing && existing.durationMinutes > 0 ? existing.durationMinutes : series.durationMinutes);
    const call = parseCall({
      id: recordId.value,
      customerId: found.customer.id,
      seriesId: series.id,
      occurrenceDate: args.occurrenceDate,
      status: 'held',
      startsAt,
      durationMinutes,
      agenda: args.agenda,
      notes: args.notes,
      actionItems: args.actionItems,
      loggedBy: context.actor.userId,
    });
    if (!call.ok) return call;
    const after = {
      ...found,
      reviewCalls: [...found.reviewCalls.filter((c) => c !== existing), call.value],
    };
    const correction =
      existing && existing.status !== 'held' && existing.status !== 'moved'
        ? ` (was ${existing.status})`
        : '';
    const items = call.value.actionItems.length;
    const localDate = localDateOf(startsAt, found.customer.timeZone);
    return applied(
      `${existing?.status === 'held' ? 'Updated' : 'Logged'} the review call of ${args.occurrenceDate} as held${correction}: ` +
        `${formatMinutes(durationMinutes)} from ${localLabel(startsAt, series.timeZone)}` +
        `${items > 0 ? `, ${items} action item${items === 1 ? '' : 's'}` : ''}` +
        weekNote(after, localDate, context),
      put('reviewCalls', call.value),
    );
  },
});

export const moveReviewCall = defineMutation({
  name: 'moveReviewCall',
  version: 1,
  args: z.object({
    id,
    ...occurrenceArgs,
    /** The new local date and time, in the customer's zone. */
    toDate: isoDateSchema,
    toTime: localTimeSchema,
    durationMinutes: reviewSeriesSchema.shape.durationMinutes.optional(),
  }),
  scope: (args) => ({ customerId: args.customerId }),
  apply(book, args, context) {
    const slot = requireCallSlot(book, args);
    if (!slot.ok) return slot;
    const { found, series, existing } = slot.value;
    const refused = refuseLogged(existing, args.occurrenceDate, 'moved');
    if (refused) return refused;
    const zone = found.customer.timeZone;
    const target = localToInstant(args.toDate, args.toTime, zone);
    if (!target.ok) {
      return reject('invalid-input', `${target.message}; pick another time.`, {
        field: target.reason === 'nonexistent' ? 'toTime' : 'toDate',
      });
    }
    const recordId = callId(found, existing, args.id);
    if (!recordId.ok) return recordId;
    const call = parseCall({
      id: recordId.value,
      customerId: found.customer.id,
      seriesId: series.id,
      occurrenceDate: args.occurrenceDate,
      status: 'moved',
      startsAt: target.instant,
      durationMinutes:
        args.durationMinutes ??
        (existing && existing.durationMinutes > 0 ? existing.durationMinutes : series.durationMinutes),
      // A prepared agenda travels with the call.
      agenda: existing?.agenda ?? [],
      notes: existing?.notes ?? '',
      actionItems: existing?.actionItems ?? [],
      loggedBy: context.actor.userId,
    });
    if (!call.ok) return call;
    return applied(
      `Moved the review call of ${dateLabel(args.occurrenceDate)} to ${localLabel(target.instant, zone)} (${zone})` +
        (existing?.status === 'cancelled' ? ', no longer cancelled' : ''),
      put('reviewCalls', call.value),
    );
  },
});

export const missReviewCall = defineMutation({
  name: 'missReviewCall',
  version: 1,
  args: z.object({ id, ...occurrenceArgs, notes: reviewCallSchema.shape.notes.optional() }),
  scope: (args) => ({ customerId: args.customerId }),
  apply(book, args, context) {
    const slot = requireCallSlot(book, args);
    if (!slot.ok) return slot;
    const { found, series, occurrence, existing } = slot.value;
    const refused = refuseLogged(existing, args.occurrenceDate, 'marked missed');
    if (refused) return refused;
    const startsAt = existing?.startsAt ?? occurrence.startsAt;
    const ahead = instantMillis(startsAt) - instantMillis(context.now);
    if (ahead > 0) {
      const minutesAhead = Math.ceil(ahead / MINUTE_MS);
      return reject(
        'invalid-transition',
        `This call starts at ${localLabel(startsAt, series.timeZone)}, in ${formatMinutes(minutesAhead)}; ` +
          'mark it missed once its time has passed, or cancel it if it will not take place.',
        { field: 'occurrenceDate', numbers: { minutesAhead } },
      );
    }
    const recordId = callId(found, existing, args.id);
    if (!recordId.ok) return recordId;
    const call = parseCall({
      id: recordId.value,
      customerId: found.customer.id,
      seriesId: series.id,
      occurrenceDate: args.occurrenceDate,
      status: 'missed',
      startsAt,
      durationMinutes:
        existing && existing.durationMinutes > 0 ? existing.durationMinutes : series.durationMinutes,
      agenda: existing?.agenda ?? [],
      notes: args.notes ?? existing?.notes ?? '',
      actionItems: existing?.actionItems ?? [],
      loggedBy: context.actor.userId,
    });
    if (!call.ok) return call;
    return applied(
      `Marked the review call of ${dateLabel(args.occurrenceDate)} (${localLabel(startsAt, series.timeZone)}) as missed`,
      put('reviewCalls', call.value),
    );
  },
});

export const cancelReviewCall = defineMutation({
  name: 'cancelReviewCall',
  version: 1,
  args: z.object({ id, ...occurrenceArgs, reason: reviewCallSchema.shape.notes.optional() }),
  scope: (args) => ({ customerId: args.customerId }),
  apply(book, args, context) {
    const slot = requireCallSlot(book, args);
    if (!slot.ok) return slot;
    const { found, series, occurrence, existing } = slot.value;
    const refused = refuseLogged(existing, args.occurrenceDate, 'cancelled');
    if (refused) return refused;
    if (existing?.status === 'cancelled') {
      return reject('invalid-transition', `The call of ${args.occurrenceDate} is already cancelled.`, {
        field: 'occurrenceDate',
      });
    }
    const recordId = callId(found, existing, args.id);
    if (!recordId.ok) return recordId;
    const call = parseCall({
      id: recordId.value,
      customerId: found.customer.id,
      seriesId: series.id,
      occurrenceDate: args.occurrenceDate,
      status: 'cancelled',
      startsAt: existing?.startsAt ?? occurrence.startsAt,
      durationMinutes: existing?.durationMinutes ?? series.durationMinutes,
      agenda: existing?.agenda ?? [],
      notes: args.reason ?? existing?.notes ?? '',
      actionItems: existing?.actionItems ?? [],
      loggedBy: context.actor.userId,
    });
    if (!call.ok) return call;
    return applied(
      `Cancelled the review call of ${dateLabel(args.occurrenceDate)}${args.reason ? `: ${args.reason}` : ''}`,
      put('reviewCalls', call.value),
    );
  },
});

export const logTamTime = defineMutation({
  name: 'logTamTime',
  version: 1,
  args: z.object({
    id,
    customerId: id,
    /** Whose time it is; the actor's own when left out (only a lead logs for someone else). */
    userId: id.optional(),
    date: isoDateSchema,
    minutes: tamTimeEntrySchema.shape.minutes,
    activity: tamTimeEntrySchema.shape.activity,
    note: tamTimeEntrySchema.shape.note,
  }),
  scope: (args) => ({ customerId: args.customerId }),
  apply(book, args, context) {
    const found = requireBook(book, args.customerId);
    if (!found.ok) return found;
    const fresh = requireNew(found.value.tamTimeEntries, args.id, 'TAM time entry');
    if (!fresh.ok) return fresh;
    const userId = args.userId ?? context.actor.userId;
    if (userId !== context.actor.userId && context.actor.role !== 'lead') {
      return reject('forbidden', 'Only a team lead logs TAM time for someone else.', {
        field: 'userId',
        numbers: { role: context.actor.role },
      });
    }
    const entry: TamTimeEntry = tamTimeEntrySchema.parse({
      id: args.id,
      customerId: found.value.customer.id,
      userId,
      date: args.date,
      minutes: args.minutes,
      activity: args.activity,
      note: args.note,
    });
    const after = { ...found.value, tamTimeEntries: [...found.value.tamTimeEntries, entry] };
    return applied(
      `Logged ${formatMinutes(entry.minutes)} of ${entry.activity} for ${found.value.customer.name} on ${entry.date}` +
        weekNote(after, entry.date, context),
      put('tamTimeEntries', entry),
    );
  },
});

export const reviewMutations = [
  scheduleReviewSeries,
  endReviewSeries,
  logReviewCall,
  moveReviewCall,
  missReviewCall,
  cancelReviewCall,
  logTamTime,
] as const;
