// customerStatus from the core, memoized per book object and `now`: the team's books keep their
// identity until that customer changes, so a keystroke in the grid recomputes nothing.
import { customerStatus, type CustomerStatus } from '../../../core/customerStatus';
import type { PlanTemplate } from '../../../core/plans';
import type { CustomerBook } from '../../../core/records';
import type { Instant } from '../../../core/time';

type Cached = { now: Instant; templates: readonly PlanTemplate[]; status: CustomerStatus };

const cache = new WeakMap<CustomerBook, Cached>();

export function statusOf(
  book: CustomerBook,
  templates: readonly PlanTemplate[],
  now: Instant,
): CustomerStatus {
  const cached = cache.get(book);
  if (cached && cached.now === now && cached.templates === templates) return cached.status;
  const status = customerStatus(book, templates, now);
  cache.set(book, { now, templates, status });
  return status;
}
