// The console's Dexie schema, opened for real under fake-indexeddb.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { tableNames } from '../../src/core/records';
import { Dexie } from 'dexie';
import {
  destructiveUpgrade,
  openConsoleDatabase,
  PendingChangesBlockUpgrade,
  version1,
  version2,
  type ConsoleDatabase,
} from '../../src/renderer/src/db/schema';

let opened: ConsoleDatabase | null = null;

afterEach(async () => {
  await opened?.delete();
  opened = null;
});

describe('the console database, version 3', () => {
  it('has a table for every record table of the core, plus revisions, outbox, meta, shadows and exception requests', async () => {
    opened = openConsoleDatabase('schema-test-tables');
    await opened.open();
    expect(opened.verno).toBe(3);
    const names = opened.tables.map((table) => table.name).sort();
    expect(names).toEqual([...tableNames, 'customerRevisions', 'meta', 'outbox', 'shadows'].sort());
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

const pendingEntry = (mutationId: number, status: 'pending' | 'applied' = 'pending') => ({
  mutationId,
  name: 'createCustomer',
  version: 1,
  args: { customer: { id: `c${mutationId}` } },
  clientTime: '2026-04-01T08:00:00.000Z',
  customerId: `c${mutationId}`,
  summary: 'Created',
  status,
  rejection: null,
});

/** A database made by the version-1 console, with a customer and a pending change. */
async function aVersion1Database(name: string, status: 'pending' | 'applied' = 'pending'): Promise<void> {
  const old = new Dexie(name);
  old.version(1).stores(version1);
  await old.table('customers').put({ id: 'c1', name: 'Alpha AG' });
  await old.table('outbox').add(pendingEntry(1, status));
  await old.table('meta').put({ key: 'lastMutationId', value: 1 });
  await old.table('customerRevisions').put({ customerId: 'c1', revision: 5 });
  old.close();
}

describe('upgrading the console database', () => {
  it('a database made at version 1 opens at version 3 with its records, revisions and pending outbox intact', async () => {
    await aVersion1Database('schema-test-upgrade');
    opened = openConsoleDatabase('schema-test-upgrade');
    await opened.open();
    expect(opened.verno).toBe(3);
    // Version 3 indexes the revisions that were there: the books find changed customers by it.
    expect(await opened.customerRevisions.where('revision').above(4).toArray()).toEqual([
      { customerId: 'c1', revision: 5 },
    ]);
    expect(await opened.customers.get('c1')).toEqual({ id: 'c1', name: 'Alpha AG' });
    expect((await opened.outbox.toArray()).map((entry) => [entry.mutationId, entry.status])).toEqual([
      [1, 'pending'],
    ]);
    expect(await opened.meta.get('lastMutationId')).toEqual({ key: 'lastMutationId', value: 1 });
    expect(await opened.shadows.count()).toBe(0);
  });

  it('a destructive upgrade is refused while changes wait for the team, and the data stays as it was', async () => {
    await aVersion1Database('schema-test-guard');
    const newer = new Dexie('schema-test-guard');
    newer.version(1).stores(version1);
    newer.version(2).stores(version2);
    destructiveUpgrade(newer, 3, { contacts: null });
    await expect(newer.open()).rejects.toThrow(/^1 change still waits for the team server/);
    newer.close();
    const after = new Dexie('schema-test-guard');
    await after.open();
    expect(after.verno).toBe(1);
    expect(after.tables.map((table) => table.name)).toContain('contacts');
    expect(await after.table('outbox').count()).toBe(1);
    after.close();
    await Dexie.delete('schema-test-guard');
  });

  it('the same destructive upgrade runs once the outbox has nothing pending', async () => {
    await aVersion1Database('schema-test-guard-empty', 'applied');
    const newer = new Dexie('schema-test-guard-empty');
    newer.version(1).stores(version1);
    newer.version(2).stores(version2);
    destructiveUpgrade(newer, 3, { contacts: null });
    await newer.open();
    expect(newer.verno).toBe(3);
    expect(newer.tables.map((table) => table.name)).not.toContain('contacts');
    newer.close();
    await Dexie.delete('schema-test-guard-empty');
  });

  it('the refusal names how many changes wait', () => {
    expect(new PendingChangesBlockUpgrade(3).message).toBe(
      '3 changes still wait for the team server; the local database is not upgraded until they are sent.',
    );
  });
});
