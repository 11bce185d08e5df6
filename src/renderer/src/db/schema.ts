// The one Dexie schema of the console: every db.version(n) with its upgrade, in order. A released
// version is never edited; a new one is added below it with an upgrade and a test that opens a
// database made at n-1 (test/renderer/schema.test.ts). Only the repositories in this folder import it.
import { Dexie, type EntityTable, type Transaction } from 'dexie';
import { z } from 'zod';
import { roles } from '../../../core/mutations/mutation';
import { isAcceptableSyncServerUrl } from '../../../preload/api';
import type { RecordOf, TableName } from '../../../core/records';
import type { Rejection } from '../../../core/rejection';
import type { ServerRejection, TeamMember } from '../../../core/syncProtocol';
import type { Instant } from '../../../core/time';
import type { MergeNotice } from './mergeNotices';

/** Who uses this console and where they are; kept in `meta` under 'settings'. */
export const settingsSchema = z.object({
  userId: z.string().trim().min(1, 'must not be empty').max(64),
  userName: z.string().trim().min(1, 'must not be empty').max(200),
  role: z.enum(roles),
  /** My zone: the console shows deadlines in the customer's zone and in this one. */
  timeZone: z.string().min(1),
  /** The team server; null while the console works alone. Its token: see MetaEntry 'syncToken'. */
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
  | { key: 'setup'; value: BookSetup }
  /** The team version this copy has pulled up to: the sync protocol's pull cursor (sync/). */
  | { key: 'syncCursor'; value: number }
  /**
   * The team server's token, in the browser build only. The desktop app keeps it encrypted by the
   * system key store (preload credentials:*); a browser has no such store, and the token must
   * survive a reload for the console to sync at all, so it lives with the data it unlocks, in this
   * origin's IndexedDB (readable by nothing but pages of this origin).
   */
  | { key: 'syncToken'; value: string }
  /**
   * Customers (or 'team') whose view must be rebased: the server's rows or the outcome of one of
   * their pending mutations changed since the last rebase. Written in the same transaction as the
   * cause, so a reload in between loses nothing (db/rebase.ts).
   */
  | { key: 'rebaseScopes'; value: string[] }
  /** Plain edits the server has just applied: checked after the rebase for fields that lost (merge notices). */
  | { key: 'mergeChecks'; value: number[] }
  /** The team server, team and user this console's client id, cursor and book belong to (db/syncIdentity.ts). */
  | { key: 'syncIdentity'; value: SyncIdentity }
  /** Fields of my edits that kept someone else's value, shown until I close them (db/mergeNotices.ts). */
  | { key: 'mergeNotices'; value: MergeNotice[] }
  /** The team's members as the server last listed them (GET /team), to show names for user ids (db/teamMembers.ts). */
  | { key: 'teamMembers'; value: TeamMember[] };

/** Who the team server says this console syncs as. */
export type SyncIdentity = { serverUrl: string; teamId: string; userId: string };

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
  /** The server's rejection: a core rule (Rejection) or its own codes such as `mutation-failed`. */
  rejection: ServerRejection | null;
  /** How I dealt with a rejection in Needs attention (status 'resolved'); db/attention.ts. */
  resolution?: 'rebooked' | 'billable' | 'exceptionAsked' | 'discarded';
  /**
   * Set while a pending mutation, replayed on the team's newer rows, is refused by this console's
   * own rules: it stays pending (the server has the last word) but is shown as at risk.
   */
  atRisk?: Rejection | null;
  /** When this console learnt the server's verdict (its own clock): a plain edit made by someone else before it was concurrent with mine. */
  settledAt?: Instant;
};

/**
 * The confirmed value of a row that a pending mutation changed locally, from before the first
 * such change (`record` null: the row did not exist). The view is rebased by restoring these,
 * applying the server's rows and replaying what is still pending (db/rebase.ts).
 */
export type Shadow = {
  table: TableName;
  id: string;
  /** The customer the row belongs to, or 'team' for plan templates: what is rebased together. */
  scope: string;
  record: RecordOf<TableName> | null;
  /** A Go Live booking a pending mutation made that spends no reservation: provisional until accepted. */
  provisional: boolean;
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
    shadows: Dexie.Table<Shadow, [TableName, string]>;
  };

/** Version 1: the record tables of src/core/records.ts, indexed by id and customer, plus outbox and meta. */
export const version1 = {
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

/**
 * Version 2: sync. `shadows` holds the confirmed rows under pending changes (rebase); the
 * Needs-attention inbox keeps lead exception requests. Additive: nothing is moved or dropped.
 */
export const version2 = {
  shadows: '[table+id], scope',
  exceptionRequests: 'id, customerId, status',
};

/**
 * Version 3: customers' revisions indexed, so the team's books find the customers changed since
 * they were read without reading every customer's revision (see bumpRevisions). Additive.
 */
export const version3 = {
  customerRevisions: 'customerId, revision',
};

/**
 * Why no destructive upgrade can run while changes wait for the team: an upgrade that drops or
 * rewrites a store must be declared through `destructiveUpgrade`, whose upgrade function first
 * counts the outbox's pending entries and throws if there are any. A throw inside Dexie's upgrade
 * aborts IndexedDB's versionchange transaction, so the database stays at the old version with
 * every row intact, and open() fails with PendingChangesBlockUpgrade; the console then keeps
 * running the old code path (and syncs) until the outbox is empty. Additive versions (new stores
 * or indexes, like version 2) need no guard: they cannot lose a row.
 */
export class PendingChangesBlockUpgrade extends Error {
  constructor(readonly pending: number) {
    super(
      `${pending === 1 ? '1 change still waits' : `${pending} changes still wait`} for the team server; the local database is not upgraded until they are sent.`,
    );
    this.name = 'PendingChangesBlockUpgrade';
  }
}

export function destructiveUpgrade(
  database: Dexie,
  version: number,
  stores: Record<string, string | null>,
  upgrade: (transaction: Transaction) => Promise<void> = async () => undefined,
): void {
  database
    .version(version)
    .stores(stores)
    .upgrade(async (transaction) => {
      const pending = await transaction.table('outbox').where('status').equals('pending').count();
      if (pending > 0) throw new PendingChangesBlockUpgrade(pending);
      await upgrade(transaction);
    });
}

export const CONSOLE_DATABASE_NAME = 'tam-console';

export function openConsoleDatabase(name: string = CONSOLE_DATABASE_NAME): ConsoleDatabase {
  const database = new Dexie(name) as ConsoleDatabase;
  database.version(1).stores(version1);
  database.version(2).stores(version2);
  database.version(3).stores(version3);
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

/** Points the console at another database by name: tests run two consoles in one process. */
export function switchConsoleDatabase(name: string): ConsoleDatabase {
  if (db.name !== name) db = openConsoleDatabase(name);
  return db;
}
