// Errors are values the user can act on: a rule that refused something says which rule,
// in words, with the numbers that decided it. Bad input names the field.
import type { z } from 'zod';

export type RejectionCode =
  | 'invalid-input'
  | 'unknown-mutation'
  | 'not-found'
  | 'already-exists'
  | 'forbidden'
  | 'invalid-transition'
  | 'outside-contract'
  | 'not-in-plan'
  | 'allowance-exhausted'
  | 'go-live-notice'
  | 'go-live-window'
  | 'go-live-overlap'
  | 'reservation-invalid'
  | 'schedule-conflict';

export type RuleNumbers = Record<string, number | string | boolean | null>;

export type Rejection = {
  code: RejectionCode;
  /** One sentence for the TAM, e.g. "Go Live needs 72 h notice; this gives 41 h 5 min." */
  message: string;
  /** The input field at fault, as a dotted path, when the fault is in one field. */
  field?: string;
  /** The figures the rule decided on, for the UI and for the Needs-attention inbox. */
  numbers?: RuleNumbers;
};

export type Result<T> = { ok: true; value: T } | { ok: false; rejection: Rejection };

export function reject(
  code: RejectionCode,
  message: string,
  extra: Omit<Rejection, 'code' | 'message'> = {},
): {
  ok: false;
  rejection: Rejection;
} {
  return { ok: false, rejection: { code, message, ...extra } };
}

export function accept<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** Turns the first zod issue into a rejection that names the field and what is wrong with it. */
export function rejectionFromZod(error: z.ZodError): Rejection {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  const what = issue?.message ?? 'is not valid';
  return {
    code: 'invalid-input',
    message: field ? `${field}: ${what}` : what,
    ...(field ? { field } : {}),
    numbers: { issues: error.issues.length },
  };
}
