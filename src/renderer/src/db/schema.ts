// The one Dexie schema of the console: every db.version(n) with its upgrade, in order. A released
// version is never edited; a new one is added below it with an upgrade and a test that opens a
// database made at n-1 (test/renderer/schema.test.ts). Only the repositories in this folder import it.
import { Dexie, type EntityTable } from 'dexie';
import { z } from 'zod';
import { roles } from '../../../core/mutations/mutation';
import { isAcceptableSyncServerUrl } from '../../../preload/api';
import type { RecordOf, TableName } from '../../../core/records';
import type { Rejection } from '../../../core/rejection';
import type { Instant } from '../../../core/time';

/** Who uses this console and where they are; kept in `meta` under 'settings'. */
export const settingsSchema = z.object({
  userId: z.string().trim().min(1, 'must not be empty').max(64),
  userName: z.string().trim().min(1, 'must not be empty').max(200),
  role: z.enum(roles),
  /** My zone: the console shows deadlines in the customer's zone and in this one. */
  timeZone: z.string().min(1),
  /** The team server; null while the console works alone. Its token stays with the desktop app. */
  syncServerUrl: z
    .string()
    .trim()
    .refine(
      isAcceptableSyncServerUrl,
      'must be an https:// address such as https://tam.example.com (http:// only for localhost)',
    )
    .nullable()
    .default(null),
});
export type Settings = z.infer<typeof settingsSchema>;

/**
 * A view of derived figures as computed at `computedAt` for `teamRevision`. Never read by a rule
 * and never synced: a cache that lets the first paint skip reading every record.
 */
export type StoredViewSnapshot = {
  format: number;
  teamRevision: number;
  computedAt: Instant;
  userId: string;
  data: unknown;
};

/** How the book was started on first start. */
export type BookSetup = { source: 'demo' | 'empty'; at: Instant; customers: number };

export type MetaEntry =
  | { key: 'clientId'; value: string }
  | { key: 'settings'; value: Settings }
  /** The id the last queued mutation took: per client 1, 2, 3 … (the sync protocol's mutation id). */
  | { key: 'lastMutationId'; value: number }
  /** Goes up with every write to any customer's records: one read tells whether anything changed. */
  | { key: 'teamRevision'; value: number }
  /** The last computed Today and customers grid, shown at start while the books load (viewSnapshot.ts). */
  | { key: 'todaySnapshot'; value: StoredViewSnapshot }
  | { key: 'gridSnapshot'; value: StoredViewSnapshot }
  | { key: 'setup'; value: BookSetup };

/**
 * A named mutation the user made, queued for the team server in the same transaction as its
 * local effect. `pending` until the server answers; then `applied` or `rejected` (Needs attention).
 */
export type OutboxEntry = {
  /** Storage order (auto). */
  seq?: number;
  /** Per client, going up by one: the id the sync protocol pushes. */
  mutationId: number;
  name: string;
  version: number;
  args: unknown;
  clientTime: Instant;
  /** The customer whose book it changed; null for team-wide mutations (plan templates). */
  customerId: string | null;
  /** What it did locally, in one line, for "what did I change while offline". */
  summary: string;
  status: 'pending' | 'applied' | 'rejected' | 'resolved';
  rejection: Rejection | null;
  /** How I dealt with a rejection in Needs attention (status 'resolved'); db/attention.ts. */
  resolution?: 'rebooked' | 'billable' | 'exceptionAsked' | 'discarded';
};

/**
 * Bumped in the same transaction as every write to a customer's records, so that the team's
 * books in memory reload only the customers that changed (see teamBooks.ts).
 */
export type CustomerRevision = { customerId: string; revision: number };

export type RecordTables = { [T in TableName]: EntityTable<RecordOf<T>, 'id'> };

export type ConsoleDatabase = Dexie &
  RecordTables & {
    customerRevisions: EntityTable<CustomerRevision, 'customerId'>;
    outbox: EntityTable<OutboxEntry, 'seq'>;
    meta: EntityTable<MetaEntry, 'key'>;
  };

/** Version 1: the record tables of src/core/records.ts, indexed by id and customer, plus outbox and meta. */
const version1 = {
  planTemplates: 'id',
  customers: 'id, name, tamUserId',
  contracts: 'id, customerId, planId',
  contacts: 'id, customerId',
  projects: 'id, customerId',
  reviewSeries: 'id, customerId, tamUserId',
  reviewCalls: 'id, customerId, [seriesId+occurrenceDate], startsAt',
  tamTimeEntries: 'id, customerId, [userId+date]',
  goLiveBookings: 'id, customerId, startsAt, [customerId+startsAt]',
  allowanceReservations: 'id, customerId',
  bestPracticesReviews: 'id, customerId',
  trainingDays: 'id, customerId, date',
  customConfigurations: 'id, customerId',
  tickets: 'id, customerId, status',
  customerRevisions: 'customerId',
  outbox: '++seq, &mutationId, status, customerId',
  meta: 'key',
} satisfies Record<Exclude<TableName, 'exceptionRequests'> | 'customerRevisions' | 'outbox' | 'meta', string>;

/** Version 2: exception requests (Needs attention asks a lead). */
const version2 = { exceptionRequests: 'id, customerId, status' };

export const CONSOLE_DATABASE_NAME = 'tam-console';

export function openConsoleDatabase(name: string = CONSOLE_DATABASE_NAME): ConsoleDatabase {
  const database = new Dexie(name) as ConsoleDatabase;
  database.version(1).stores(version1);
  database.version(2).stores(version2);
  return database;
}

/** The console's database; tests under fake-indexeddb get a fresh one with resetConsoleDatabase. */
export let db: ConsoleDatabase = openConsoleDatabase();

/** Closes and deletes the database and opens an empty one (tests, and "start over" in Settings). */
export async function resetConsoleDatabase(): Promise<ConsoleDatabase> {
  await db.delete();
  db = openConsoleDatabase(db.name);
  return db;
}
