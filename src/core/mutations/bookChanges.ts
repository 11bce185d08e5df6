// A book with a mutation's changes applied, without touching the original: for a batch whose next
// mutation must see the last one's records, and for forms that preview a change before saving.
import { emptyBook, type CustomerBook } from '../records';
import type { Changes } from './mutation';

export function bookWithChanges(book: CustomerBook | null, changes: Changes): CustomerBook | null {
  let next = book;
  for (const change of changes.put) {
    if (change.table === 'customers') {
      next = next ? { ...next, customer: change.record } : emptyBook(change.record);
      continue;
    }
    if (!next || change.table === 'planTemplates') continue;
    if (change.table === 'contracts') {
      next = { ...next, contract: change.record };
      continue;
    }
    const list = next[change.table] as { id: string }[];
    const record = change.record as { id: string };
    const at = list.findIndex((existing) => existing.id === record.id);
    const updated = at >= 0 ? list.map((existing, i) => (i === at ? record : existing)) : [...list, record];
    next = { ...next, [change.table]: updated };
  }
  for (const change of changes.delete) {
    if (!next || change.table === 'planTemplates') continue;
    if (change.table === 'customers') {
      next = null;
      continue;
    }
    if (change.table === 'contracts') {
      if (next.contract?.id === change.id) next = { ...next, contract: null };
      continue;
    }
    const list = next[change.table] as { id: string }[];
    next = { ...next, [change.table]: list.filter((existing) => existing.id !== change.id) };
  }
  return next;
}
