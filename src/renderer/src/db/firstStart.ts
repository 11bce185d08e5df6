// First start: the book begins with demo data (the seeded team generator) or empty. Either way
// everything lives in this browser profile's IndexedDB; nothing needs a server.
import { flattenBook, generateTeamBook } from '../../../core/demoBook';
import type { Instant, IsoDate } from '../../../core/time';
import { bumpRevisions, customerRecordTables } from './books';
import { db, type Settings } from './schema';
import { ensureClientId } from './settings';

export const DEMO_SEED = 20260401;

export type DemoOptions = { customers: number; today: IsoDate; now: Instant };

/** Loads a demo team book of `customers` customers in one transaction, with my settings. */
export async function startWithDemoBook(settings: Settings, options: DemoOptions): Promise<number> {
  const { books } = generateTeamBook({
    customers: options.customers,
    seed: DEMO_SEED,
    today: options.today,
    now: options.now,
  });
  // The shipped templates are not stored: the store keeps only templates the team saved.
  const tables = flattenBook(books, []);
  await db.transaction(
    'rw',
    [db.customers, ...customerRecordTables.map((t) => db[t]), db.customerRevisions, db.meta],
    async () => {
      await db.customers.bulkPut(tables.customers);
      for (const table of customerRecordTables) await db.table(table).bulkPut(tables[table]);
      // Through bumpRevisions, so the team revision moves with them: the team's books find changed
      // customers by revisions above the one they were read at.
      await bumpRevisions(tables.customers.map((customer) => customer.id));
      await ensureClientId();
      await db.meta.put({ key: 'settings', value: settings });
      await db.meta.put({
        key: 'setup',
        value: { source: 'demo', at: options.now, customers: books.length },
      });
    },
  );
  return books.length;
}

export async function startWithEmptyBook(settings: Settings, now: Instant): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    await ensureClientId();
    await db.meta.put({ key: 'settings', value: settings });
    await db.meta.put({ key: 'setup', value: { source: 'empty', at: now, customers: 0 } });
  });
}
