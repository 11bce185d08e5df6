// The lifecycles of the entitlements besides Go Live — Best Practices Reviews, training days and
// custom configurations — and the Security Response Team flag. Each change is a pure function
// from the record and the change to the new record, or a rejection naming the rule.
//
// Decisions (ARCHITECTURE.md, "Reviews, training and configurations"):
// - Delivered, held and cancelled are final: a finished record is not reopened or edited, so the
//   ledger and what was billed never change behind the customer's back.
// - A review moves requested -> in-progress -> delivered; it cannot skip in-progress, and it is
//   delivered with at least one finding. Findings and the advisor may change while it is open.
// - A training day is marked held from its date on, never before. Topic and attendees may change
//   until it is cancelled (attendees are often completed after the day).
// - Cancelling a review, a training day or a configuration returns its unit (consumption.ts).
import type { EffectivePlan } from './plans';
import type { BestPracticesReview, CustomConfiguration, TrainingDay } from './records';
import { reject, type Result } from './rejection';
import type { Instant, IsoDate } from './time';

export type BestPracticesReviewStatus = BestPracticesReview['status'];
export type TrainingDayStatus = TrainingDay['status'];
export type CustomConfigurationStatus = CustomConfiguration['status'];

export const bestPracticesReviewTransitions: Readonly<
  Record<BestPracticesReviewStatus, readonly BestPracticesReviewStatus[]>
> = {
  requested: ['in-progress', 'cancelled'],
  'in-progress': ['delivered', 'cancelled'],
  delivered: [],
  cancelled: [],
};

export const trainingDayTransitions: Readonly<Record<TrainingDayStatus, readonly TrainingDayStatus[]>> = {
  scheduled: ['held', 'cancelled'],
  held: [],
  cancelled: [],
};

export const customConfigurationTransitions: Readonly<
  Record<CustomConfigurationStatus, readonly CustomConfigurationStatus[]>
> = {
  requested: ['delivered', 'cancelled'],
  delivered: [],
  cancelled: [],
};

function statusWords(status: string): string {
  return status.replace('-', ' ');
}

function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** Whether a record may move from one status to another, by the table of allowed transitions. */
export function checkTransition<S extends string>(
  what: string,
  transitions: Readonly<Record<S, readonly S[]>>,
  from: S,
  to: S,
): Result<null> {
  const allowed = transitions[from];
  if (allowed.includes(to)) return { ok: true, value: null };
  const numbers = { from, to };
  if (allowed.length === 0) {
    return reject(
      'invalid-transition',
      `A ${what} that is ${statusWords(from)} is final; it cannot become ${statusWords(to)}.`,
      {
        field: 'status',
        numbers,
      },
    );
  }
  return reject(
    'invalid-transition',
    `A ${what} that is ${statusWords(from)} can become ${listWords(allowed.map(statusWords))}, not ${statusWords(to)}.`,
    { field: 'status', numbers },
  );
}

export type BestPracticesReviewChange = {
  status: BestPracticesReviewStatus;
  /** Replaces the findings when given. */
  findings?: string[];
  /** Replaces the advisor when given (null: nobody yet). */
  advisorUserId?: string | null;
};

/** A review after a change of status, findings or advisor at `now`. */
export function changeBestPracticesReview(
  review: BestPracticesReview,
  change: BestPracticesReviewChange,
  now: Instant,
): Result<BestPracticesReview> {
  if (change.status !== review.status) {
    const allowed = checkTransition(
      'Best Practices Review',
      bestPracticesReviewTransitions,
      review.status,
      change.status,
    );
    if (!allowed.ok) return allowed;
  } else if (bestPracticesReviewTransitions[review.status].length === 0) {
    return reject(
      'invalid-transition',
      `This Best Practices Review is ${statusWords(review.status)}; it can no longer change.`,
      {
        field: 'status',
        numbers: { from: review.status, to: change.status },
      },
    );
  }
  const findings = change.findings ?? review.findings;
  if (change.status === 'delivered' && findings.length === 0) {
    return reject(
      'invalid-transition',
      'A Best Practices Review is delivered with at least one finding; this one has none.',
      {
        field: 'findings',
        numbers: { findings: 0 },
      },
    );
  }
  return {
    ok: true,
    value: {
      ...review,
      status: change.status,
      findings,
      advisorUserId: change.advisorUserId === undefined ? review.advisorUserId : change.advisorUserId,
      deliveredAt: change.status === 'delivered' ? now : review.deliveredAt,
    },
  };
}

export type TrainingDayChange = {
  topic?: string;
  attendees?: string[];
  status?: Exclude<TrainingDayStatus, 'scheduled'>;
};

/** Attendees as a list of distinct names, in the order given. */
export function distinctAttendees(attendees: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of attendees) {
    const name = raw.trim();
    const key = name.toLowerCase();
    if (name === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

/** A training day after a change; `today` is the customer's date, for the held-from-its-day rule. */
export function changeTrainingDay(
  day: TrainingDay,
  change: TrainingDayChange,
  today: IsoDate,
): Result<TrainingDay> {
  if (day.status === 'cancelled') {
    return reject(
      'invalid-transition',
      `The training on ${day.date} is cancelled; it can no longer change.`,
      {
        field: change.status ? 'status' : 'id',
        numbers: { from: day.status },
      },
    );
  }
  const status = change.status ?? day.status;
  if (status !== day.status) {
    const allowed = checkTransition('training day', trainingDayTransitions, day.status, status);
    if (!allowed.ok) return allowed;
    if (status === 'held' && today < day.date) {
      return reject(
        'invalid-transition',
        `The training on ${day.date} can be marked held from that day on; today is ${today}.`,
        { field: 'status', numbers: { date: day.date, today } },
      );
    }
  }
  return {
    ok: true,
    value: {
      ...day,
      status,
      topic: change.topic ?? day.topic,
      attendees: change.attendees ? distinctAttendees(change.attendees) : day.attendees,
    },
  };
}

/** A custom configuration after a change of status. */
export function changeCustomConfiguration(
  configuration: CustomConfiguration,
  status: CustomConfigurationStatus,
): Result<CustomConfiguration> {
  const allowed = checkTransition(
    'custom configuration',
    customConfigurationTransitions,
    configuration.status,
    status,
  );
  if (!allowed.ok) return allowed;
  return { ok: true, value: { ...configuration, status } };
}

export type SecurityResponseTeamEntitlement =
  | { entitled: true }
  | {
      entitled: false;
      /** `not-on-plan`: the plan has no Security Response Team at all. */
      reason: 'not-on-plan' | 'needs-ddos-addon';
      message: string;
    };

/** The Security Response Team is there only with the DDoS-protection add-on, on a plan that offers it. */
export function securityResponseTeamEntitled(plan: EffectivePlan): SecurityResponseTeamEntitlement {
  if (plan.securityResponseTeam) return { entitled: true };
  if (plan.template.securityResponseTeam === 'no') {
    return {
      entitled: false,
      reason: 'not-on-plan',
      message: `${plan.template.name} has no Security Response Team.`,
    };
  }
  return {
    entitled: false,
    reason: 'needs-ddos-addon',
    message: `${plan.template.name} includes the Security Response Team only with the DDoS-protection add-on.`,
  };
}
