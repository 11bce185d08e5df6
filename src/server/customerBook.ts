// A customer's book as the server holds it: the records table's rows for one customer, put
// together for the core's mutations, and kept current in memory while one push runs.
import type { BookTable, Changes, RecordPut } from '../core/mutations/mutation';
import type { PlanTemplate } from '../core/plans';
import type { CustomerBook, TableName } from '../core/records';
import { emptyBook, recordSchemas } from '../core/records';

/** Tables held as lists in a book (all but the customer itself, its contract and the team's templates). */
type ListTable = Exclude<TableName, 'planTemplates' | 'customers' | 'contracts'>;
type RecordLike = { id: string } & Record<string, unknown>;

function isListTable(table: string): table is ListTable {
  return (
    table in recordSchemas && table !== 'planTemplates' && table !== 'customers' && table !== 'contracts'
  );
}

function listOf(book: CustomerBook, table: ListTable): RecordLike[] {
  return book[table] as unknown as RecordLike[];
}

/** The customer a record belongs to: its customerId, a customer's own id, null for team-wide tables. */
export function customerIdOf(table: TableName, record: object): string | null {
  if (table === 'planTemplates') return null;
  if (table === 'customers') return (record as { id: string }).id;
  return (record as { customerId: string }).customerId;
}

/**
 * A push read only some of a book's tables (the `reads` of its mutations) and something reached
 * for another: the push runs again on whole books.
 */
export class BookTableNotLoaded extends Error {
  constructor(readonly table: BookTable) {
    super(`The book's ${table} were not loaded for this push.`);
    this.name = 'BookTableNotLoaded';
  }
}

const bookTables = Object.keys(recordSchemas).filter(
  (table): table is BookTable => table !== 'customers' && table !== 'planTemplates',
);

/**
 * Assembles a book from the customer's live rows; null when the customer record is not among
 * them. With `tables`, the rows hold only those tables: every other one throws
 * BookTableNotLoaded when it is read or written, so no rule ever mistakes it for empty.
 */
export function bookFromRows(
  rows: readonly { table_name: string; data: unknown }[],
  tables: ReadonlySet<BookTable> | null = null,
): CustomerBook | null {
  const customer = rows.find((row) => row.table_name === 'customers');
  if (!customer) return null;
  const book = emptyBook(customer.data as CustomerBook['customer']);
  if (tables) {
    for (const table of bookTables) {
      if (tables.has(table)) continue;
      const missing = (): never => {
        throw new BookTableNotLoaded(table);
      };
      Object.defineProperty(book, table === 'contracts' ? 'contract' : table, {
        get: missing,
        set: missing,
        enumerable: true,
      });
    }
  }
  for (const row of rows) {
    if (row.table_name === 'contracts') {
      // One contract per customer; should two ever exist, the later start governs.
      const contract = row.data as NonNullable<CustomerBook['contract']>;
      if (!book.contract || contract.startDate > book.contract.startDate) book.contract = contract;
    } else if (isListTable(row.table_name)) {
      listOf(book, row.table_name).push(row.data as RecordLike);
    }
  }
  return book;
}

/** The record a book holds under (table, id), for the audit log's "before". */
export function recordInBook(book: CustomerBook | null, table: TableName, id: string): object | null {
  if (!book) return null;
  if (table === 'customers') return book.customer.id === id ? book.customer : null;
  if (table === 'contracts') return book.contract?.id === id ? book.contract : null;
  if (!isListTable(table)) return null;
  return listOf(book, table).find((record) => record.id === id) ?? null;
}

/**
 * Applies a mutation's changes to the in-memory book, in place (no copy of the book or its lists),
 * so the next mutation of the push sees them.
 */
export function applyToBook(book: CustomerBook | null, changes: Changes): CustomerBook | null {
  let current = book;
  for (const { table, record } of changes.put as RecordPut[]) {
    if (table === 'customers') {
      if (current) current.customer = record;
      else current = emptyBook(record);
    } else if (!current) continue;
    else if (table === 'contracts') current.contract = record;
    else if (isListTable(table)) {
      const list = listOf(current, table);
      const at = list.findIndex((existing) => existing.id === record.id);
      if (at >= 0) list[at] = record as RecordLike;
      else list.push(record as RecordLike);
    }
  }
  for (const { table, id } of changes.delete) {
    if (!current) break;
    if (table === 'customers' && current.customer.id === id) current = null;
    else if (table === 'contracts' && current.contract?.id === id) current.contract = null;
    else if (isListTable(table)) {
      const list = listOf(current, table);
      const at = list.findIndex((existing) => existing.id === id);
      if (at >= 0) list.splice(at, 1);
    }
  }
  return current;
}

/** Applies savePlanTemplate-style changes to the team's saved templates. */
export function applyToTemplates(saved: PlanTemplate[], changes: Changes): PlanTemplate[] {
  let next = saved;
  for (const change of changes.put) {
    if (change.table !== 'planTemplates') continue;
    next = [...next.filter((template) => template.id !== change.record.id), change.record];
  }
  for (const change of changes.delete) {
    if (change.table === 'planTemplates') next = next.filter((template) => template.id !== change.id);
  }
  return next;
}
