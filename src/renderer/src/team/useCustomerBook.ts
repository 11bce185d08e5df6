// One customer's book and the team's templates for the customer page: from the team's books once
// they are in memory, and straight from Dexie before that, so the page opens without waiting.
import { useLiveQuery } from 'dexie-react-hooks';
import type { PlanTemplate } from '../../../core/plans';
import type { CustomerBook } from '../../../core/records';
import { readCustomerBook, readTeamPlanTemplates } from '../db/books';
import { useTeamBooks } from './useTeamBooks';

export type CustomerBookState =
  | { state: 'loading' }
  | { state: 'missing' }
  | { state: 'ready'; book: CustomerBook; templates: readonly PlanTemplate[] };

export function useCustomerBook(customerId: string): CustomerBookState {
  const team = useTeamBooks();
  const own = useLiveQuery(
    async () =>
      team ? null : { book: await readCustomerBook(customerId), templates: await readTeamPlanTemplates() },
    [customerId, team === null],
  );
  if (team) {
    const book = team.byId.get(customerId);
    return book ? { state: 'ready', book, templates: team.templates } : { state: 'missing' };
  }
  if (!own) return { state: 'loading' };
  return own.book ? { state: 'ready', book: own.book, templates: own.templates } : { state: 'missing' };
}
