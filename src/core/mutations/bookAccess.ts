// Small lookups every mutation needs, each returning a rejection the user can act on.
import { findPlanTemplate, type PlanTemplate } from '../plans';
import type { Contract, CustomerBook } from '../records';
import { reject, type Result } from '../rejection';

export function requireBook(book: CustomerBook | null, customerId: string): Result<CustomerBook> {
  if (!book) return reject('not-found', `Customer ${customerId} does not exist.`, { field: 'customerId' });
  return { ok: true, value: book };
}

export function requireContract(
  book: CustomerBook,
  templates: readonly PlanTemplate[],
): Result<{ contract: Contract; template: PlanTemplate }> {
  const contract = book.contract;
  if (!contract) {
    return reject('outside-contract', `${book.customer.name} has no contract yet; add one first.`, {
      field: 'customerId',
    });
  }
  const template = findPlanTemplate(contract.planId, templates);
  if (!template) {
    return reject('not-found', `The contract's plan "${contract.planId}" is not a known plan template.`, {
      field: 'planId',
    });
  }
  return { ok: true, value: { contract, template } };
}

export function requireRecord<T extends { id: string }>(
  records: readonly T[],
  id: string,
  what: string,
  field = 'id',
): Result<T> {
  const record = records.find((candidate) => candidate.id === id);
  if (!record) return reject('not-found', `${what} ${id} does not exist for this customer.`, { field });
  return { ok: true, value: record };
}

export function requireNew<T extends { id: string }>(
  records: readonly T[],
  id: string,
  what: string,
): Result<null> {
  if (records.some((candidate) => candidate.id === id)) {
    return reject('already-exists', `${what} ${id} already exists.`, { field: 'id' });
  }
  return { ok: true, value: null };
}
