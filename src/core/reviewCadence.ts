// Review calls: when each occurrence of a review series falls (in the customer's zone, correct
// across daylight-saving changes) and whether a customer's cadence of calls is being kept.
//
// Decisions (ARCHITECTURE.md, "Review cadence"):
// - Occurrence i of a series falls on firstDate + i × intervalWeeks weeks, at the agreed local
//   time in the series' zone: a call at 10:00 in Zurich stays at 10:00 local across the changes.
// - A local time the clocks skip (spring forward) moves to the first valid minute after the gap
//   (02:30 on the Zurich spring change becomes 03:00); a time the clocks repeat (fall back) takes
//   its first occurrence, the one still on summer time.
// - An occurrence is keyed by its original date. A ReviewCall for (series, date) says what became
//   of it: a moved call counts at its new time, a held or missed one is logged, a cancelled one is
//   neither due nor overdue. An occurrence nobody acted on has no record.
// - `status` is the one most pressing badge: 'overdue' (an occurrence in the look-back window has
//   ended and nobody logged it) before 'missed' (the latest past occurrence in the window was marked
//   missed) before 'not-scheduled' (no call ahead at all) before 'on-track'. "Nothing in the next
//   two weeks" is its own flag, because an agreed four-weekly series is on track without one.
// - Overdue and missed look back only `overdueLookbackWeeks` (default 8), so old history does not
//   dominate; the missed count has its own window (default 90 days).
//
// Speed: every recomputation starts from records fresh from storage, so nothing is remembered per
// record; occurrences are found by index arithmetic on day numbers, dates and instants are read
// and written by time.ts's hand-written readers, zone offsets come from its per-zone day tables,
// and luxon only runs on the rare days when a zone changes its offset.
import { IANAZone } from 'luxon';
import type { CustomerBook, ReviewCall, ReviewSeries } from './records';
import {
  DAY_MS,
  dayNumberOf,
  HOUR_MS,
  instantMillis,
  isoDateOfDayNumber,
  MINUTE_MS,
  steadyOffsetOnUtcDay,
  strictDayNumber,
  toInstant,
  type Instant,
  type IsoDate,
  type LocalTime,
} from './time';

export type ReviewOccurrence = {
  seriesId: string;
  customerId: string;
  /** 0-based position in the series. */
  index: number;
  /** The occurrence's original local date: the key a ReviewCall refers to. */
  occurrenceDate: IsoDate;
  /** Scheduled start (before any move). */
  startsAt: Instant;
  endsAt: Instant;
  /** The agreed local time did not exist that day (spring forward): the call starts at the first valid minute after it. */
  shiftedByDaylightSaving: boolean;
};

/** 'scheduled': nobody acted on it yet; otherwise the status of its ReviewCall. */
export type OccurrenceState = 'scheduled' | ReviewCall['status'];

/** An occurrence with what became of it: a moved call starts and ends at its new time. */
export type CadenceOccurrence = ReviewOccurrence & {
  state: OccurrenceState;
  call: ReviewCall | null;
  effectiveStartsAt: Instant;
  effectiveEndsAt: Instant;
};

export type CadenceStatus = 'not-scheduled' | 'on-track' | 'overdue' | 'missed';

export type ReviewCadence = {
  status: CadenceStatus;
  /** The earliest call not yet logged that has not ended, at its effective (moved) time. */
  nextCall: CadenceOccurrence | null;
  /** Calls in the look-back window that ended without being logged held, missed or cancelled; oldest first. */
  overdue: CadenceOccurrence[];
  lastHeld: ReviewCall | null;
  /** Calls marked missed whose time lies in the missed window (default the last 90 days). */
  missedInLast90Days: number;
  /** Calls not yet logged that start (or are still running) within the next `upcomingDays`; earliest first. */
  upcoming: CadenceOccurrence[];
  notScheduledForNextTwoWeeks: boolean;
};

export type CadenceOptions = {
  /** How far back an unlogged or missed call still counts (default 8 weeks). */
  overdueLookbackWeeks?: number;
  /** The horizon of `upcoming` and of the not-scheduled flag (default 14 days). */
  upcomingDays?: number;
  /** The window of `missedInLast90Days` (default 90 days). */
  missedWindowDays?: number;
};

export const DEFAULT_CADENCE_OPTIONS: Required<CadenceOptions> = {
  overdueLookbackWeeks: 8,
  upcomingDays: 14,
  missedWindowDays: 90,
};

/** How many occurrences past the look-back window a search for the next call may visit. */
const NEXT_CALL_SEARCH_LIMIT = 60;
/** A zone's offset lies within ±14 h of UTC, so a local date is its UTC date ± 1 day. */
const ZONE_SPAN_MS = 14 * HOUR_MS;
const CACHE_LIMIT = 200_000;

export type CadenceRecords = Pick<CustomerBook, 'reviewSeries' | 'reviewCalls'>;

// ---------------------------------------------------------------------------------------------
// Day numbers and local wall-clock times

/** Days since 1970-01-01 of an ISO date. */
function dayNumber(date: IsoDate): number {
  return dayNumberOf(date);
}

function dateOfDay(day: number): IsoDate {
  return isoDateOfDayNumber(day);
}

function minuteOfDay(time: LocalTime): number {
  const h0 = time.charCodeAt(0) - 48;
  const h1 = time.charCodeAt(1) - 48;
  const m0 = time.charCodeAt(3) - 48;
  const m1 = time.charCodeAt(4) - 48;
  // Plain digits by hand; anything else as Number reads it.
  if (h0 >= 0 && h0 <= 9 && h1 >= 0 && h1 <= 9 && m0 >= 0 && m0 <= 9 && m1 >= 0 && m1 <= 9) {
    return (h0 * 10 + h1) * 60 + m0 * 10 + m1;
  }
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** An occurrence's start or end as an instant (time.ts writes them without Date). */
function instantText(millis: number): Instant {
  return toInstant(millis);
}

function ianaZone(zone: string): IANAZone {
  const found = IANAZone.create(zone);
  if (!found.isValid) throw new RangeError(`${zone} is not a known IANA time zone`);
  return found;
}

/**
 * The zone's offset (minutes) if it holds through the whole local day `day` (days since
 * 1970-01-01), else null. The local day lies within the UTC days before, of and after it, so it
 * is steady when those three are, with one offset (time.ts keeps them per zone and day).
 */
function steadyOffsetOn(zone: string, day: number): number | null {
  const offset = steadyOffsetOnUtcDay(zone, day);
  if (Number.isNaN(offset)) {
    // An unknown zone says so here, as before; a change day takes the slow path.
    ianaZone(zone);
    return null;
  }
  return steadyOffsetOnUtcDay(zone, day - 1) === offset && steadyOffsetOnUtcDay(zone, day + 1) === offset
    ? offset
    : null;
}

type LocalStart = { millis: number; shifted: boolean };

const changeDayStarts = new Map<string, LocalStart>();

/** A local wall time on a day the zone changes its offset: the slow, exact path. */
function startOnChangeDay(wallMillis: number, zone: string): LocalStart {
  const key = `${zone}|${wallMillis}`;
  const cached = changeDayStarts.get(key);
  if (cached) return cached;
  const found = ianaZone(zone);
  // Walk forward minute by minute until the wall time exists: a skipped time lands on the
  // first valid minute after the gap. Of two instants showing the same wall time, the first wins.
  for (let skipped = 0; skipped <= 24 * 60; skipped += 1) {
    const wall = wallMillis + skipped * MINUTE_MS;
    let best: number | null = null;
    for (const offset of [found.offset(wall - DAY_MS), found.offset(wall + DAY_MS)]) {
      const candidate = wall - offset * MINUTE_MS;
      if (found.offset(candidate) === offset && (best === null || candidate < best)) best = candidate;
    }
    if (best !== null) return remember(changeDayStarts, key, { millis: best, shifted: skipped > 0 });
  }
  throw new RangeError(`No valid local time within a day after ${toInstant(wallMillis)} in ${zone}`);
}

/** The instant of a wall-clock minute on a local day in a zone. */
function localStart(day: number, minutes: number, zone: string): LocalStart {
  const wall = day * DAY_MS + minutes * MINUTE_MS;
  const steady = steadyOffsetOn(zone, day);
  if (steady !== null) return { millis: wall - steady * MINUTE_MS, shifted: false };
  return startOnChangeDay(wall, zone);
}

/**
 * The instant of a local date and time in a zone, with a skipped time moved to the first valid
 * minute after the gap. (Refusing a skipped time, as when a TAM types one, is `localToInstant`.)
 */
export function wallClockToInstant(
  date: IsoDate,
  time: LocalTime,
  zone: string,
): { instant: Instant; shifted: boolean } {
  const start = localStart(dayNumber(date), minuteOfDay(time), zone);
  return { instant: toInstant(start.millis), shifted: start.shifted };
}

// ---------------------------------------------------------------------------------------------
// Occurrences of a series

/** The per-series figures every occurrence computation needs, derived once. */
type SeriesShape = {
  series: ReviewSeries;
  firstDate: IsoDate;
  endDate: IsoDate | null;
  localTime: LocalTime;
  firstDay: number;
  /** Days between occurrences. */
  step: number;
  /** No occurrence on or after this day. */
  endDay: number;
  minutes: number;
};

/** Worked out afresh each time (a few characters read): records come fresh from storage. */
function shapeOf(series: ReviewSeries): SeriesShape {
  return {
    series,
    firstDate: series.firstDate,
    endDate: series.endDate,
    localTime: series.localTime,
    firstDay: dayNumber(series.firstDate),
    step: series.intervalWeeks * 7,
    endDay: series.endDate ? dayNumber(series.endDate) : Number.POSITIVE_INFINITY,
    minutes: minuteOfDay(series.localTime),
  };
}

function occurrenceDayOf(shape: SeriesShape, index: number): number {
  return shape.firstDay + index * shape.step;
}

function buildOccurrence(shape: SeriesShape, index: number, start?: LocalStart): ReviewOccurrence {
  const day = occurrenceDayOf(shape, index);
  const resolved = start ?? localStart(day, shape.minutes, shape.series.timeZone);
  return {
    seriesId: shape.series.id,
    customerId: shape.series.customerId,
    index,
    occurrenceDate: dateOfDay(day),
    startsAt: instantText(resolved.millis),
    endsAt: instantText(resolved.millis + shape.series.durationMinutes * MINUTE_MS),
    shiftedByDaylightSaving: resolved.shifted,
  };
}

/** The index of the occurrence on `date`, or null when no call of the series falls on that date. */
export function occurrenceIndexOf(series: ReviewSeries, date: IsoDate): number | null {
  const shape = shapeOf(series);
  const day = dayNumber(date);
  if (Number.isNaN(day) || day < shape.firstDay || day >= shape.endDay) return null;
  const offset = day - shape.firstDay;
  return offset % shape.step === 0 ? offset / shape.step : null;
}

/** The occurrence on `date`, or null when that date is not one of the series' call dates. */
export function occurrenceAt(series: ReviewSeries, date: IsoDate): ReviewOccurrence | null {
  const index = occurrenceIndexOf(series, date);
  return index === null ? null : buildOccurrence(shapeOf(series), index);
}

/** The series' call dates just before and just after `date` (for telling a TAM which dates would do). */
export function nearestOccurrenceDates(
  series: ReviewSeries,
  date: IsoDate,
): { before: IsoDate | null; after: IsoDate | null } {
  const shape = shapeOf(series);
  const day = dayNumber(date);
  const lastIndex = Number.isFinite(shape.endDay)
    ? Math.ceil((shape.endDay - shape.firstDay) / shape.step) - 1
    : Number.POSITIVE_INFINITY;
  const below = Math.min(Math.floor((day - shape.firstDay) / shape.step), lastIndex);
  const above = Math.max(0, Math.ceil((day - shape.firstDay) / shape.step));
  return {
    before:
      below >= 0 && occurrenceDayOf(shape, below) <= day ? dateOfDay(occurrenceDayOf(shape, below)) : null,
    after: above <= lastIndex ? dateOfDay(occurrenceDayOf(shape, above)) : null,
  };
}

/**
 * The occurrences whose scheduled start lies in [from, to) (half-open), oldest first. Found by
 * index arithmetic: only the few occurrences whose date can fall in the range are computed.
 */
export function occurrencesBetween(series: ReviewSeries, from: Instant, to: Instant): ReviewOccurrence[] {
  const fromMillis = instantMillis(from);
  const toMillis = instantMillis(to);
  if (!(toMillis > fromMillis)) return [];
  const shape = shapeOf(series);
  // A local date is within a day of the UTC date of its instants; two more days cover the time
  // of day and a start moved forward past a skipped hour.
  const firstCandidateDay = Math.floor(fromMillis / DAY_MS) - 3;
  const lastCandidateDay = Math.floor((toMillis + ZONE_SPAN_MS) / DAY_MS);
  const firstIndex = Math.max(0, Math.ceil((firstCandidateDay - shape.firstDay) / shape.step));
  const out: ReviewOccurrence[] = [];
  for (let index = firstIndex; ; index += 1) {
    const day = occurrenceDayOf(shape, index);
    if (day > lastCandidateDay || day >= shape.endDay) break;
    const start = localStart(day, shape.minutes, series.timeZone);
    if (start.millis >= fromMillis && start.millis < toMillis) out.push(buildOccurrence(shape, index, start));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The cadence of one customer

function effectiveDurationMinutes(series: ReviewSeries, call: ReviewCall | null): number {
  if (!call) return series.durationMinutes;
  if (call.status === 'held') return call.durationMinutes;
  return call.durationMinutes > 0 ? call.durationMinutes : series.durationMinutes;
}

/** What became of one occurrence, given its ReviewCall (if any). */
export function effectiveOccurrence(
  occurrence: ReviewOccurrence,
  series: ReviewSeries,
  call: ReviewCall | null,
): CadenceOccurrence {
  return cadenceOccurrence(
    occurrence,
    call,
    call
      ? instantText(instantMillis(call.startsAt) + effectiveDurationMinutes(series, call) * MINUTE_MS)
      : occurrence.endsAt,
  );
}

/** effectiveOccurrence with the effective end already worked out. */
function cadenceOccurrence(
  occurrence: ReviewOccurrence,
  call: ReviewCall | null,
  effectiveEndsAt: Instant,
): CadenceOccurrence {
  // Spelled out rather than spread: this runs for every call the cadence reports.
  return {
    seriesId: occurrence.seriesId,
    customerId: occurrence.customerId,
    index: occurrence.index,
    occurrenceDate: occurrence.occurrenceDate,
    startsAt: occurrence.startsAt,
    endsAt: occurrence.endsAt,
    shiftedByDaylightSaving: occurrence.shiftedByDaylightSaving,
    state: call ? call.status : 'scheduled',
    call,
    effectiveStartsAt: call ? call.startsAt : occurrence.startsAt,
    effectiveEndsAt,
  };
}

type CadenceWindow = {
  nowMillis: number;
  lookbackStartMillis: number;
  horizonMillis: number;
};

/** Running results while a customer's occurrences are visited; objects are built only for what is kept. */
type CadenceTally = {
  overdue: CadenceOccurrence[];
  upcoming: CadenceOccurrence[];
  next: { startMillis: number; occurrence: CadenceOccurrence } | null;
  latestPast: { startMillis: number; state: OccurrenceState } | null;
};

/** effectiveOccurrence of occurrence `index`, whose effective end (`endMillis`) is known. */
function occurrenceOf(
  shape: SeriesShape,
  index: number,
  start: LocalStart | undefined,
  call: ReviewCall | null,
  endMillis: number,
): CadenceOccurrence {
  const occurrence = buildOccurrence(shape, index, start);
  return cadenceOccurrence(occurrence, call, call ? instantText(endMillis) : occurrence.endsAt);
}

function visitOccurrence(
  shape: SeriesShape,
  index: number,
  call: ReviewCall | null,
  window: CadenceWindow,
  tally: CadenceTally,
): void {
  if (call?.status === 'cancelled') return;
  let startMillis: number;
  let start: LocalStart | undefined;
  if (call) {
    startMillis = instantMillis(call.startsAt);
  } else {
    start = localStart(occurrenceDayOf(shape, index), shape.minutes, shape.series.timeZone);
    startMillis = start.millis;
  }
  const endMillis = startMillis + effectiveDurationMinutes(shape.series, call) * MINUTE_MS;
  const state: OccurrenceState = call ? call.status : 'scheduled';
  const pending = state === 'scheduled' || state === 'moved';
  if (endMillis < window.nowMillis) {
    if (startMillis < window.lookbackStartMillis) return;
    if (!tally.latestPast || startMillis > tally.latestPast.startMillis) {
      tally.latestPast = { startMillis, state };
    }
    if (pending) tally.overdue.push(occurrenceOf(shape, index, start, call, endMillis));
    return;
  }
  if (!pending) return;
  const inHorizon = startMillis < window.horizonMillis;
  const isNext = !tally.next || startMillis < tally.next.startMillis;
  if (!inHorizon && !isNext) return;
  const occurrence = occurrenceOf(shape, index, start, call, endMillis);
  if (inHorizon) tally.upcoming.push(occurrence);
  if (isNext) tally.next = { startMillis, occurrence };
}

/**
 * How a customer's review cadence stands at `now`: the next call, calls that ended without being
 * logged, the last held call, missed calls and what is coming in the next two weeks.
 */
export function reviewCadence(book: CadenceRecords, now: Instant, options?: CadenceOptions): ReviewCadence;
export function reviewCadence(
  series: readonly ReviewSeries[],
  calls: readonly ReviewCall[],
  now: Instant,
  options?: CadenceOptions,
): ReviewCadence;
export function reviewCadence(
  first: CadenceRecords | readonly ReviewSeries[],
  second: readonly ReviewCall[] | Instant,
  third?: Instant | CadenceOptions,
  fourth?: CadenceOptions,
): ReviewCadence {
  if (isSeriesList(first)) {
    if (typeof second !== 'string' && typeof third === 'string') {
      return cadenceOf(first, second, third, { ...DEFAULT_CADENCE_OPTIONS, ...fourth });
    }
  } else if (typeof second === 'string' && typeof third !== 'string') {
    // The defaults as they are when no options are given (the usual case): no object to build.
    const options = third === undefined ? DEFAULT_CADENCE_OPTIONS : { ...DEFAULT_CADENCE_OPTIONS, ...third };
    return cadenceOf(first.reviewSeries, first.reviewCalls, second, options);
  }
  throw new TypeError('reviewCadence takes a book, or a list of series and a list of calls, and then now');
}

function isSeriesList(value: CadenceRecords | readonly ReviewSeries[]): value is readonly ReviewSeries[] {
  return Array.isArray(value);
}

function byEffectiveStart(a: CadenceOccurrence, b: CadenceOccurrence): number {
  return a.effectiveStartsAt < b.effectiveStartsAt ? -1 : a.effectiveStartsAt > b.effectiveStartsAt ? 1 : 0;
}

/** The window figures derived from `now`; the bench asks for thousands of customers at one `now`. */
type CadenceFrame = CadenceWindow & {
  now: Instant;
  options: Required<CadenceOptions>;
  missedSince: Instant;
  earliestRelevantDay: number;
  earliestRelevantDate: IsoDate;
};

let lastFrame: CadenceFrame | null = null;

function frameFor(now: Instant, options: Required<CadenceOptions>): CadenceFrame {
  const previous = lastFrame;
  if (
    previous &&
    previous.now === now &&
    previous.options.overdueLookbackWeeks === options.overdueLookbackWeeks &&
    previous.options.upcomingDays === options.upcomingDays &&
    previous.options.missedWindowDays === options.missedWindowDays
  ) {
    return previous;
  }
  const nowMillis = instantMillis(now);
  const lookbackStartMillis = nowMillis - options.overdueLookbackWeeks * 7 * DAY_MS;
  // Occurrence dates of calls that can matter: in or after the look-back window (with a day
  // of zone slack), or moved, since a move can bring an old occurrence into the window.
  const earliestRelevantDay = Math.floor((lookbackStartMillis - ZONE_SPAN_MS) / DAY_MS) - 1;
  lastFrame = {
    now,
    options,
    nowMillis,
    lookbackStartMillis,
    horizonMillis: nowMillis + options.upcomingDays * DAY_MS,
    missedSince: toInstant(nowMillis - options.missedWindowDays * DAY_MS),
    earliestRelevantDay,
    earliestRelevantDate: dateOfDay(earliestRelevantDay),
  };
  return lastFrame;
}

function cadenceOf(
  allSeries: readonly ReviewSeries[],
  calls: readonly ReviewCall[],
  now: Instant,
  options: Required<CadenceOptions>,
): ReviewCadence {
  const frame = frameFor(now, options);

  let lastHeld: ReviewCall | null = null;
  let missedCount = 0;
  // A handful at most (the window's calls and moved ones), so a list beats a keyed map.
  const relevantCalls: ReviewCall[] = [];
  // Their occurrence dates as day numbers (NaN when not a plain date: then compared as text).
  const relevantDays: number[] = [];
  for (const call of calls) {
    const status = call.status;
    if (status === 'held') {
      if (call.startsAt <= now && (!lastHeld || call.startsAt > lastHeld.startsAt)) lastHeld = call;
    } else if (status === 'missed') {
      if (call.startsAt >= frame.missedSince && call.startsAt <= now) missedCount += 1;
    }
    if (status === 'moved' || call.occurrenceDate >= frame.earliestRelevantDate) {
      relevantCalls.push(call);
      relevantDays.push(strictDayNumber(call.occurrenceDate));
    }
  }
  const visited: boolean[] = relevantCalls.map(() => false);

  const tally: CadenceTally = { overdue: [], upcoming: [], next: null, latestPast: null };
  for (const series of allSeries) {
    const shape = shapeOf(series);
    const firstIndex = Math.max(0, Math.ceil((frame.earliestRelevantDay - shape.firstDay) / shape.step));
    // Visit scheduled occurrences in order until past the horizon and past the best next call:
    // any later occurrence starts later unless moved, and moved calls are visited below.
    for (let index = firstIndex; index < firstIndex + NEXT_CALL_SEARCH_LIMIT; index += 1) {
      const day = occurrenceDayOf(shape, index);
      if (day >= shape.endDay) break;
      const earliestPossibleStart = (day - 1) * DAY_MS; // whatever the zone and time of day
      if (
        earliestPossibleStart >= frame.horizonMillis &&
        tally.next &&
        earliestPossibleStart >= tally.next.startMillis
      ) {
        break;
      }
      let call: ReviewCall | null = null;
      for (let position = 0; position < relevantCalls.length; position += 1) {
        const candidate = relevantCalls[position];
        const candidateDay = relevantDays[position] as number;
        if (
          candidate &&
          !visited[position] &&
          (candidateDay === day ||
            (Number.isNaN(candidateDay) && candidate.occurrenceDate === dateOfDay(day))) &&
          candidate.seriesId === series.id
        ) {
          call = candidate;
          visited[position] = true;
          break;
        }
      }
      visitOccurrence(shape, index, call, frame, tally);
    }
  }
  // Calls not reached above: moved from before the window, or beyond where the search stopped.
  for (let position = 0; position < relevantCalls.length; position += 1) {
    const call = relevantCalls[position];
    if (!call || visited[position]) continue;
    const series = allSeries.find((candidate) => candidate.id === call.seriesId);
    if (!series) continue;
    const index = occurrenceIndexOf(series, call.occurrenceDate);
    if (index === null) continue;
    visitOccurrence(shapeOf(series), index, call, frame, tally);
  }

  tally.overdue.sort(byEffectiveStart);
  tally.upcoming.sort(byEffectiveStart);
  const nextCall = tally.next?.occurrence ?? null;
  const status: CadenceStatus =
    tally.overdue.length > 0
      ? 'overdue'
      : tally.latestPast?.state === 'missed'
        ? 'missed'
        : nextCall === null
          ? 'not-scheduled'
          : 'on-track';
  return {
    status,
    nextCall,
    overdue: tally.overdue,
    lastHeld,
    missedInLast90Days: missedCount,
    upcoming: tally.upcoming,
    notScheduledForNextTwoWeeks: tally.upcoming.length === 0,
  };
}
