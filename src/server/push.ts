// Push: a client's queued mutations, re-run with the core's own code in one transaction, in
// order, exactly once. Already-processed ids return their stored result; a gap is refused; a
// business rejection is recorded and advances the queue; a failure of the server rolls
// everything back and advances nothing, so the client simply retries.
//
// One push costs two statements whatever its size: check the token, claim the client, lock the
// customers it touches and load of their books what its mutations read in one; write everything
// in the other.
import type { z } from 'zod';
import { parseMutation, type ParsedMutation } from '../core/mutations';
import type { BookTable, Changes, MutationContext, MutationScope } from '../core/mutations/mutation';
import { planTemplates, type PlanTemplate } from '../core/plans';
import type { CustomerBook, TableName } from '../core/records';
import {
  problemCodes,
  teamPlanTemplates,
  type MutationResult,
  type PushResponse,
  type pushRequestSchema,
  type ServerRejection,
} from '../core/syncProtocol';
import { invalidTokenMessage, type Principal } from './auth';
import {
  applyToBook,
  applyToTemplates,
  bookFromRows,
  BookTableNotLoaded,
  customerIdOf,
  recordInBook,
} from './customerBook';
import { isRetryableConflict, toNumber, type Database, type Queryable } from './db/database';
import { HttpProblem, notFound, unauthorized } from './problems';
import { unstorableTextAt } from './storableText';
import {
  claimAndLoad,
  commitPush,
  findTakenIds,
  loadWholeBooks,
  RecordsMovedError,
  type AuditWrite,
  type BookRead,
  type LoadedScopes,
  type NewRecordKey,
  type RecordWrite,
} from './recordStore';

export type ParsedPush = z.output<typeof pushRequestSchema>;
type PushedMutation = ParsedPush['mutations'][number];

/** What became of one mutation: the core's outcome, or the server's own refusal. */
type Verdict = { ok: true; changes: Changes; summary: string } | { ok: false; rejection: ServerRejection };

export type PushOutcome = {
  /** Whose token it was. */
  principal: Principal;
  response: PushResponse;
  /** The team's version after this push's writes; null when it wrote nothing. */
  version: number | null;
  applied: number;
  rejected: number;
};

export type PushEnvironment = {
  db: Database;
  /** The server's clock: the `now` every mutation is judged at. */
  now: () => string;
  /** A mutation's rule code threw: a bug to look at, recorded as `mutation-failed`. */
  onMutationError?: (error: unknown, mutation: { name: string; id: number }) => void;
};

const ATTEMPTS = 3;

/**
 * Runs a push for the bearer of the token whose sha-256 is `tokenHash` (auth.hashToken): the token
 * is checked by the push's first statement, so an unknown or revoked one is a 401 and nothing else.
 */
export async function pushMutations(
  env: PushEnvironment,
  tokenHash: string,
  request: ParsedPush,
): Promise<PushOutcome> {
  // New record ids are checked against other customers' records only after a write found one
  // taken (the upsert refuses to move a record between customers): a client bug, so rare.
  let checkIds = false;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await env.db.transaction((tx) => pushInTransaction(tx, env, tokenHash, request, checkIds));
    } catch (error) {
      if (error instanceof RecordsMovedError) checkIds = true;
      // A deadlock, or a record id taken: the whole push runs again.
      const again = isRetryableConflict(error) || error instanceof RecordsMovedError;
      if (attempt >= ATTEMPTS || !again) throw error;
    }
  }
}

type Parsed = {
  mutation: PushedMutation;
  outcome: { ok: true; value: ParsedMutation } | { ok: false; rejection: ServerRejection };
};

async function pushInTransaction(
  tx: Queryable,
  env: PushEnvironment,
  tokenHash: string,
  request: ParsedPush,
  checkIds: boolean,
): Promise<PushOutcome> {
  const now = env.now();
  // Parsing is pure: do it first, so the token check, the client's claim, the customers' locks
  // and their books take one round trip. (Scopes of already-processed mutations are locked and read too; that
  // only costs a little, on a retry.)
  const allParsed = request.mutations.map((mutation) => ({ mutation, outcome: parseStorable(mutation) }));
  const scopes = allParsed.flatMap(({ outcome }) => (outcome.ok ? [outcome.value.scope] : []));
  const reads = bookReads(allParsed.flatMap(({ outcome }) => (outcome.ok ? [outcome.value] : [])));
  const claimed = await claimAndLoad(tx, {
    tokenHash,
    clientId: request.clientId,
    now,
    scopes: [...new Set(scopes.map(lockScope))],
    reads,
  });
  if (!claimed) throw unauthorized(invalidTokenMessage);
  const { principal, client } = claimed;
  if (!client) throw notFound(`client ${request.clientId}`, 'clientId');
  const { lastMutationId } = client;
  let loaded = client.loaded;
  const first = request.mutations[0];
  if (first && first.id > lastMutationId + 1) {
    throw new HttpProblem(409, {
      code: problemCodes.mutationGap,
      message: `Mutation ${first.id} cannot be applied before ${lastMutationId + 1}: push again from ${lastMutationId + 1}.`,
      field: 'mutations.0.id',
      expectedMutationId: lastMutationId + 1,
    });
  }
  const stale = request.mutations.filter((mutation) => mutation.id <= lastMutationId);
  const fresh = request.mutations.filter((mutation) => mutation.id > lastMutationId);
  const storedResults = await loadStoredResults(tx, request.clientId, stale);
  if (fresh.length === 0) {
    return {
      principal,
      response: { lastMutationId, results: storedResults },
      version: null,
      applied: 0,
      rejected: 0,
    };
  }

  const parsed: Parsed[] = allParsed.slice(stale.length).map(({ mutation, outcome }, index) => {
    if (!outcome.ok && outcome.rejection.code === 'unknown-mutation') {
      // Nothing of this push is applied: the console must be updated first.
      throw new HttpProblem(422, {
        code: problemCodes.unknownMutation,
        message: outcome.rejection.message,
        field: `mutations.${stale.length + index}.${outcome.rejection.field ?? 'name'}`,
        mutationId: mutation.id,
      });
    }
    return { mutation, outcome };
  });

  // When checking ids: run, find new records whose id another customer's record has, and run
  // again with those ids refused. Nothing is written until the ids are clean.
  const taken = new Set<string>();
  for (;;) {
    let run: Run;
    try {
      run = applyAll(parsed, loaded, taken, { env, principal, clientId: request.clientId, now });
    } catch (error) {
      if (!(error instanceof BookTableNotLoaded)) throw error;
      // A rule read past its `reads`: its books are read whole (the locks are held) and the
      // push runs again from its first mutation.
      loaded = await loadWholeBooks(
        tx,
        principal.teamId,
        reads.map((read) => read.customerId),
      );
      continue;
    }
    const clashes = checkIds ? await findTakenIds(tx, principal.teamId, run.newRecords) : [];
    if (clashes.length > 0) {
      const known = taken.size;
      for (const clash of clashes) taken.add(recordKey(clash.table, clash.id));
      if (taken.size === known) throw new Error('A taken record id was written anyway.');
      continue;
    }
    const newLast = fresh[fresh.length - 1]?.id ?? lastMutationId;
    const version = await commitPush(tx, {
      teamId: principal.teamId,
      clientId: request.clientId,
      lastMutationId: newLast,
      now,
      results: run.results,
      audit: run.audit,
      writes: [...run.writes.values()],
    });
    return {
      principal,
      response: { lastMutationId: newLast, results: [...storedResults, ...run.results] },
      version,
      applied: run.applied,
      rejected: run.results.length - run.applied,
    };
  }
}

/**
 * Parses a mutation, refusing first any text PostgreSQL cannot store: a rejection of that
 * mutation alone (the queue goes on), where it would otherwise fail the whole push every time.
 */
function parseStorable(mutation: PushedMutation): Parsed['outcome'] | ReturnType<typeof parseMutation> {
  const parsed = parseMutation(mutation);
  if (!parsed.ok && parsed.rejection.code === 'unknown-mutation') return parsed;
  const found = unstorableTextAt(mutation.args);
  if (found === null) return parsed;
  const at = found.length > 120 ? `${found.slice(0, 120)}…` : found;
  return {
    ok: false,
    rejection: {
      code: 'invalid-input',
      message: `${at ? `The text at ${at}` : 'A text'} holds a character the team server cannot store (NUL, or half of a surrogate pair); remove it and try again.`,
      ...(at ? { field: at } : {}),
    },
  };
}

/**
 * Of each customer a push touches, the tables its mutations read: their `reads` together, or the
 * whole book (null) as soon as one of them declares none.
 */
function bookReads(mutations: readonly ParsedMutation[]): BookRead[] {
  const byCustomer = new Map<string, Set<BookTable> | null>();
  for (const { definition, scope } of mutations) {
    if (!('customerId' in scope)) continue;
    const sofar = byCustomer.get(scope.customerId);
    if (sofar === null) continue;
    if (!definition.reads) byCustomer.set(scope.customerId, null);
    else byCustomer.set(scope.customerId, new Set([...(sofar ?? []), ...definition.reads]));
  }
  return [...byCustomer].map(([customerId, tables]) => ({ customerId, tables }));
}

function recordKey(table: string, id: string): string {
  return `${table}\u0000${id}`;
}

type Run = {
  results: MutationResult[];
  audit: AuditWrite[];
  writes: Map<string, RecordWrite>;
  newRecords: NewRecordKey[];
  applied: number;
};

/** Applies the parsed mutations in order to the loaded books, in memory. */
function applyAll(
  parsed: readonly Parsed[],
  loaded: LoadedScopes,
  taken: ReadonlySet<string>,
  where: { env: PushEnvironment; principal: Principal; clientId: string; now: string },
): Run {
  const { env, principal, clientId, now } = where;
  let saved: PlanTemplate[] = loaded.templates;
  const books = new Map<string, CustomerBook | null>();
  const run: Run = { results: [], audit: [], writes: new Map(), newRecords: [], applied: 0 };

  for (const { mutation, outcome: parsedMutation } of parsed) {
    const context: MutationContext = {
      now,
      clientTime: mutation.clientTime,
      actor: { userId: principal.userId, role: principal.role },
      templates: teamPlanTemplates(planTemplates, saved),
    };
    let outcome: Verdict;
    let customerId: string | null = null;
    let book: CustomerBook | null = null;
    if (!parsedMutation.ok) outcome = parsedMutation;
    else {
      const { definition, args, scope } = parsedMutation.value;
      customerId = 'customerId' in scope ? scope.customerId : null;
      if (customerId !== null) {
        if (!books.has(customerId)) {
          const tables = loaded.tables.get(customerId) ?? null;
          books.set(customerId, bookFromRows(loaded.books.get(customerId) ?? [], tables));
        }
        book = books.get(customerId) ?? null;
      }
      try {
        outcome = definition.apply(book, args, context);
      } catch (error) {
        if (error instanceof BookTableNotLoaded) throw error;
        env.onMutationError?.(error, mutation);
        outcome = mutationFailed(mutation.name, 'its rule code failed on the server');
      }
      if (outcome.ok) {
        const problem =
          changesOutsideScope(outcome.changes, scope, book) ??
          idsTaken(outcome.changes, customerId, taken, run.writes);
        if (problem) outcome = { ok: false, rejection: problem };
      }
    }

    const auditBase = {
      at: now,
      userId: principal.userId,
      clientId,
      mutationId: mutation.id,
      name: mutation.name,
      version: mutation.version,
      customerId,
      clientTime: mutation.clientTime,
    };
    if (!outcome.ok) {
      run.audit.push({
        ...auditBase,
        status: 'rejected',
        summary: null,
        rejection: outcome.rejection,
        changes: [],
      });
      run.results.push({
        mutationId: mutation.id,
        name: mutation.name,
        status: 'rejected',
        rejection: outcome.rejection,
      });
      continue;
    }
    run.applied += 1;
    const changes = outcome.changes;
    const before = (table: TableName, id: string): object | null =>
      table === 'planTemplates'
        ? (saved.find((template) => template.id === id) ?? null)
        : recordInBook(book, table, id);
    run.audit.push({
      ...auditBase,
      status: 'applied',
      summary: outcome.summary,
      rejection: null,
      changes: [
        ...changes.put.map(({ table, record }) => ({
          table,
          id: record.id,
          deleted: false,
          before: before(table, record.id),
          after: record,
        })),
        ...changes.delete.map(({ table, id }) => ({
          table,
          id,
          deleted: true,
          before: before(table, id),
          after: null,
        })),
      ],
    });
    for (const { table, record } of changes.put) {
      const key = recordKey(table, record.id);
      const owner = customerIdOf(table, record);
      if (owner !== null && !run.writes.has(key) && !before(table, record.id)) {
        run.newRecords.push({ table, id: record.id, customerId: owner });
      }
      run.writes.delete(key); // keep the latest write of a row, in the order of the writes
      run.writes.set(key, { table, id: record.id, customerId: owner, data: record });
    }
    for (const { table, id } of changes.delete) {
      const existing = before(table, id);
      if (!existing) continue;
      const key = recordKey(table, id);
      run.writes.delete(key);
      run.writes.set(key, { table, id, customerId: customerIdOf(table, existing), data: null });
    }
    if (customerId !== null) books.set(customerId, applyToBook(book, changes));
    else saved = applyToTemplates(saved, changes);
    run.results.push({
      mutationId: mutation.id,
      name: mutation.name,
      status: 'applied',
      summary: outcome.summary,
    });
  }
  return run;
}

/**
 * The advisory lock that serializes every push touching the same customer (or the team's
 * templates), so two clients racing for the last Go Live unit run one after the other and the
 * second sees the first's booking when the core's ledger decides. The claim turns each scope into
 * its key (tam_scope_lock_key) and takes them in the keys' order: no deadlocks.
 */
function lockScope(scope: MutationScope): string {
  return 'customerId' in scope ? `customer:${scope.customerId}` : 'team';
}

function mutationFailed(name: string, why: string): Verdict {
  return {
    ok: false,
    rejection: {
      code: 'mutation-failed',
      message: `The server could not apply ${name}: ${why}. It was set aside; tell your administrator.`,
    },
  };
}

/** A mutation may only write the book it was given (or, team-wide, the plan templates). */
function changesOutsideScope(
  changes: Changes,
  scope: MutationScope,
  book: CustomerBook | null,
): ServerRejection | null {
  const outside = (what: string): ServerRejection => ({
    code: 'mutation-failed',
    message: `The server refused the changes: ${what}.`,
  });
  if ('team' in scope) {
    const stray = [...changes.put.map((p) => p.table), ...changes.delete.map((d) => d.table)].find(
      (table) => table !== 'planTemplates',
    );
    return stray ? outside(`a team-wide mutation wrote ${stray}`) : null;
  }
  for (const { table, record } of changes.put) {
    if (table === 'planTemplates' || customerIdOf(table, record) !== scope.customerId) {
      return outside(`${table} ${record.id} belongs outside customer ${scope.customerId}`);
    }
  }
  for (const { table, id } of changes.delete) {
    if (!recordInBook(book, table, id)) {
      return outside(`${table} ${id} is not a record of customer ${scope.customerId}`);
    }
  }
  return null;
}

/**
 * Records are keyed by table and id within the team, so a new record must not take an id that a
 * record of another customer has (in the database, `taken`, or earlier in this push).
 */
function idsTaken(
  changes: Changes,
  customerId: string | null,
  taken: ReadonlySet<string>,
  pending: ReadonlyMap<string, RecordWrite>,
): ServerRejection | null {
  if (customerId === null) return null;
  for (const { table, record } of changes.put) {
    const key = recordKey(table, record.id);
    const earlier = pending.get(key);
    if (taken.has(key) || (earlier && earlier.customerId !== customerId)) {
      return {
        code: 'already-exists',
        message: `The id ${record.id} is already used by a record of another customer (${table}); create it with a new id.`,
        field: 'id',
        numbers: { table, id: record.id },
      };
    }
  }
  return null;
}

type StoredResultRow = {
  mutation_id: unknown;
  name: string;
  status: 'applied' | 'rejected';
  summary: string | null;
  rejection: ServerRejection | null;
};

export function resultFromRow(row: StoredResultRow): MutationResult {
  const mutationId = toNumber(row.mutation_id);
  return row.status === 'applied'
    ? { mutationId, name: row.name, status: 'applied', summary: row.summary ?? '' }
    : {
        mutationId,
        name: row.name,
        status: 'rejected',
        rejection: row.rejection ?? { code: 'mutation-failed', message: 'Rejected.' },
      };
}

async function loadStoredResults(
  tx: Queryable,
  clientId: string,
  stale: readonly PushedMutation[],
): Promise<MutationResult[]> {
  const from = stale[0];
  const to = stale[stale.length - 1];
  if (!from || !to) return [];
  const rows = await tx.query<StoredResultRow>(
    `SELECT mutation_id, name, status, summary, rejection FROM mutation_results
     WHERE client_id = $1 AND mutation_id BETWEEN $2 AND $3 ORDER BY mutation_id`,
    [clientId, from.id, to.id],
  );
  const byId = new Map(rows.map((row) => [toNumber(row.mutation_id), resultFromRow(row)]));
  return stale.map(
    (mutation) =>
      byId.get(mutation.id) ?? {
        mutationId: mutation.id,
        name: mutation.name,
        status: 'applied',
        summary: 'Processed earlier.',
      },
  );
}
