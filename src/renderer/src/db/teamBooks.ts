// The team's books in memory, kept live from Dexie. The first read takes every table at once; after
// that only customers whose revision changed are read again, and unchanged books keep their
// identity, so what is derived per book (customerStatus) stays memoized across writes.
import { liveQuery, type Subscription } from 'dexie';
import type { PlanTemplate } from '../../../core/plans';
import type { CustomerBook } from '../../../core/records';
import {
  bookTables,
  groupIntoBooks,
  readAllCustomerRecords,
  readCustomerBook,
  readTeamPlanTemplates,
  readTeamRevision,
} from './books';
import { db } from './schema';
import { traceStep } from '../sync/syncTrace';

export type TeamBooks = {
  /** By customer name. */
  books: readonly CustomerBook[];
  byId: ReadonlyMap<string, CustomerBook>;
  /** The revision each book was read at. */
  revisions: ReadonlyMap<string, number>;
  templates: readonly PlanTemplate[];
  /** The team revision the books were read at (see bumpRevisions). */
  teamRevision: number;
};

/** Beyond this many changed customers one full read is cheaper than many small ones. */
const INCREMENTAL_LIMIT = 300;

function byName(a: CustomerBook, b: CustomerBook): number {
  return a.customer.name.localeCompare(b.customer.name) || (a.customer.id < b.customer.id ? -1 : 1);
}

async function readAll(): Promise<TeamBooks> {
  return db.transaction('r', [...bookTables(), db.planTemplates], async () => {
    const [customers, revisions, templates, teamRevision] = await Promise.all([
      db.customers.toArray(),
      db.customerRevisions.toArray(),
      readTeamPlanTemplates(),
      readTeamRevision(),
    ]);
    const records = await readAllCustomerRecords();
    const books = groupIntoBooks(customers, records).sort(byName);
    return {
      books,
      byId: new Map(books.map((book) => [book.customer.id, book])),
      revisions: new Map(revisions.map((entry) => [entry.customerId, entry.revision])),
      templates,
      teamRevision,
    };
  });
}

async function readChanged(previous: TeamBooks): Promise<TeamBooks> {
  return db.transaction('r', [...bookTables(), db.planTemplates], async () => {
    // One round of reads, then one for the books that changed: a change waits on this to show.
    const [teamRevision, since, latestTemplates] = await Promise.all([
      readTeamRevision(),
      // Revisions are the team revision of each customer's last change (bumpRevisions).
      db.customerRevisions.where('revision').above(previous.teamRevision).toArray(),
      readTeamPlanTemplates(),
    ]);
    if (teamRevision === previous.teamRevision) return withTemplates(previous, latestTemplates);
    const changed = since.filter((entry) => previous.revisions.get(entry.customerId) !== entry.revision);
    if (changed.length > INCREMENTAL_LIMIT) return readAll();
    const templates = sameTemplates(previous.templates, latestTemplates);
    if (changed.length === 0) return { ...previous, templates, teamRevision };
    const byId = new Map(previous.byId);
    const nextRevisions = new Map(previous.revisions);
    let added = false;
    const read = await Promise.all(changed.map((entry) => readCustomerBook(entry.customerId)));
    for (const [index, entry] of changed.entries()) {
      const book = read[index] ?? null;
      nextRevisions.set(entry.customerId, entry.revision);
      if (!book) {
        byId.delete(entry.customerId);
        continue;
      }
      if (!byId.has(entry.customerId)) added = true;
      byId.set(entry.customerId, book);
    }
    const renamed = changed.some(
      (entry) =>
        previous.byId.get(entry.customerId)?.customer.name !== byId.get(entry.customerId)?.customer.name,
    );
    const books =
      added || renamed || byId.size !== previous.byId.size
        ? [...byId.values()].sort(byName)
        : previous.books.map((book) => byId.get(book.customer.id) ?? book);
    return { books, byId, revisions: nextRevisions, templates, teamRevision };
  });
}

/** The previous list when nothing in it changed, so what is memoized on templates stays valid. */
function sameTemplates(previous: readonly PlanTemplate[], next: PlanTemplate[]): readonly PlanTemplate[] {
  return JSON.stringify(previous) === JSON.stringify(next) ? previous : next;
}

function withTemplates(previous: TeamBooks, next: PlanTemplate[]): TeamBooks {
  const templates = sameTemplates(previous.templates, next);
  return templates === previous.templates ? previous : { ...previous, templates };
}

/** Runs `task` after the next frame is painted (or at once where nothing paints: tests). */
function afterNextFrame(task: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(task, 0));
  else setTimeout(task, 0);
}

let current: TeamBooks | null = null;
let failure: Error | null = null;
let subscription: Subscription | null = null;
let starting = false;
const listeners = new Set<() => void>();

/**
 * Subscribes to the team's books; the first subscriber starts one live query shared by all. The
 * listener is called after each change; read the books with currentTeamBooks().
 */
export function subscribeTeamBooks(listener: () => void): () => void {
  listeners.add(listener);
  if (!subscription && !starting) {
    // After the next frame: the first paint (from the view snapshot) goes before reading every record.
    starting = true;
    afterNextFrame(() => {
      starting = false;
      if (listeners.size === 0 || subscription) return;
      let readStarted = performance.now();
      subscription = liveQuery(() => {
        readStarted = performance.now();
        return current ? readChanged(current) : readAll();
      }).subscribe({
        next: (books) => {
          traceStep('books-read', readStarted, { changed: books !== current });
          current = books;
          failure = null;
          for (const notify of listeners) notify();
        },
        error: (error: unknown) => {
          failure = error instanceof Error ? error : new Error(String(error));
          for (const notify of listeners) notify();
        },
      });
    });
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && subscription) {
      subscription.unsubscribe();
      subscription = null;
    }
  };
}

export function currentTeamBooks(): TeamBooks | null {
  return current;
}

export function teamBooksFailure(): Error | null {
  return failure;
}

/** Forgets the books in memory (after the database was replaced). */
export function forgetTeamBooks(): void {
  current = null;
}
