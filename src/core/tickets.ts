// The response clock of tickets: initial-response and escalation objectives, their deadlines,
// how late they ran, the service credits that earns, and the state of a case at `now`.
// Everything here is a function of the tickets, the customer's plan and calendar, and `now`.
//
// Decisions (ARCHITECTURE.md, "Response objectives and service credits"):
// - The objective of the severity a ticket was opened with runs from `openedAt`. A raise to a
//   more severe level before the first response starts that level's objective at the raise;
//   the earlier of the deadlines applies, and its objective's clock measures lateness. A
//   lowering never loosens a deadline (it starts nothing), and changes after the first
//   response start nothing either.
// - Minutes late are counted on the objective's own clock: business minutes between deadline
//   and response on a business-hours objective. An objective still unanswered is late up to
//   `now`, or up to the moment the case was resolved (recorded, or by four days without reply),
//   since a closed case can no longer be answered late.
// - Service credits: "for every 15 minutes exceeding the objective, 1 day" is read as complete
//   blocks of 15 minutes only (floor): 14 min late = 0 days, 15 = 1, 29 = 1, 30 = 2.
// - Credits of a ticket still unanswered accrue up to `now`, so the term end the contract shows
//   moves while a late ticket stays unanswered, and stops when it is answered or closed.
// - Escalations: the plan's standard objective for a management escalation in the ticket, the
//   urgent one for an urgent escalation; a plan without escalation objectives records
//   escalations but sets no deadline and earns no credits.
// - No reply: a case waiting on the customer for 96 h (four consecutive days, wall time, not
//   business days) counts as resolved at the end of those 96 h — except a ticket on a plan whose
//   critical tickets close only on confirmation while its current severity is rank 1.
// - At risk: an unanswered objective with at most a quarter of its minutes left, and never
//   less than 15 minutes (one credit block) ahead of its deadline.
//
// Speed: every recomputation starts from records fresh from storage, so nothing is remembered
// per record; instead the common case is made cheap. A ticket answered within its objective's
// minutes of wall time earns nothing whatever the clock (business time never runs faster than
// wall time), so it needs two instants read and no clock; the rest use the business clock's
// per-year tables. Instants are written out only for what is shown (open objectives).
import {
  addBusinessMillis,
  businessMillisBetween,
  calendarOn,
  type BusinessCalendar,
  type CustomerCalendar,
} from './businessClock';
import {
  findPlanTemplate,
  resolvePlan,
  type ClockId,
  type EffectivePlan,
  type PlanTemplate,
  type ResponseObjective,
  type Severity,
} from './plans';
import type { CustomerBook, Ticket } from './records';
import { HOUR_MS, instantMillis, MINUTE_MS, toInstant, type Instant } from './time';

export const CREDIT_BLOCK_MINUTES = 15;
export const NO_REPLY_HOURS = 96;
export const AT_RISK_SHARE = 0.25;
export const AT_RISK_MIN_MINUTES = 15;

const NO_REPLY_MS = NO_REPLY_HOURS * HOUR_MS;

export type Resolution = NonNullable<Ticket['resolution']>;

export function severityOnPlan(plan: EffectivePlan, severityId: string): Severity | null {
  for (const severity of plan.severities) if (severity.id === severityId) return severity;
  return null;
}

/** The initial-response objective of a severity on the plan; null: best effort, no deadline, no credits. */
export function initialResponseObjective(plan: EffectivePlan, severityId: string): ResponseObjective | null {
  return severityOnPlan(plan, severityId)?.initialResponse ?? null;
}

export function currentSeverity(ticket: Ticket): string {
  return (ticket.severityHistory[ticket.severityHistory.length - 1] as Ticket['severityHistory'][number])
    .severity;
}

/** Service-credit days for lateness: one day per complete 15 minutes late. */
export function serviceCreditDays(minutesLate: number): number {
  return minutesLate > 0 ? Math.floor(minutesLate / CREDIT_BLOCK_MINUTES) : 0;
}

/** One objective of a ticket: what must be answered, on which clock, by when. */
export type ResponseDue = {
  ticketId: string;
  kind: 'initial-response' | 'escalation';
  /** For escalations; null for the initial response. */
  escalationId: string | null;
  urgent: boolean;
  /** The severity whose objective governs the initial response; null for escalations. */
  severity: string | null;
  objective: ResponseObjective;
  startsAt: Instant;
  deadline: Instant;
  answeredAt: Instant | null;
};

/** zone -> country -> region ('' for none) -> clock -> the calendar; a team has a handful of places. */
const calendars = new Map<string, Map<string, Map<string, Map<ClockId, BusinessCalendar>>>>();
let lastCalendar: BusinessCalendar | null = null;

/**
 * The customer's calendar on one clock: the same object for the same place and clock, found by
 * value (no key to build), so the business clock finds its tables at once. Never mutated.
 */
function clockIn(place: CustomerCalendar, clock: ClockId): BusinessCalendar {
  const last = lastCalendar;
  if (
    last !== null &&
    last.clock === clock &&
    last.timeZone === place.timeZone &&
    last.country === place.country &&
    last.region === place.region
  ) {
    return last;
  }
  let byCountry = calendars.get(place.timeZone);
  if (!byCountry) {
    byCountry = new Map();
    calendars.set(place.timeZone, byCountry);
  }
  let byRegion = byCountry.get(place.country);
  if (!byRegion) {
    byRegion = new Map();
    byCountry.set(place.country, byRegion);
  }
  const region = place.region ?? '';
  let byClock = byRegion.get(region);
  if (!byClock) {
    byClock = new Map();
    byRegion.set(region, byClock);
  }
  let found = byClock.get(clock);
  if (!found || found.region !== place.region) {
    found = calendarOn(place, clock);
    byClock.set(clock, found);
  }
  lastCalendar = found;
  return found;
}

/** An objective of a ticket in working form, on epoch milliseconds. */
type Run = {
  kind: ResponseDue['kind'];
  escalationId: string | null;
  urgent: boolean;
  severity: string | null;
  objective: ResponseObjective;
  clock: BusinessCalendar;
  startsAt: Instant;
  /** The deadline; written out as an instant only for what is shown. */
  deadlineMillis: number;
  answeredAt: Instant | null;
};

function runOf(
  place: CustomerCalendar,
  objective: ResponseObjective,
  startsAt: Instant,
  escalation: Ticket['escalations'][number] | null,
  severity: string | null,
  answeredAt: Instant | null,
): Run {
  const clock = clockIn(place, objective.clock);
  const deadlineMillis = addBusinessMillis(clock, instantMillis(startsAt), objective.minutes * MINUTE_MS);
  return {
    kind: escalation ? 'escalation' : 'initial-response',
    escalationId: escalation ? escalation.id : null,
    urgent: escalation ? escalation.urgent : false,
    severity,
    objective,
    clock,
    startsAt,
    deadlineMillis,
    answeredAt,
  };
}

/**
 * The initial-response objective that governs: the opening severity's from `openedAt`, or a
 * raise's from the raise when that deadline is earlier (see the decisions above).
 */
function initialRun(ticket: Ticket, plan: EffectivePlan, place: CustomerCalendar): Run | null {
  let governing: Run | null = null;
  let previousRank = Number.POSITIVE_INFINITY;
  const history = ticket.severityHistory;
  for (let index = 0; index < history.length; index += 1) {
    const entry = history[index] as Ticket['severityHistory'][number];
    const severity = severityOnPlan(plan, entry.severity);
    const rank = severity?.rank ?? Number.POSITIVE_INFINITY;
    const raisedBeforeResponse =
      index > 0 &&
      rank < previousRank &&
      entry.at >= ticket.openedAt &&
      (ticket.firstResponseAt === null || entry.at < ticket.firstResponseAt);
    previousRank = rank;
    if ((index > 0 && !raisedBeforeResponse) || !severity?.initialResponse) continue;
    const startsAt = index === 0 ? ticket.openedAt : entry.at;
    const run = runOf(
      place,
      severity.initialResponse,
      startsAt,
      null,
      entry.severity,
      ticket.firstResponseAt,
    );
    if (!governing || run.deadlineMillis < governing.deadlineMillis) governing = run;
  }
  return governing;
}

function escalationObjective(plan: EffectivePlan, urgent: boolean): ResponseObjective | null {
  if (!plan.escalation) return null;
  return urgent ? plan.escalation.urgent : plan.escalation.standard;
}

function escalationRuns(ticket: Ticket, plan: EffectivePlan, place: CustomerCalendar): Run[] {
  const runs: Run[] = [];
  for (const escalation of ticket.escalations) {
    const objective = escalationObjective(plan, escalation.urgent);
    if (!objective) continue;
    runs.push(runOf(place, objective, escalation.at, escalation, null, escalation.respondedAt));
  }
  return runs;
}

function dueOf(ticket: Ticket, run: Run): ResponseDue {
  return {
    ticketId: ticket.id,
    kind: run.kind,
    escalationId: run.escalationId,
    urgent: run.urgent,
    severity: run.severity,
    objective: run.objective,
    startsAt: run.startsAt,
    deadline: toInstant(run.deadlineMillis),
    answeredAt: run.answeredAt,
  };
}

/** The initial-response objective that governs the ticket, with its deadline; null when none applies. */
export function initialResponseDue(
  ticket: Ticket,
  plan: EffectivePlan,
  calendar: CustomerCalendar,
): ResponseDue | null {
  const run = initialRun(ticket, plan, calendar);
  return run ? dueOf(ticket, run) : null;
}

/** The escalation objectives of a ticket with their deadlines (none on a plan without them). */
export function escalationsDue(
  ticket: Ticket,
  plan: EffectivePlan,
  calendar: CustomerCalendar,
): ResponseDue[] {
  return escalationRuns(ticket, plan, calendar).map((run) => dueOf(ticket, run));
}

export type CaseState =
  | {
      status: 'open';
      waitingOnCustomerSince: Instant | null;
      /** When four days of silence will resolve the case; null when not waiting, or when only confirmation closes it. */
      resolvesWithoutReplyAt: Instant | null;
      closesOnlyOnConfirmation: boolean;
    }
  | {
      status: 'resolved';
      resolution: Resolution;
      resolvedAt: Instant;
      /** False when the four-day rule resolved it and nobody has closed the record yet. */
      recorded: boolean;
    };

/** A critical ticket on a plan whose critical tickets close only when the customer confirms (appliance). */
export function closesOnlyOnConfirmation(ticket: Ticket, plan: EffectivePlan): boolean {
  return (
    plan.template.criticalClosesOnlyOnConfirmation &&
    severityOnPlan(plan, currentSeverity(ticket))?.rank === 1
  );
}

/** When four days of waiting on the customer end, or null when not waiting. */
export function noReplyDeadline(ticket: Ticket): Instant | null {
  if (!ticket.awaitingCustomerSince) return null;
  return toInstant(instantMillis(ticket.awaitingCustomerSince) + NO_REPLY_MS);
}

export function caseStateAt(ticket: Ticket, plan: EffectivePlan, now: Instant): CaseState {
  if (ticket.status === 'resolved') {
    return {
      status: 'resolved',
      resolution: ticket.resolution ?? 'customer-confirmed',
      resolvedAt: ticket.resolvedAt ?? ticket.openedAt,
      recorded: true,
    };
  }
  const confirmationOnly = closesOnlyOnConfirmation(ticket, plan);
  const silentUntil = confirmationOnly ? null : noReplyDeadline(ticket);
  if (silentUntil !== null && silentUntil <= now) {
    return { status: 'resolved', resolution: 'no-reply', resolvedAt: silentUntil, recorded: false };
  }
  return {
    status: 'open',
    waitingOnCustomerSince: ticket.awaitingCustomerSince,
    resolvesWithoutReplyAt: silentUntil,
    closesOnlyOnConfirmation: confirmationOnly,
  };
}

/**
 * Where an unanswered objective's clock stops: `now`, or the moment the case was resolved
 * (recorded, or by four days without reply), whichever is first.
 */
function clockStopMillis(ticket: Ticket, plan: EffectivePlan, nowMillis: number): number {
  let stop = nowMillis;
  if (ticket.status === 'resolved') {
    if (ticket.resolvedAt !== null) stop = instantMillis(ticket.resolvedAt);
  } else if (ticket.awaitingCustomerSince !== null && !closesOnlyOnConfirmation(ticket, plan)) {
    stop = instantMillis(ticket.awaitingCustomerSince) + NO_REPLY_MS;
  }
  return Math.min(stop, nowMillis);
}

/** When an objective's clock stopped: its answer, but never after the case was resolved. */
function endMillis(answeredAt: Instant | null, untilMillis: number): number {
  return answeredAt === null ? untilMillis : Math.min(instantMillis(answeredAt), untilMillis);
}

function lateMinutesOf(run: Run, untilMillis: number): number {
  const end = endMillis(run.answeredAt, untilMillis);
  if (end <= run.deadlineMillis) return 0;
  return Math.max(0, businessMillisBetween(run.clock, run.deadlineMillis, end)) / MINUTE_MS;
}

/** Business minutes (on the objective's clock) by which `due` was or is being missed; 0 when in time. */
export function minutesLate(due: ResponseDue, calendar: CustomerCalendar, until: Instant): number {
  const deadlineMillis = instantMillis(due.deadline);
  const end = endMillis(due.answeredAt, instantMillis(until));
  if (end <= deadlineMillis) return 0;
  const clock = clockIn(calendar, due.objective.clock);
  return Math.max(0, businessMillisBetween(clock, deadlineMillis, end)) / MINUTE_MS;
}

export type ObjectiveOutcome = ResponseDue & { minutesLate: number; creditDays: number };

/** A ticket's objectives with their deadlines: the governing initial response, then escalations. */
function runsOf(ticket: Ticket, plan: EffectivePlan, calendar: CustomerCalendar): Run[] {
  const runs = escalationRuns(ticket, plan, calendar);
  const initial = initialRun(ticket, plan, calendar);
  if (initial) runs.unshift(initial);
  return runs;
}

/** Every objective of a ticket with its lateness and credits at `now`. */
export function ticketObjectives(
  ticket: Ticket,
  plan: EffectivePlan,
  calendar: CustomerCalendar,
  now: Instant,
): ObjectiveOutcome[] {
  const until = clockStopMillis(ticket, plan, instantMillis(now));
  return runsOf(ticket, plan, calendar).map((run) => {
    const late = lateMinutesOf(run, until);
    return { ...dueOf(ticket, run), minutesLate: late, creditDays: serviceCreditDays(late) };
  });
}

/**
 * Credit days of one objective run from `startsMillis` and answered (or stopped) at `end`. Most
 * tickets are answered within the objective's minutes of wall time, and business time never
 * runs faster than wall time, so those need no clock at all; otherwise lateness is the business
 * time from the start less the objective (the same as from the deadline, since the deadline is
 * start + objective on the same clock).
 */
function creditDaysOfRun(
  clock: BusinessCalendar,
  minutes: number,
  startsMillis: number,
  end: number,
): number {
  const objectiveMillis = minutes * MINUTE_MS;
  if (end - startsMillis <= objectiveMillis) return 0;
  return serviceCreditDays((businessMillisBetween(clock, startsMillis, end) - objectiveMillis) / MINUTE_MS);
}

/** The service-credit days a ticket has earned by `now`: initial response and escalations. */
export function ticketCreditDays(
  ticket: Ticket,
  plan: EffectivePlan,
  calendar: CustomerCalendar,
  now: Instant,
): number {
  return creditDaysAt(ticket, plan, calendar, instantMillis(now));
}

/**
 * Whether an objective run from `startsMillis` and answered at `answeredAt` can earn nothing
 * whatever its clock and wherever the case stopped: answered within the objective's minutes of
 * wall time (the clock stops at the answer or earlier, and business time never runs faster).
 */
function answeredWithinWallTime(answeredAt: Instant | null, startsMillis: number, minutes: number): boolean {
  return answeredAt !== null && instantMillis(answeredAt) - startsMillis <= minutes * MINUTE_MS;
}

function creditDaysAt(
  ticket: Ticket,
  plan: EffectivePlan,
  calendar: CustomerCalendar,
  nowMillis: number,
): number {
  // Where the clocks stopped, worked out only when an objective needs it.
  let until = Number.NaN;
  let untilKnown = false;
  let days = 0;
  const history = ticket.severityHistory;
  if (history.length === 1) {
    const objective = initialResponseObjective(
      plan,
      (history[0] as Ticket['severityHistory'][number]).severity,
    );
    if (objective) {
      const startsMillis = instantMillis(ticket.openedAt);
      if (!answeredWithinWallTime(ticket.firstResponseAt, startsMillis, objective.minutes)) {
        until = clockStopMillis(ticket, plan, nowMillis);
        untilKnown = true;
        days += creditDaysOfRun(
          clockIn(calendar, objective.clock),
          objective.minutes,
          startsMillis,
          endMillis(ticket.firstResponseAt, until),
        );
      }
    }
  } else {
    const initial = initialRun(ticket, plan, calendar);
    if (initial) {
      until = clockStopMillis(ticket, plan, nowMillis);
      untilKnown = true;
      days += serviceCreditDays(lateMinutesOf(initial, until));
    }
  }
  for (const escalation of ticket.escalations) {
    const objective = escalationObjective(plan, escalation.urgent);
    if (!objective) continue;
    const startsMillis = instantMillis(escalation.at);
    if (answeredWithinWallTime(escalation.respondedAt, startsMillis, objective.minutes)) continue;
    if (!untilKnown) {
      until = clockStopMillis(ticket, plan, nowMillis);
      untilKnown = true;
    }
    days += creditDaysOfRun(
      clockIn(calendar, objective.clock),
      objective.minutes,
      startsMillis,
      endMillis(escalation.respondedAt, until),
    );
  }
  return days;
}

/** The customer's service-credit days by `now`: the days the contract adds to its term. */
export function customerServiceCreditDays(
  tickets: readonly Ticket[],
  plan: EffectivePlan,
  calendar: CustomerCalendar,
  now: Instant,
): number {
  return customerServiceCreditDaysAt(tickets, plan, calendar, instantMillis(now));
}

/** `customerServiceCreditDays` with `now` as epoch milliseconds, for callers that already read it. */
export function customerServiceCreditDaysAt(
  tickets: readonly Ticket[],
  plan: EffectivePlan,
  calendar: CustomerCalendar,
  nowMillis: number,
): number {
  let days = 0;
  for (const ticket of tickets) days += creditDaysAt(ticket, plan, calendar, nowMillis);
  return days;
}

export type ObjectiveStatus = 'met' | 'on-track' | 'at-risk' | 'breached';

export type OpenObjective = ObjectiveOutcome & {
  title: string;
  /** Business minutes (on the objective's clock) from `now` to the deadline, negative once late; null once answered. */
  minutesRemaining: number | null;
  status: ObjectiveStatus;
};

/** How close to its deadline an unanswered objective counts as at risk. */
export function atRiskMinutes(objective: ResponseObjective): number {
  return Math.max(AT_RISK_MIN_MINUTES, objective.minutes * AT_RISK_SHARE);
}

/**
 * The response objectives of a customer's open cases at `now`, for the Today view, soonest
 * deadline first. Answered ones are there too ('met', or 'breached' when answered late), so
 * the credits owed on an open case stay visible; unanswered ones are 'on-track', 'at-risk' or
 * 'breached'.
 */
export function openResponseObjectives(
  tickets: readonly Ticket[],
  plan: EffectivePlan,
  calendar: CustomerCalendar,
  now: Instant,
): OpenObjective[] {
  return openResponseObjectivesAt(tickets, plan, calendar, instantMillis(now));
}

/** `openResponseObjectives` with `now` as epoch milliseconds, for callers that already read it. */
export function openResponseObjectivesAt(
  tickets: readonly Ticket[],
  plan: EffectivePlan,
  calendar: CustomerCalendar,
  nowMillis: number,
): OpenObjective[] {
  const open: OpenObjective[] = [];
  for (const ticket of tickets) {
    if (ticket.status === 'resolved') continue;
    const until = clockStopMillis(ticket, plan, nowMillis);
    // Four days of silence resolved it.
    if (until < nowMillis) continue;
    for (const run of runsOf(ticket, plan, calendar)) {
      const late = lateMinutesOf(run, until);
      const minutesRemaining =
        run.answeredAt !== null
          ? null
          : businessMillisBetween(run.clock, nowMillis, run.deadlineMillis) / MINUTE_MS;
      let status: ObjectiveStatus;
      if (late > 0) status = 'breached';
      else if (minutesRemaining === null) status = 'met';
      else if (minutesRemaining <= atRiskMinutes(run.objective)) status = 'at-risk';
      else status = 'on-track';
      open.push({
        ticketId: ticket.id,
        kind: run.kind,
        escalationId: run.escalationId,
        urgent: run.urgent,
        severity: run.severity,
        objective: run.objective,
        startsAt: run.startsAt,
        deadline: toInstant(run.deadlineMillis),
        answeredAt: run.answeredAt,
        minutesLate: late,
        creditDays: serviceCreditDays(late),
        title: ticket.title,
        minutesRemaining,
        status,
      });
    }
  }
  return open.sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0));
}

/**
 * The plan that governs a customer's tickets. Severities and objectives do not vary by contract
 * year, so the first year's plan serves; null without a contract or with an unknown plan.
 */
export function ticketPlanOf(book: CustomerBook, templates: readonly PlanTemplate[]): EffectivePlan | null {
  const contract = book.contract;
  if (!contract) return null;
  const template = findPlanTemplate(contract.planId, templates);
  return template ? resolvePlan(template, contract.overrides, contract.addOns, 1) : null;
}

/** The days one customer's late responses add to the contract term, as of `now`. */
export function bookServiceCreditDays(
  book: CustomerBook,
  templates: readonly PlanTemplate[],
  now: Instant,
): number {
  if (book.tickets.length === 0) return 0;
  const plan = ticketPlanOf(book, templates);
  if (!plan) return 0;
  const { timeZone, country, region } = book.customer;
  return customerServiceCreditDays(book.tickets, plan, { timeZone, country, region }, now);
}
