// Go Live booking rules: the window, the 72-hour notice, overlap, the contract term and the
// allowance, each a pure function with its numbers, and `evaluateGoLive` that runs them all for
// the booking form's live feedback and for the requestGoLive mutation alike.
//
// Decisions (ARCHITECTURE.md, "Booking a Go Live"):
// - The window is entered as the customer sees it (date, time, minutes in the customer's zone)
//   and stored as UTC instants. A time the clocks skip is refused, an ambiguous time takes its
//   first occurrence. Length and notice are absolute elapsed time, so a DST change in between
//   neither stretches nor shrinks them.
// - One booking is one window (start + length): follow-up split over several windows is several
//   bookings, each consuming a unit.
// - The window must lie wholly within the contract term: it counts in the contract year of its
//   local start date and must end by the end of the term.
// - Notice is measured from the moment of the request: the server's clock, except when the booking
//   spends an active reservation, see `goLiveRequestMoment`.
import { DateTime } from 'luxon';
import { contractYearOf, contractYears, type ContractYear } from './contract';
import { GO_LIVE_MAX_WINDOW_HOURS, GO_LIVE_NOTICE_HOURS } from './consumption';
import { checkAllowance, ledgerContextAt, type AllowanceLine } from './ledger';
import type { PlanTemplate } from './plans';
import type { AllowanceReservation, Contract, CustomerBook, GoLiveBooking } from './records';
import { readableUtc, reservationInWords, reservationSpendableBy, reservationState } from './reservations';
import { reject, type Rejection, type Result, type RuleNumbers } from './rejection';
import {
  HOUR_MS,
  MINUTE_MS,
  formatMinutes,
  instantMillis,
  localDateOf,
  localToInstant,
  toInstant,
  type Instant,
  type IsoDate,
  type LocalTime,
  type ZoneName,
} from './time';

export const GO_LIVE_MAX_WINDOW_MINUTES = GO_LIVE_MAX_WINDOW_HOURS * 60;

/** A Go Live window as entered on the form: in the customer's zone. */
export type GoLiveWindowInput = {
  date: IsoDate;
  time: LocalTime;
  durationMinutes: number;
  timeZone: ZoneName;
};

export type GoLiveWindow = {
  startsAt: Instant;
  endsAt: Instant;
  timeZone: ZoneName;
  /** The customer's date the window starts on: the date the booking counts on. */
  localDate: IsoDate;
  durationMinutes: number;
};

/** The interval part of a booking, half-open: [startsAt, endsAt). */
export type GoLiveSpan = { startsAt: Instant; endsAt: Instant };

/** Turns the customer's date, time and length into UTC instants, checking the length. */
export function goLiveWindow(input: GoLiveWindowInput): Result<GoLiveWindow> {
  const { date, time, durationMinutes, timeZone } = input;
  const start = localToInstant(date, time, timeZone);
  if (!start.ok) {
    const message =
      start.reason === 'nonexistent'
        ? `${start.message}; choose a time before or after the change.`
        : `${start.message}.`;
    return reject(start.reason === 'nonexistent' ? 'go-live-window' : 'invalid-input', message, {
      field: 'time',
      numbers: { date, time, timeZone },
    });
  }
  const numbers = { durationMinutes, maxMinutes: GO_LIVE_MAX_WINDOW_MINUTES };
  if (!Number.isInteger(durationMinutes) || durationMinutes <= 0) {
    return reject(
      'go-live-window',
      `A Go Live window must last at least 1 min; this one lasts ${durationMinutes} min.`,
      {
        field: 'durationMinutes',
        numbers,
      },
    );
  }
  if (durationMinutes > GO_LIVE_MAX_WINDOW_MINUTES) {
    return reject(
      'go-live-window',
      `A Go Live covers up to ${GO_LIVE_MAX_WINDOW_HOURS} h of follow-up in one window; this one lasts ${formatMinutes(durationMinutes)}.`,
      { field: 'durationMinutes', numbers },
    );
  }
  return {
    ok: true,
    value: {
      startsAt: start.instant,
      endsAt: toInstant(instantMillis(start.instant) + durationMinutes * MINUTE_MS),
      timeZone,
      localDate: date,
      durationMinutes,
    },
  };
}

/** The last instant a Go Live starting at `startsAt` can be requested: 72 h before, in real time. */
export function noticeDeadline(startsAt: Instant): Instant {
  return toInstant(instantMillis(startsAt) - GO_LIVE_NOTICE_HOURS * HOUR_MS);
}

/** Notice in whole minutes, rounded down so that a refused request never reads as "72 h". */
export function noticeMinutes(requestedAt: Instant, startsAt: Instant): number {
  return Math.floor((instantMillis(startsAt) - instantMillis(requestedAt)) / MINUTE_MS);
}

/** The 72-hour notice: accepted iff startsAt - requestedAt >= 72 h, in absolute time. */
export function checkNotice(
  requestedAt: Instant,
  startsAt: Instant,
): Result<{ noticeMinutes: number; deadline: Instant }> {
  const notice = noticeMinutes(requestedAt, startsAt);
  const deadline = noticeDeadline(startsAt);
  if (instantMillis(startsAt) - instantMillis(requestedAt) >= GO_LIVE_NOTICE_HOURS * HOUR_MS) {
    return { ok: true, value: { noticeMinutes: notice, deadline } };
  }
  const gives = notice <= 0 ? 'this window starts before the request' : `this gives ${formatMinutes(notice)}`;
  return reject('go-live-notice', `Go Live needs ${GO_LIVE_NOTICE_HOURS} h notice; ${gives}.`, {
    field: 'date',
    numbers: { requiredHours: GO_LIVE_NOTICE_HOURS, noticeMinutes: notice, deadline, requestedAt, startsAt },
  });
}

/** Half-open intervals: a window ending when the next begins does not overlap it. */
export function windowsOverlap(a: GoLiveSpan, b: GoLiveSpan): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

/** The customer's window as they read it: "2 Apr 2026 09:00–15:00 (Europe/Zurich)". */
export function describeWindow(span: GoLiveSpan, timeZone: ZoneName): string {
  const start = DateTime.fromMillis(instantMillis(span.startsAt), { zone: timeZone });
  const end = DateTime.fromMillis(instantMillis(span.endsAt), { zone: timeZone });
  const endText = start.hasSame(end, 'day') ? end.toFormat('HH:mm') : end.toFormat('d LLL yyyy HH:mm');
  return `${start.toFormat('d LLL yyyy HH:mm')}–${endText} (${timeZone})`;
}

/** An instant in the customer's zone: "7 Apr 2026 10:30 (Europe/Zurich)". */
export function describeInstant(instant: Instant, timeZone: ZoneName): string {
  return `${DateTime.fromMillis(instantMillis(instant), { zone: timeZone }).toFormat('d LLL yyyy HH:mm')} (${timeZone})`;
}

/** The first of the customer's other booked Go Lives that overlaps the window. */
export function findOverlap(
  window: GoLiveSpan,
  bookings: readonly GoLiveBooking[],
  exceptBookingId: string | null = null,
): GoLiveBooking | null {
  for (const booking of bookings) {
    if (booking.status !== 'booked' || booking.id === exceptBookingId) continue;
    if (windowsOverlap(window, booking)) return booking;
  }
  return null;
}

export function checkOverlap(
  window: GoLiveSpan,
  bookings: readonly GoLiveBooking[],
  exceptBookingId: string | null = null,
): Result<null> {
  const other = findOverlap(window, bookings, exceptBookingId);
  if (!other) return { ok: true, value: null };
  return reject(
    'go-live-overlap',
    `This window overlaps "${other.title}", booked for ${describeWindow(other, other.timeZone)}; one customer's Go Lives may not overlap.`,
    {
      field: 'time',
      numbers: { otherBookingId: other.id, otherStartsAt: other.startsAt, otherEndsAt: other.endsAt },
    },
  );
}

/**
 * The contract term: the window counts in the contract year of its local start date and must
 * end by the term's end (midnight in the customer's zone, after service-credit days).
 */
export function checkWithinTerm(
  window: GoLiveWindow,
  contract: Contract | null,
  serviceCreditDays: number,
): Result<ContractYear> {
  if (!contract) {
    return reject(
      'outside-contract',
      'This customer has no contract yet; add one before booking a Go Live.',
      {
        field: 'customerId',
      },
    );
  }
  const years = contractYears(contract, serviceCreditDays);
  const year = contractYearOf(years, window.localDate);
  const termStart = years[0]?.from ?? contract.startDate;
  const termEnd = years[years.length - 1]?.to ?? contract.startDate;
  const numbers = { termStart, termEnd, localDate: window.localDate };
  if (!year) {
    return reject(
      'outside-contract',
      `The contract runs from ${termStart} to ${termEnd} (exclusive); a Go Live on ${window.localDate} is outside it.`,
      { field: 'date', numbers },
    );
  }
  // The last minute of the window decides, so a window ending exactly at midnight stays inside.
  const lastMinute = toInstant(instantMillis(window.endsAt) - MINUTE_MS);
  if (localDateOf(lastMinute, window.timeZone) >= termEnd) {
    return reject(
      'outside-contract',
      `The contract ends at the start of ${termEnd}; this window runs past it.`,
      { field: 'durationMinutes', numbers },
    );
  }
  return { ok: true, value: year };
}

export type RequestMoment = {
  /** The moment the 72-hour notice is measured from. */
  requestedAt: Instant;
  basis: 'server-clock' | 'reservation';
  /** The reservation the booking spends, or null. */
  reservationId: string | null;
  /** Why this moment, for the form and the activity view. */
  explanation: string;
};

/**
 * When a request counts as made. Normally the clock of whoever has the last word (`now`; the
 * server's on the server). The exception is escrow: a TAM who reserved units before going offline
 * secured both the unit and the right to book, so a booking that spends an active reservation is
 * judged at the moment the TAM made it (`clientTime`), as long as that moment lies within the
 * reservation's validity and not in the future of `now`. A laptop clock is otherwise untrusted,
 * and the validity bounds how far back it can reach. If the reservation cannot be spent at that
 * moment the booking falls back to `now`, and it spends the reservation only if it is still
 * valid then.
 */
export function goLiveRequestMoment(
  reservation: AllowanceReservation | null,
  bookings: readonly GoLiveBooking[],
  contractYear: number,
  clock: { now: Instant; clientTime: Instant },
): RequestMoment {
  const { now, clientTime } = clock;
  if (!reservation) {
    return {
      requestedAt: now,
      basis: 'server-clock',
      reservationId: null,
      explanation: 'Judged at the time it reached the team.',
    };
  }
  if (clientTime <= now) {
    const atClient = reservationSpendableBy(reservation, bookings, contractYear, clientTime);
    if (atClient.ok) {
      return {
        requestedAt: clientTime,
        basis: 'reservation',
        reservationId: reservation.id,
        explanation: `Spends ${reservationInWords(reservation)}; judged at ${readableUtc(clientTime)}, when it was booked.`,
      };
    }
  }
  const atNow = reservationSpendableBy(reservation, bookings, contractYear, now);
  if (atNow.ok) {
    return {
      requestedAt: now,
      basis: 'server-clock',
      reservationId: reservation.id,
      explanation: `Spends ${reservationInWords(reservation)}; judged at the time it reached the team.`,
    };
  }
  return {
    requestedAt: now,
    basis: 'server-clock',
    reservationId: null,
    explanation: `${atNow.rejection.message} Booked against the year's allowance, judged at the time it reached the team.`,
  };
}

export type GoLiveRule = 'window' | 'contract-term' | 'reservation' | 'notice' | 'overlap' | 'allowance';

/** One finding for the booking form: which rule, whether it passes, and its numbers. */
export type GoLiveCheck = {
  rule: GoLiveRule;
  ok: boolean;
  message: string;
  numbers: RuleNumbers;
  /** The refusal, when `ok` is false. */
  rejection: Rejection | null;
};

function passed(rule: GoLiveRule, message: string, numbers: RuleNumbers = {}): GoLiveCheck {
  return { rule, ok: true, message, numbers, rejection: null };
}

function failed(rule: GoLiveRule, rejection: Rejection): GoLiveCheck {
  return { rule, ok: false, message: rejection.message, numbers: rejection.numbers ?? {}, rejection };
}

/** The first refusal among the findings, in rule order, or null when every rule passes. */
export function firstFailure(checks: readonly GoLiveCheck[]): Rejection | null {
  for (const check of checks) if (!check.ok && check.rejection) return check.rejection;
  return null;
}

/** What the TAM asks for, as entered on the form. */
export type GoLiveRequest = {
  /** The booking's id when it already exists (judged again), so it does not overlap itself. */
  bookingId: string | null;
  date: IsoDate;
  time: LocalTime;
  durationMinutes: number;
  acceptBillable: boolean;
  reservationId: string | null;
};

export type GoLiveClock = {
  /** The clock of whoever has the last word: the server's on the server. */
  now: Instant;
  /** When the TAM booked, on their machine; trusted only within a reservation, see goLiveRequestMoment. */
  clientTime: Instant;
  templates: readonly PlanTemplate[];
  /** The customer's service-credit days: they lengthen the term. */
  serviceCreditDays: number;
};

export type GoLiveEvaluation = {
  /** Every rule that could be judged, in order; rules that need a valid window are left out without one. */
  checks: GoLiveCheck[];
  window: GoLiveWindow | null;
  contractYear: ContractYear | null;
  moment: RequestMoment;
  /** The last moment this window can be requested, for the form's countdown. */
  noticeDeadline: Instant | null;
  /** Null when the allowance could not be judged or refused it. */
  billable: boolean | null;
  /** The allowance line as it stands before this booking. */
  allowance: AllowanceLine | null;
};

/**
 * Judges a Go Live request against every rule: the window, the contract term, the reservation it
 * names, the notice, overlap with the customer's other Go Lives, and the allowance. The booking
 * form shows all the findings as the TAM types; requestGoLive books only if none failed.
 */
export function evaluateGoLive(
  book: CustomerBook,
  request: GoLiveRequest,
  clock: GoLiveClock,
): GoLiveEvaluation {
  const timeZone = book.customer.timeZone;
  const checks: GoLiveCheck[] = [];
  const serverMoment: RequestMoment = {
    requestedAt: clock.now,
    basis: 'server-clock',
    reservationId: null,
    explanation: 'Judged at the time it reached the team.',
  };
  const nothing = {
    window: null,
    contractYear: null,
    moment: serverMoment,
    noticeDeadline: null,
    billable: null,
    allowance: null,
  };

  const windowResult = goLiveWindow({
    date: request.date,
    time: request.time,
    durationMinutes: request.durationMinutes,
    timeZone,
  });
  if (!windowResult.ok) return { ...nothing, checks: [failed('window', windowResult.rejection)] };
  const window = windowResult.value;
  checks.push(
    passed(
      'window',
      `${describeWindow(window, timeZone)}: ${formatMinutes(window.durationMinutes)} of follow-up.`,
      {
        startsAt: window.startsAt,
        endsAt: window.endsAt,
        durationMinutes: window.durationMinutes,
        maxMinutes: GO_LIVE_MAX_WINDOW_MINUTES,
      },
    ),
  );
  const deadline = noticeDeadline(window.startsAt);

  const term = checkWithinTerm(window, book.contract, clock.serviceCreditDays);
  const contractYear = term.ok ? term.value : null;
  checks.push(
    term.ok
      ? passed(
          'contract-term',
          `Counts in contract year ${term.value.index} (${term.value.from} to ${term.value.to}).`,
          {
            contractYear: term.value.index,
          },
        )
      : failed('contract-term', term.rejection),
  );

  // Other bookings only: a booking judged again must not spend or overlap itself.
  const others =
    request.bookingId === null
      ? book.goLiveBookings
      : book.goLiveBookings.filter((booking) => booking.id !== request.bookingId);

  let moment = serverMoment;
  let reservation: AllowanceReservation | null = null;
  if (request.reservationId !== null) {
    reservation =
      book.allowanceReservations.find((candidate) => candidate.id === request.reservationId) ?? null;
    if (!reservation) {
      checks.push(
        failed(
          'reservation',
          reject('not-found', 'The chosen reservation does not exist for this customer.', {
            field: 'reservationId',
          }).rejection,
        ),
      );
    } else if (contractYear) {
      moment = goLiveRequestMoment(reservation, others, contractYear.index, clock);
      checks.push(
        passed('reservation', moment.explanation, {
          reservationId: moment.reservationId,
          basis: moment.basis,
          requestedAt: moment.requestedAt,
        }),
      );
    }
  }

  const notice = checkNotice(moment.requestedAt, window.startsAt);
  checks.push(
    notice.ok
      ? passed(
          'notice',
          `${formatMinutes(notice.value.noticeMinutes)} notice (at least ${GO_LIVE_NOTICE_HOURS} h); bookable until ${describeInstant(deadline, timeZone)}.`,
          {
            requiredHours: GO_LIVE_NOTICE_HOURS,
            noticeMinutes: notice.value.noticeMinutes,
            deadline,
            requestedAt: moment.requestedAt,
          },
        )
      : failed('notice', notice.rejection),
  );

  const overlap = checkOverlap(window, others);
  checks.push(
    overlap.ok
      ? passed('overlap', 'No other Go Live of this customer overlaps it.')
      : failed('overlap', overlap.rejection),
  );

  let billable: boolean | null = null;
  let allowance: AllowanceLine | null = null;
  if (contractYear) {
    // The ledger judges a reservation's validity at its `now`: the moment the request counts as made.
    const ledgerContext = ledgerContextAt(
      book,
      { now: moment.requestedAt, templates: clock.templates },
      clock.serviceCreditDays,
    );
    const grant = checkAllowance(
      { ...book, goLiveBookings: others },
      'goLiveEvents',
      window.localDate,
      ledgerContext,
      { reservationId: moment.reservationId, acceptBillable: request.acceptBillable },
    );
    if (grant.ok) {
      billable = grant.value.billable;
      allowance = grant.value.line;
      checks.push(
        passed(
          'allowance',
          allowanceMessage(grant.value.line, grant.value.billable, reservation, others, moment),
          allowanceNumbers(grant.value.line, grant.value.billable),
        ),
      );
    } else {
      checks.push(failed('allowance', grant.rejection));
    }
  }

  return { checks, window, contractYear, moment, noticeDeadline: deadline, billable, allowance };
}

function allowanceNumbers(line: AllowanceLine, billable: boolean): RuleNumbers {
  return {
    contractYear: line.contractYear.index,
    available: line.available,
    used: line.used,
    reserved: line.reserved,
    remaining: line.remaining,
    billable,
  };
}

function allowanceMessage(
  line: AllowanceLine,
  billable: boolean,
  reservation: AllowanceReservation | null,
  others: readonly GoLiveBooking[],
  moment: RequestMoment,
): string {
  const year = line.contractYear.index;
  if (reservation && moment.reservationId === reservation.id) {
    const left = reservationState(reservation, others, moment.requestedAt).unspent - 1;
    return `Included: spends ${reservationInWords(reservation)}, ${left} of its ${reservation.quantity} left after this.`;
  }
  if (billable) {
    return `Billable: no Go Live events left in contract year ${year} (${line.used} of ${line.available} used, ${line.reserved} reserved); the customer accepted to pay.`;
  }
  return `Included: ${line.remaining - 1} of ${line.available} Go Live events left in contract year ${year} after this one.`;
}

/** The verdict on a request: the first refusal, or the evaluation to book from. */
export function goLiveVerdict(
  evaluation: GoLiveEvaluation,
): Result<GoLiveEvaluation & { window: GoLiveWindow; billable: boolean }> {
  const failure = firstFailure(evaluation.checks);
  if (failure) return { ok: false, rejection: failure };
  const { window, billable } = evaluation;
  if (!window || billable === null) {
    return reject('invalid-input', 'This Go Live could not be judged; check the date, time and length.', {
      field: 'date',
    });
  }
  return { ok: true, value: { ...evaluation, window, billable } };
}

export type StaffingGroup = {
  /** From the earliest start to the latest end of the group's windows. */
  startsAt: Instant;
  endsAt: Instant;
  bookings: GoLiveBooking[];
  /** How many windows the group chains together. */
  count: number;
  /** The most windows running at the same moment: the engineers needed at the peak. */
  peak: number;
  customerIds: string[];
};

/**
 * Team staffing for the Schedule view: booked windows of any customers that overlap, directly or
 * through a chain, grouped together. Windows that overlap nothing are left out.
 */
export function overlappingWindows(bookings: readonly GoLiveBooking[]): StaffingGroup[] {
  const booked = bookings
    .filter((booking) => booking.status === 'booked')
    .sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : 0));
  const groups: StaffingGroup[] = [];
  let current: GoLiveBooking[] = [];
  let currentEnd = '';
  const close = () => {
    if (current.length >= 2) groups.push(staffingGroup(current, currentEnd));
  };
  for (const booking of booked) {
    if (current.length > 0 && booking.startsAt < currentEnd) {
      current.push(booking);
      if (booking.endsAt > currentEnd) currentEnd = booking.endsAt;
    } else {
      close();
      current = [booking];
      currentEnd = booking.endsAt;
    }
  }
  close();
  return groups;
}

function staffingGroup(bookings: GoLiveBooking[], endsAt: Instant): StaffingGroup {
  // Ends sort before starts at the same instant: back-to-back windows need no extra engineer.
  const edges = bookings.flatMap((booking) => [
    { at: booking.startsAt, delta: 1 },
    { at: booking.endsAt, delta: -1 },
  ]);
  edges.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.delta - b.delta));
  let running = 0;
  let peak = 0;
  for (const edge of edges) {
    running += edge.delta;
    if (running > peak) peak = running;
  }
  return {
    startsAt: bookings[0]?.startsAt ?? endsAt,
    endsAt,
    bookings,
    count: bookings.length,
    peak,
    customerIds: [...new Set(bookings.map((booking) => booking.customerId))],
  };
}
