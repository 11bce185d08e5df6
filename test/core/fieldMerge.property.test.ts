// Per-field merge of plain edits: the later client time wins each field, whatever order the edits
// reach the server in, and an edit that lost a field says so.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runMutation, type MutationRequest } from '../../src/core/mutations';
import { planTemplates } from '../../src/core/plans';
import type { CustomerBook } from '../../src/core/records';
import { aBook } from '../support/fixtures';

type Edit = { at: string; by: string; patch: { name?: string; notes?: string; tamUserId?: string } };

function apply(book: CustomerBook, edit: Edit): { book: CustomerBook; summary: string } {
  const request: MutationRequest = {
    name: 'updateCustomer',
    version: 1,
    args: { id: book.customer.id, patch: edit.patch },
  };
  const outcome = runMutation(request, () => book, {
    now: '2026-05-01T00:00:00.000Z',
    clientTime: edit.at,
    actor: { userId: edit.by, role: 'tam' },
    templates: planTemplates,
  });
  if (!outcome.ok) throw new Error(outcome.rejection.message);
  const put = outcome.changes.put[0];
  if (put?.table !== 'customers') throw new Error('no customer written');
  return { book: { ...book, customer: put.record }, summary: outcome.summary };
}

const editArbitrary = fc.record({
  at: fc
    .integer({ min: 0, max: 20 })
    .map((minute) => `2026-04-01T09:${String(minute).padStart(2, '0')}:00.000Z`),
  by: fc.constantFrom('ana', 'ben', 'cy'),
  patch: fc.record(
    {
      name: fc.constantFrom('Alpha AG', 'Alpha Group', 'Alpha Holding'),
      notes: fc.constantFrom('VIP', 'quiet', ''),
      tamUserId: fc.constantFrom('ana', 'ben'),
    },
    { requiredKeys: [] },
  ),
});

describe('per-field merge of plain edits', () => {
  it('edits from different people or times give the same customer in any arrival order (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(editArbitrary, {
          minLength: 1,
          maxLength: 6,
          selector: (edit) => `${edit.at}|${edit.by}`,
        }),
        fc.func(fc.integer()),
        (edits, order) => {
          const shuffled = [...edits].sort((a, b) => order(a) - order(b));
          const base = aBook({ name: 'Base AG', notes: 'base' });
          const inOrder = edits.reduce((book, edit) => apply(book, edit).book, base);
          const reordered = shuffled.reduce((book, edit) => apply(book, edit).book, base);
          expect(reordered.customer).toEqual(inOrder.customer);
          // Each field holds the value of its latest edit (time, then user id).
          for (const field of ['name', 'notes', 'tamUserId'] as const) {
            const setting = edits.filter((edit) => edit.patch[field] !== undefined);
            const latest = setting.reduce<Edit | null>(
              (best, edit) =>
                !best || edit.at > best.at || (edit.at === best.at && edit.by > best.by) ? edit : best,
              null,
            );
            if (latest) expect(inOrder.customer[field]).toBe(latest.patch[field]);
          }
        },
      ),
    );
  });

  it('an edit older than the field it changes keeps the newer value and says whose it is', () => {
    const base = aBook({ name: 'Base AG' });
    const newer = apply(base, { at: '2026-04-01T09:30:00.000Z', by: 'ben', patch: { name: 'Ben Name' } });
    const older = apply(newer.book, {
      at: '2026-04-01T09:00:00.000Z',
      by: 'ana',
      patch: { name: 'Ana Name', notes: 'VIP' },
    });
    expect(older.book.customer.name).toBe('Ben Name');
    expect(older.book.customer.notes).toBe('VIP');
    expect(older.summary).toBe(
      "Updated Ben Name: notes; kept the team's later name (ben, 2026-04-01T09:30:00.000Z)",
    );
    expect(older.book.customer.fieldTimes).toEqual({
      name: { at: '2026-04-01T09:30:00.000Z', by: 'ben' },
      notes: { at: '2026-04-01T09:00:00.000Z', by: 'ana' },
    });
  });

  it('a record from before field merge (no clocks) takes any edit', () => {
    const base = aBook({ name: 'Old AG' });
    expect(base.customer.fieldTimes).toBeUndefined();
    const edited = apply(base, { at: '2020-01-01T00:00:00.000Z', by: 'ana', patch: { name: 'New AG' } });
    expect(edited.book.customer.name).toBe('New AG');
  });
});
