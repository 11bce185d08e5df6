// The console's Dexie schema, opened for real under fake-indexeddb.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { tableNames } from '../../src/core/records';
import { openConsoleDatabase, type ConsoleDatabase } from '../../src/renderer/src/db/schema';

let opened: ConsoleDatabase | null = null;

afterEach(async () => {
  await opened?.delete();
  opened = null;
});

describe('the console database, version 1', () => {
  it('has a table for every record table of the core, plus revisions, outbox and meta', async () => {
    opened = openConsoleDatabase('schema-test-tables');
    await opened.open();
    expect(opened.verno).toBe(2);
    const names = opened.tables.map((table) => table.name).sort();
    expect(names).toEqual([...tableNames, 'customerRevisions', 'meta', 'outbox'].sort());
  });

  it("indexes every customer's records by customer, so one book is read without a scan", async () => {
    opened = openConsoleDatabase('schema-test-indexes');
    await opened.open();
    for (const name of tableNames) {
      if (name === 'planTemplates' || name === 'customers') continue;
      const indexes = opened.table(name).schema.indexes.map((index) => index.name);
      expect(indexes, name).toContain('customerId');
    }
    const calls = opened.reviewCalls.schema.indexes.map((index) => index.name);
    expect(calls).toContain('[seriesId+occurrenceDate]');
  });

  it('numbers outbox entries itself and refuses a mutation id twice', async () => {
    opened = openConsoleDatabase('schema-test-outbox');
    // Dexie writes the new key into the object it adds, so each add gets a fresh one.
    const entry = (mutationId: number) => ({
      mutationId,
      name: 'createCustomer',
      version: 1,
      args: {},
      clientTime: '2026-04-01T08:00:00.000Z',
      customerId: 'c1',
      summary: 'Created',
      status: 'pending' as const,
      rejection: null,
    });
    const first = await opened.outbox.add(entry(1));
    const second = await opened.outbox.add(entry(2));
    expect(second).toBeGreaterThan(first as number);
    await expect(opened.outbox.add(entry(1))).rejects.toThrow(/constraint/i);
  });

  it('keeps what was written when it is opened again', async () => {
    opened = openConsoleDatabase('schema-test-reopen');
    await opened.meta.put({ key: 'lastMutationId', value: 7 });
    opened.close();
    opened = openConsoleDatabase('schema-test-reopen');
    expect(await opened.meta.get('lastMutationId')).toEqual({ key: 'lastMutationId', value: 7 });
  });
});
