// An import's planned batch through the console's one write path: all rows saved with their outbox
// entries, or — when the book changed between preview and confirm — none. Real Dexie under
// fake-indexeddb.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { planImport, recordColumns } from '../../src/core/csvImport';
import { planTemplates } from '../../src/core/plans';
import { readAllCustomerRecords, readCustomerBook, groupIntoBooks } from '../../src/renderer/src/db/books';
import { applyLocalMutations } from '../../src/renderer/src/db/localMutations';
import { db, resetConsoleDatabase } from '../../src/renderer/src/db/schema';
import { saveSettings } from '../../src/renderer/src/db/settings';
import { csvText, parseCsv } from '../../src/renderer/src/exports/csvText';
import { aContext } from '../support/fixtures';

const now = '2026-04-01T08:00:00.000Z';

function row(cells: Partial<Record<(typeof recordColumns)[number], string>>): string[] {
  return recordColumns.map((column) => cells[column] ?? '');
}

const file = csvText({
  columns: [...recordColumns],
  rows: [
    row({
      record: 'customer',
      customer_id: 'c-1',
      name: 'Alpen AG',
      country: 'CH',
      time_zone: 'Europe/Zurich',
    }),
    row({
      record: 'contract',
      customer_id: 'c-1',
      contract_id: 'k-1',
      plan_id: 'edge-enterprise',
      start_date: '2026-01-01',
      term_months: '12',
    }),
    row({
      record: 'contact',
      customer_id: 'c-1',
      contact_id: 'p-1',
      name: 'Anna',
      role: 'billing',
      email: 'anna@alpen.example',
    }),
  ],
});

async function planFromDatabase() {
  const customers = await db.customers.toArray();
  const books = groupIntoBooks(customers, await readAllCustomerRecords());
  const parsed = parseCsv(file);
  return planImport(parsed.columns, parsed.rows, books, { ...aContext(now), templates: planTemplates });
}

beforeEach(async () => {
  await resetConsoleDatabase();
  await saveSettings({ userId: 'tam-01', userName: 'Ana Lima', role: 'tam', timeZone: 'Europe/Zurich' });
});

describe('applying an import', () => {
  it('saves every row in one batch, each queued for the team', async () => {
    const plan = await planFromDatabase();
    const result = await applyLocalMutations(plan.requests, now);
    expect(result).toMatchObject({ ok: true, mutationIds: [1, 2, 3] });
    const book = await readCustomerBook('c-1');
    expect([book?.customer.name, book?.contract?.id, book?.contacts.map((contact) => contact.id)]).toEqual([
      'Alpen AG',
      'k-1',
      ['p-1'],
    ]);
    expect(await db.outbox.count()).toBe(3);
  });

  it('a contract added between preview and confirm refuses the batch, and nothing of the file is saved', async () => {
    const plan = await planFromDatabase();
    // Someone else's change lands first: the customer now exists with another contract.
    await applyLocalMutations(
      [
        plan.requests[0] as (typeof plan.requests)[number],
        {
          name: 'createContract',
          version: 1,
          args: {
            contract: {
              id: 'other',
              customerId: 'c-1',
              planId: 'edge-enterprise',
              startDate: '2026-02-01',
              termMonths: 12,
            },
          },
        },
      ],
      now,
    );
    const before = await db.outbox.count();
    const result = await applyLocalMutations(plan.requests, now);
    expect(result).toMatchObject({ ok: false, index: 0, rejection: { code: 'already-exists' } });
    expect(await db.outbox.count()).toBe(before);
    expect((await readCustomerBook('c-1'))?.contacts).toEqual([]);
    expect((await readCustomerBook('c-1'))?.contract?.id).toBe('other');
  });
});
