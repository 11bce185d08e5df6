// Reading customers' books from Dexie and writing a mutation's changes back. Every write to a
// customer's records goes through writeChanges, which bumps that customer's revision in the same
// transaction so the team's books in memory reload just that customer.
import type { Changes } from '../../../core/mutations';
import { teamPlanTemplates } from '../../../core/syncProtocol';
import { planTemplates, type PlanTemplate } from '../../../core/plans';
import {
  emptyBook,
  type Customer,
  type CustomerBook,
  type RecordOf,
  type TableName,
} from '../../../core/records';
import { db } from './schema';

/** The tables that hold one customer's records, besides the customer itself. */
export const customerRecordTables = [
  'contracts',
  'contacts',
  'projects',
  'reviewSeries',
  'reviewCalls',
  'tamTimeEntries',
  'goLiveBookings',
  'allowanceReservations',
  'bestPracticesReviews',
  'trainingDays',
  'customConfigurations',
  'tickets',
  'exceptionRequests',
] as const satisfies readonly TableName[];

export type CustomerRecordTable = (typeof customerRecordTables)[number];

/** Every table a customer's book is read from: for Dexie transactions. */
export function bookTables() {
  return [db.customers, ...customerRecordTables.map((table) => db[table]), db.customerRevisions, db.meta];
}

type AnyCustomerRecord = RecordOf<CustomerRecordTable>;

/** Files one record into its book; a second contract for a customer is ignored (one contract each). */
function file(book: CustomerBook, table: CustomerRecordTable, record: AnyCustomerRecord): void {
  if (table === 'contracts') {
    if (!book.contract) book.contract = record as RecordOf<'contracts'>;
    return;
  }
  (book[table] as AnyCustomerRecord[]).push(record);
}

export type CustomerRecordLists = { [T in CustomerRecordTable]: readonly RecordOf<T>[] };

/**
 * Reads a whole table a few thousand records at a time: each answer is turned into objects on the
 * main thread, and small answers leave room for keystrokes in between.
 */
async function readInChunks<T extends { id: string }>(table: string, chunk = 4000): Promise<T[]> {
  const all: T[] = [];
  let after = '';
  for (;;) {
    const rows = await db.table<T, string>(table).where(':id').above(after).limit(chunk).toArray();
    all.push(...rows);
    if (rows.length < chunk) return all;
    after = (rows[rows.length - 1] as T).id;
  }
}

/** Every customer record of every table, for the first read of the team's books. */
export async function readAllCustomerRecords(): Promise<CustomerRecordLists> {
  const lists: AnyCustomerRecord[][] = [];
  for (const table of customerRecordTables) lists.push(await readInChunks<AnyCustomerRecord>(table));
  // Each list came from the table of the same position.
  return Object.fromEntries(
    customerRecordTables.map((table, index) => [table, lists[index] ?? []]),
  ) as unknown as CustomerRecordLists;
}

/** Groups records of many customers into books, in the customers' order. */
export function groupIntoBooks(customers: readonly Customer[], records: CustomerRecordLists): CustomerBook[] {
  const byId = new Map<string, CustomerBook>();
  const books = customers.map((customer) => {
    const book = emptyBook(customer);
    byId.set(customer.id, book);
    return book;
  });
  for (const table of customerRecordTables) {
    for (const record of records[table] as readonly AnyCustomerRecord[]) {
      const book = byId.get(record.customerId);
      if (book) file(book, table, record);
    }
  }
  return books;
}

/** One customer's book, or null when there is no such customer. Call inside a transaction for a consistent read. */
export async function readCustomerBook(customerId: string): Promise<CustomerBook | null> {
  // The customer and its records in one round of reads: this is on the path of every change.
  const [customer, lists] = await Promise.all([
    db.customers.get(customerId),
    Promise.all(
      customerRecordTables.map((table) =>
        db.table<AnyCustomerRecord, string>(table).where('customerId').equals(customerId).toArray(),
      ),
    ),
  ]);
  if (!customer) return null;
  const book = emptyBook(customer);
  customerRecordTables.forEach((table, index) => {
    for (const record of lists[index] ?? []) file(book, table, record);
  });
  return book;
}

/** The team's plan templates: the shipped ones, replaced or extended by those the team saved. */
export async function readTeamPlanTemplates(): Promise<PlanTemplate[]> {
  return teamPlanTemplates(planTemplates, await db.planTemplates.toArray());
}

function customerIdOf(table: TableName, record: { id: string; customerId?: string }): string | null {
  if (table === 'customers') return record.id;
  if (table === 'planTemplates') return null;
  return record.customerId ?? null;
}

/**
 * Writes a mutation's puts and deletes and bumps the revision of every customer it touched.
 * Must run inside a read-write transaction over the tables it writes and customerRevisions.
 */
export async function writeChanges(changes: Changes): Promise<Set<string>> {
  const touched = new Set<string>();
  for (const change of changes.put) {
    await db.table<RecordOf<TableName>, string>(change.table).put(change.record);
    const customerId = customerIdOf(change.table, change.record);
    if (customerId) touched.add(customerId);
  }
  for (const change of changes.delete) {
    const table = db.table<RecordOf<TableName>, string>(change.table);
    const existing = await table.get(change.id);
    await table.delete(change.id);
    const customerId = existing ? customerIdOf(change.table, existing) : null;
    if (customerId) touched.add(customerId);
  }
  await bumpRevisions(touched);
  return touched;
}

/**
 * Bumps the team's revision and stamps each customer with it: a customer's revision is the team
 * revision of its last change, so the customers changed since a read at team revision r are those
 * above r (an index read, not a scan of every customer). Inside a read-write transaction over both.
 */
export async function bumpRevisions(customerIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(customerIds)];
  if (ids.length === 0) return;
  const revision = (await readTeamRevision()) + 1;
  // One write however many customers: a pulled page touches thousands at first sync.
  await db.customerRevisions.bulkPut(ids.map((customerId) => ({ customerId, revision })));
  await db.meta.put({ key: 'teamRevision', value: revision });
}

export async function readTeamRevision(): Promise<number> {
  const entry = await db.meta.get('teamRevision');
  return entry?.key === 'teamRevision' ? entry.value : 0;
}
