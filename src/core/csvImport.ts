// Customers, contracts and contacts to and from CSV: the export's table, and the import's plan —
// every row validated with the record schemas and the mutations' own rules before anything is
// written, with each problem named by spreadsheet row, column and reason.
//
// Decisions (ARCHITECTURE.md, "CSV import and export"):
// - One file, one row per record, a `record` column saying which: `customer`, `contract` or
//   `contact`; `customer_id` ties contracts and contacts to their customer. Columns a record does
//   not use stay empty. Rows may come in any order: customers are planned first, then contracts,
//   then contacts, so a file may list a contact above its customer.
// - Lists in one cell: `channels` and `phones` separated by `;`. Add-ons and plan overrides, which
//   are nested, are JSON in `add_ons` and `overrides` (empty = none). Yes/no cells accept
//   yes/no, true/false, 1/0. Dates are yyyy-MM-dd; an empty `region` or `tam_user_id` is none.
// - A row whose id exists is an update (only changed fields are patched; an identical row is
//   "unchanged" and sends nothing); a new id is a create. Each planned change is the very named
//   mutation the forms use (createCustomer, updateContract, ...), run here against the book as it
//   will be, so a rule a mutation enforces (term at least the plan's minimum, one contract per
//   customer) is refused in the preview, with its words.
// - All or nothing: any error in any row and the plan has no requests; the renderer applies the
//   requests in ONE applyLocalMutations batch, which saves all or none.
import { z } from 'zod';
import { runMutation, type MutationContext, type MutationRequest } from './mutations';
import { addOnSchema, findPlanTemplate, planOverridesSchema } from './plans';
import {
  contactSchema,
  contractSchema,
  customerSchema,
  emptyBook,
  type Contact,
  type Contract,
  type Customer,
  type CustomerBook,
} from './records';
import type { CsvTable } from './csvTable';

export const recordColumns = [
  'record',
  'customer_id',
  'name',
  'country',
  'region',
  'time_zone',
  'tam_user_id',
  'channels',
  'notes',
  'archived',
  'contract_id',
  'plan_id',
  'start_date',
  'term_months',
  'add_ons',
  'overrides',
  'contact_id',
  'role',
  'email',
  'phones',
  'primary',
] as const;
export type RecordColumn = (typeof recordColumns)[number];

export type RecordKind = 'customer' | 'contract' | 'contact';
const recordKinds: readonly RecordKind[] = ['customer', 'contract', 'contact'];

/** The columns each kind needs in the header. */
const neededColumns: Record<RecordKind, readonly RecordColumn[]> = {
  customer: ['customer_id', 'name', 'country', 'time_zone'],
  contract: ['customer_id', 'contract_id', 'plan_id', 'start_date', 'term_months'],
  contact: ['customer_id', 'contact_id', 'name', 'role', 'email'],
};

/** Record field -> the column it comes from, for naming the column of a schema or rule error. */
const columnOfField: Record<RecordKind, Record<string, RecordColumn>> = {
  customer: {
    id: 'customer_id',
    name: 'name',
    country: 'country',
    region: 'region',
    timeZone: 'time_zone',
    tamUserId: 'tam_user_id',
    channels: 'channels',
    notes: 'notes',
    archived: 'archived',
  },
  contract: {
    id: 'contract_id',
    customerId: 'customer_id',
    planId: 'plan_id',
    startDate: 'start_date',
    termMonths: 'term_months',
    addOns: 'add_ons',
    overrides: 'overrides',
  },
  contact: {
    id: 'contact_id',
    customerId: 'customer_id',
    name: 'name',
    role: 'role',
    email: 'email',
    phones: 'phones',
    primary: 'primary',
  },
};

export type ImportRowError = {
  /** Spreadsheet row: the header is row 1, the first record row 2. */
  row: number;
  column: RecordColumn | null;
  message: string;
};

export type ImportAction = {
  row: number;
  record: RecordKind;
  action: 'create' | 'update' | 'unchanged';
  id: string;
  customerId: string;
  /** What the row is about, in words: the name, the plan, the contact. */
  label: string;
  /** Fields an update changes. */
  changes: string[];
};

export type ImportPlan = {
  actions: ImportAction[];
  errors: ImportRowError[];
  /** The mutations to apply in one batch; empty whenever there is any error. */
  requests: MutationRequest[];
};

// ---------------------------------------------------------------------------------------------
// Export

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

/** Customers, their contracts and contacts as the import reads them back. */
export function recordsCsvTable(books: readonly CustomerBook[]): CsvTable {
  const rows: string[][] = [];
  const row = (cells: Partial<Record<RecordColumn, string>>) =>
    rows.push(recordColumns.map((column) => cells[column] ?? ''));
  for (const book of books) {
    const customer = book.customer;
    row({
      record: 'customer',
      customer_id: customer.id,
      name: customer.name,
      country: customer.country,
      region: customer.region ?? '',
      time_zone: customer.timeZone,
      tam_user_id: customer.tamUserId ?? '',
      channels: customer.channels.join(';'),
      notes: customer.notes,
      archived: yesNo(customer.archived),
    });
    const contract = book.contract;
    if (contract) {
      row({
        record: 'contract',
        customer_id: customer.id,
        contract_id: contract.id,
        plan_id: contract.planId,
        start_date: contract.startDate,
        term_months: String(contract.termMonths),
        add_ons: contract.addOns.length > 0 ? JSON.stringify(contract.addOns) : '',
        overrides: Object.keys(contract.overrides).length > 0 ? JSON.stringify(contract.overrides) : '',
      });
    }
    for (const contact of book.contacts) {
      row({
        record: 'contact',
        customer_id: customer.id,
        contact_id: contact.id,
        name: contact.name,
        role: contact.role,
        email: contact.email,
        phones: contact.phones.join(';'),
        primary: yesNo(contact.primary),
      });
    }
  }
  return { columns: [...recordColumns], rows };
}

// ---------------------------------------------------------------------------------------------
// Reading cells

type Cells = Record<string, string | undefined>;

class CellError extends Error {
  constructor(
    readonly column: RecordColumn,
    message: string,
  ) {
    super(message);
  }
}

function cell(cells: Cells, column: RecordColumn): string {
  return (cells[column] ?? '').trim();
}

function optionalText(cells: Cells, column: RecordColumn): string | null {
  const value = cell(cells, column);
  return value === '' ? null : value;
}

function list(cells: Cells, column: RecordColumn): string[] {
  return cell(cells, column)
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function yesNoCell(cells: Cells, column: RecordColumn): boolean | undefined {
  const value = cell(cells, column).toLowerCase();
  if (value === '') return undefined;
  if (['yes', 'true', '1', 'y'].includes(value)) return true;
  if (['no', 'false', '0', 'n'].includes(value)) return false;
  throw new CellError(column, `must be yes or no, not "${cell(cells, column)}"`);
}

function wholeNumber(cells: Cells, column: RecordColumn): number {
  const value = cell(cells, column);
  if (!/^\d+$/.test(value)) throw new CellError(column, `must be a whole number, not "${value}"`);
  return Number(value);
}

function jsonCell<T>(cells: Cells, column: RecordColumn, schema: z.ZodType<T>, empty: T): T {
  const value = cell(cells, column);
  if (value === '') return empty;
  let data: unknown;
  try {
    data = JSON.parse(value);
  } catch {
    throw new CellError(column, 'is not valid JSON');
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
    throw new CellError(column, `${where}${issue?.message ?? 'is not valid'}`);
  }
  return parsed.data;
}

function recordFromCells(kind: RecordKind, cells: Cells): unknown {
  switch (kind) {
    case 'customer':
      return {
        id: cell(cells, 'customer_id'),
        name: cell(cells, 'name'),
        country: cell(cells, 'country').toUpperCase(),
        region: optionalText(cells, 'region'),
        timeZone: cell(cells, 'time_zone'),
        tamUserId: optionalText(cells, 'tam_user_id'),
        channels: list(cells, 'channels'),
        notes: cells['notes'] ?? '',
        archived: yesNoCell(cells, 'archived') ?? false,
      };
    case 'contract':
      return {
        id: cell(cells, 'contract_id'),
        customerId: cell(cells, 'customer_id'),
        planId: cell(cells, 'plan_id'),
        startDate: cell(cells, 'start_date'),
        termMonths: wholeNumber(cells, 'term_months'),
        addOns: jsonCell(cells, 'add_ons', z.array(addOnSchema), []),
        overrides: jsonCell(cells, 'overrides', planOverridesSchema, {}),
      };
    case 'contact':
      return {
        id: cell(cells, 'contact_id'),
        customerId: cell(cells, 'customer_id'),
        name: cell(cells, 'name'),
        role: cell(cells, 'role'),
        email: cell(cells, 'email'),
        phones: list(cells, 'phones'),
        primary: yesNoCell(cells, 'primary') ?? false,
      };
  }
}

const schemaOf = { customer: customerSchema, contract: contractSchema, contact: contactSchema } as const;

function columnFor(kind: RecordKind, field: string | undefined): RecordColumn | null {
  if (!field) return null;
  return columnOfField[kind][field.split('.')[0] ?? ''] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Planning

type ParsedRow =
  | { row: number; kind: 'customer'; record: Customer }
  | { row: number; kind: 'contract'; record: Contract }
  | { row: number; kind: 'contact'; record: Contact };

function parseRow(row: number, cells: Cells, errors: ImportRowError[]): ParsedRow | null {
  const kindText = cell(cells, 'record').toLowerCase();
  const kind = recordKinds.find((candidate) => candidate === kindText);
  if (!kind) {
    errors.push({
      row,
      column: 'record',
      message: `must be customer, contract or contact, not "${cell(cells, 'record')}"`,
    });
    return null;
  }
  let data: unknown;
  try {
    data = recordFromCells(kind, cells);
  } catch (error) {
    if (error instanceof CellError) {
      errors.push({ row, column: error.column, message: error.message });
      return null;
    }
    throw error;
  }
  const parsed = schemaOf[kind].safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.map(String).join('.');
      const column = columnFor(kind, field);
      const detail =
        column && column !== field && issue.path.length > 1 ? `${issue.path.slice(1).join('.')}: ` : '';
      errors.push({ row, column, message: `${detail}${issue.message}` });
    }
    return null;
  }
  return { row, kind, record: parsed.data } as ParsedRow;
}

/** Field names whose values differ (compared as JSON: records are plain data). */
function changedFields<T extends object>(before: T, after: T): (keyof T)[] {
  return (Object.keys(after) as (keyof T)[]).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}

function patchOf<T extends object>(after: T, fields: readonly (keyof T)[]): Partial<T> {
  const patch: Partial<T> = {};
  for (const field of fields) patch[field] = after[field];
  return patch;
}

/**
 * The book as it will be after a planned change. Only the three tables an import writes are
 * folded in; the mutations decide on the rest of the book as it is.
 */
function bookAfter(
  book: CustomerBook | null,
  kind: RecordKind,
  record: Customer | Contract | Contact,
): CustomerBook {
  if (kind === 'customer')
    return book ? { ...book, customer: record as Customer } : emptyBook(record as Customer);
  if (!book) throw new Error('a contract or contact is planned only for a customer that exists');
  if (kind === 'contract') return { ...book, contract: record as Contract };
  const contact = record as Contact;
  const others = book.contacts.filter((existing) => existing.id !== contact.id);
  return { ...book, contacts: [...others, contact] };
}

/**
 * Plans an import: `rows` are the file's rows by column name (row i is spreadsheet row i + 2),
 * `columns` its header, `books` the console's books as they are now.
 */
export function planImport(
  columns: readonly string[],
  rows: readonly Cells[],
  books: readonly CustomerBook[],
  context: MutationContext,
): ImportPlan {
  const errors: ImportRowError[] = [];
  const actions: ImportAction[] = [];
  const requests: MutationRequest[] = [];
  if (!columns.includes('record')) {
    return {
      actions,
      requests,
      errors: [
        {
          row: 1,
          column: 'record',
          message: 'the header has no "record" column (customer, contract or contact)',
        },
      ],
    };
  }
  const parsed: ParsedRow[] = [];
  rows.forEach((cells, index) => {
    const row = index + 2;
    const kind = recordKinds.find((candidate) => candidate === cell(cells, 'record').toLowerCase());
    const missing = kind ? neededColumns[kind].filter((column) => !columns.includes(column)) : [];
    if (missing.length > 0) {
      errors.push({
        row,
        column: missing[0] ?? null,
        message: `the header has no "${missing.join('", "')}" column`,
      });
      return;
    }
    const result = parseRow(row, cells, errors);
    if (result) parsed.push(result);
  });

  const current = new Map<string, CustomerBook | null>(books.map((book) => [book.customer.id, book]));
  const seen = new Map<string, number>();
  const order: RecordKind[] = ['customer', 'contract', 'contact'];
  const sorted = [...parsed].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.row - b.row);
  for (const entry of sorted) {
    const customerId = entry.kind === 'customer' ? entry.record.id : entry.record.customerId;
    const key = `${entry.kind}:${entry.record.id}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      errors.push({
        row: entry.row,
        column: columnFor(entry.kind, 'id'),
        message: `the file already has this ${entry.kind} on row ${earlier}`,
      });
      continue;
    }
    seen.set(key, entry.row);
    const book = current.get(customerId) ?? null;
    if (entry.kind !== 'customer' && !book) {
      errors.push({
        row: entry.row,
        column: 'customer_id',
        message: `customer ${customerId} is neither in the console nor in this file`,
      });
      continue;
    }
    const planned = planRecord(entry, book, context);
    if (planned.action === 'unchanged') {
      actions.push({ ...planned.summary, action: 'unchanged', changes: [] });
      continue;
    }
    const outcome = runMutation(planned.request, () => book, context);
    if (!outcome.ok) {
      errors.push({
        row: entry.row,
        column: columnFor(entry.kind, outcome.rejection.field?.replace(/^(customer|contract|contact)\./, '')),
        message: outcome.rejection.message,
      });
      continue;
    }
    current.set(customerId, bookAfter(book, entry.kind, entry.record));
    requests.push(planned.request);
    actions.push({ ...planned.summary, action: planned.action, changes: planned.changes });
  }
  errors.sort((a, b) => a.row - b.row);
  actions.sort((a, b) => a.row - b.row);
  return { actions, errors, requests: errors.length > 0 ? [] : requests };
}

type PlannedRecord =
  | { action: 'unchanged'; summary: Omit<ImportAction, 'action' | 'changes'> }
  | {
      action: 'create' | 'update';
      summary: Omit<ImportAction, 'action' | 'changes'>;
      changes: string[];
      request: MutationRequest;
    };

function planRecord(entry: ParsedRow, book: CustomerBook | null, context: MutationContext): PlannedRecord {
  switch (entry.kind) {
    case 'customer': {
      const customer = entry.record;
      const summary = {
        row: entry.row,
        record: entry.kind,
        id: customer.id,
        customerId: customer.id,
        label: customer.name,
      };
      if (!book) {
        return {
          action: 'create',
          summary,
          changes: [],
          request: { name: 'createCustomer', version: 1, args: { customer } },
        };
      }
      const { id: _id, ...after } = customer;
      const { id: _before, ...before } = book.customer;
      const fields = changedFields(before, after);
      if (fields.length === 0) return { action: 'unchanged', summary };
      return {
        action: 'update',
        summary,
        changes: fields.map(String),
        request: {
          name: 'updateCustomer',
          version: 1,
          args: { id: customer.id, patch: patchOf(after, fields) },
        },
      };
    }
    case 'contract': {
      const contract = entry.record;
      const summary = {
        row: entry.row,
        record: entry.kind,
        id: contract.id,
        customerId: contract.customerId,
        label: `${findPlanTemplate(contract.planId, context.templates)?.name ?? contract.planId} from ${contract.startDate}, ${contract.termMonths} months`,
      };
      const existing = book?.contract ?? null;
      if (!existing || existing.id !== contract.id) {
        // createContract refuses a second contract, in its own words.
        return {
          action: 'create',
          summary,
          changes: [],
          request: { name: 'createContract', version: 1, args: { contract } },
        };
      }
      const { id: _id, customerId: _customer, ...after } = contract;
      const { id: _beforeId, customerId: _beforeCustomer, ...before } = existing;
      const fields = changedFields(before, after);
      if (fields.length === 0) return { action: 'unchanged', summary };
      return {
        action: 'update',
        summary,
        changes: fields.map(String),
        request: {
          name: 'updateContract',
          version: 1,
          args: { customerId: contract.customerId, patch: patchOf(after, fields) },
        },
      };
    }
    case 'contact': {
      const contact = entry.record;
      const summary = {
        row: entry.row,
        record: entry.kind,
        id: contact.id,
        customerId: contact.customerId,
        label: `${contact.name} (${contact.role})`,
      };
      const existing = book?.contacts.find((candidate) => candidate.id === contact.id);
      if (!existing) {
        return {
          action: 'create',
          summary,
          changes: [],
          request: { name: 'createContact', version: 1, args: { contact } },
        };
      }
      const { id: _id, customerId: _customer, ...after } = contact;
      const { id: _beforeId, customerId: _beforeCustomer, ...before } = existing;
      const fields = changedFields(before, after);
      if (fields.length === 0) return { action: 'unchanged', summary };
      return {
        action: 'update',
        summary,
        changes: fields.map(String),
        request: {
          name: 'updateContact',
          version: 1,
          args: { customerId: contact.customerId, id: contact.id, patch: patchOf(after, fields) },
        },
      };
    }
  }
}
