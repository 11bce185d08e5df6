// A refused change's rule, as one headline with its numbers ("Go Live allowance: 5 of 5 used in
// contract year 2"), from the rejection's code and figures. The rejection's own sentence stays
// below it; the headline is what a TAM scans a long inbox for.
import type { RuleNumbers } from '../../../core/rejection';
import { formatMinutes } from '../../../core/time';

export type RefusalLike = { code: string; message: string; numbers?: RuleNumbers };

/** Which allowance a refused mutation draws on, by the mutation's name. */
const allowanceOf: Record<string, string> = {
  requestGoLive: 'Go Live allowance',
  reserveAllowance: 'Go Live allowance',
  requestBestPracticesReview: 'Best Practices Review allowance',
  scheduleTraining: 'Training day allowance',
  addCustomConfiguration: 'Custom configuration allowance',
};

const ruleNames: Record<string, string> = {
  'go-live-notice': 'Go Live notice',
  'go-live-window': 'Go Live window',
  'go-live-overlap': 'Go Live overlap',
  'reservation-invalid': 'Reservation',
  'outside-contract': 'Contract term',
  'not-in-plan': 'Not in the plan',
  forbidden: 'Permission',
  'not-found': 'Not found',
  'already-exists': 'Already exists',
  'invalid-transition': 'Not possible any more',
  'invalid-input': 'Invalid input',
  'unknown-mutation': 'Console out of date',
  'schedule-conflict': 'Schedule conflict',
  'mutation-failed': 'Server error',
};

function numberOf(numbers: RuleNumbers, key: string): number | null {
  const value = numbers[key];
  return typeof value === 'number' ? value : null;
}

/** The headline: the rule's name and the figures that decided it. */
export function ruleHeadline(mutationName: string, refusal: RefusalLike): string {
  const numbers = refusal.numbers ?? {};
  if (refusal.code === 'allowance-exhausted') {
    const name = allowanceOf[mutationName] ?? 'Allowance';
    const year = numberOf(numbers, 'contractYear');
    const used = numberOf(numbers, 'used');
    const available =
      numberOf(numbers, 'available') ??
      (numberOf(numbers, 'included') ?? 0) + (numberOf(numbers, 'addOn') ?? 0);
    const reserved = numberOf(numbers, 'reserved') ?? 0;
    if (used === null || year === null) return name;
    const held = reserved > 0 ? `, ${reserved} reserved` : '';
    return `${name}: ${used} of ${available} used${held} in contract year ${year}`;
  }
  if (refusal.code === 'go-live-notice') {
    const given = numberOf(numbers, 'noticeMinutes');
    const required = numberOf(numbers, 'requiredHours');
    if (given !== null && required !== null)
      return `Go Live notice: ${formatMinutes(Math.max(0, given))} given, ${required} h needed`;
  }
  if (refusal.code === 'go-live-window') {
    const length = numberOf(numbers, 'durationMinutes');
    const max = numberOf(numbers, 'maxMinutes');
    if (length !== null && max !== null)
      return `Go Live window: ${formatMinutes(length)} asked, at most ${formatMinutes(max)}`;
  }
  return ruleNames[refusal.code] ?? 'Refused by the team server';
}

/**
 * Whether the rule that refused it lets the customer pay instead: only an exhausted allowance, on
 * a mutation that takes `acceptBillable` (the ones that draw on an allowance).
 */
export function canBookAsBillable(mutationName: string, refusal: RefusalLike): boolean {
  return (
    refusal.code === 'allowance-exhausted' &&
    mutationName in allowanceOf &&
    mutationName !== 'reserveAllowance'
  );
}
