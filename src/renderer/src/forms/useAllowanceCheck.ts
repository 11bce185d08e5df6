// Live allowance feedback for the review and training forms: the core's checkAllowance on the
// book as it stands, so the form says "included, N left" or offers booking as billable.
import { useMemo } from 'react';
import { checkAllowance, ledgerContextAt } from '../../../core/ledger';
import type { AllowanceKind, PlanTemplate } from '../../../core/plans';
import type { CustomerBook } from '../../../core/records';
import type { Rejection } from '../../../core/rejection';
import { bookServiceCreditDays } from '../../../core/tickets';
import type { Instant, IsoDate } from '../../../core/time';

export type AllowanceFeedback =
  | { state: 'included'; remainingAfter: number; contractYear: number }
  /** A custom-configuration site already counted in that contract year: nothing more is used. */
  | { state: 'already-counted'; contractYear: number }
  | { state: 'billable-needed'; rejection: Rejection }
  | { state: 'billable'; contractYear: number }
  | { state: 'refused'; rejection: Rejection };

export function useAllowanceCheck(
  book: CustomerBook,
  kind: AllowanceKind,
  date: IsoDate | null,
  acceptBillable: boolean,
  templates: readonly PlanTemplate[],
  now: Instant,
  site?: string,
): AllowanceFeedback | null {
  return useMemo(() => {
    if (!date) return null;
    const context = ledgerContextAt(book, { now, templates }, bookServiceCreditDays(book, templates, now));
    const grant = checkAllowance(
      book,
      kind,
      date,
      context,
      site ? { acceptBillable, site } : { acceptBillable },
    );
    if (!grant.ok) {
      return grant.rejection.code === 'allowance-exhausted'
        ? { state: 'billable-needed', rejection: grant.rejection }
        : { state: 'refused', rejection: grant.rejection };
    }
    const year = grant.value.line.contractYear.index;
    if (!grant.value.consumesUnit) return { state: 'already-counted', contractYear: year };
    return grant.value.billable
      ? { state: 'billable', contractYear: year }
      : { state: 'included', remainingAfter: grant.value.line.remaining - 1, contractYear: year };
  }, [book, kind, date, acceptBillable, templates, now, site]);
}
