// Reads and writes of the synced records, the audit log and the poke, shared by push and by the
// administrator's imports. Writes take the team's version counter under its row lock.
import type { BookTable } from '../core/mutations/mutation';
import type { PlanTemplate } from '../core/plans';
import type { TableName } from '../core/records';
import type { MutationResult, ServerRejection } from '../core/syncProtocol';
import type { Principal } from './auth';
import { toNumber, type Queryable } from './db/database';

/** The NOTIFY channel of pokes: payload {"teamId", "version"}. */
export const POKE_CHANNEL = 'tam_sync_poke';

export type RecordWrite = {
  table: TableName;
  id: string;
  customerId: string | null;
  /** null for a tombstone. */
  data: object | null;
};

export type AuditWrite = {
  at: string;
  userId: string | null;
  clientId: string | null;
  mutationId: number | null;
  name: string;
  version: number | null;
  customerId: string | null;
  status: 'applied' | 'rejected';
  clientTime: string | null;
  summary: string | null;
  rejection: ServerRejection | null;
  changes: { table: string; id: string; deleted: boolean; before: object | null; after: object | null }[];
};

/** The books of the customers a push touches (their live rows) and the team's saved templates. */
export type LoadedScopes = {
  books: Map<string, { table_name: string; data: unknown }[]>;
  /** The tables read of each customer's book; null (or absent) for the whole book. */
  tables: Map<string, ReadonlySet<BookTable> | null>;
  templates: PlanTemplate[];
};

/** What to read of one customer: the tables its mutations declare, or null for the whole book. */
export type BookRead = { customerId: string; tables: ReadonlySet<BookTable> | null };

export type ClaimAndLoad = {
  /** sha-256 of the presented bearer token (auth.hashToken). */
  tokenHash: string;
  clientId: string;
  now: string;
  /** The scopes whose advisory locks the push takes: "customer:<id>", "team". */
  scopes: readonly string[];
  reads: readonly BookRead[];
};

/** What a claim found: nobody (no such token), or the caller and, when the client is theirs, its place and books. */
export type Claimed =
  | null
  | { principal: Principal; client: null }
  | { principal: Principal; client: { lastMutationId: number; loaded: LoadedScopes } };

type BookRow = { table_name: string; customer_id: string | null; data: unknown };

function booksOf(rows: readonly BookRow[], reads: readonly BookRead[]): LoadedScopes {
  const books = new Map<string, { table_name: string; data: unknown }[]>();
  const templates: PlanTemplate[] = [];
  for (const row of rows) {
    if (row.customer_id === null) templates.push(row.data as PlanTemplate);
    else {
      const book = books.get(row.customer_id) ?? [];
      book.push({ table_name: row.table_name, data: row.data });
      books.set(row.customer_id, book);
    }
  }
  templates.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { books, tables: new Map(reads.map((read) => [read.customerId, read.tables])), templates };
}

/**
 * A push's first round trip (migration 0003's tam_claim_and_load_tables): finds the token's user,
 * registers the client or checks it belongs to them, takes the scopes' locks, then reads of each
 * customer's book the tables asked for (its customer record always).
 */
export async function claimAndLoad(tx: Queryable, claim: ClaimAndLoad): Promise<Claimed> {
  const whole: string[] = [];
  // Customers grouped by the tables read of them: one index scan per group.
  const groups = new Map<string, { customers: string[]; tables: string[] }>();
  for (const { customerId, tables: some } of claim.reads) {
    if (!some) {
      whole.push(customerId);
      continue;
    }
    const tables = ['customers', ...[...some].sort()];
    const key = tables.join(',');
    const group = groups.get(key) ?? { customers: [], tables };
    group.customers.push(customerId);
    groups.set(key, group);
  }
  const rows = await tx.query<BookRow & { last_mutation_id: unknown }>(
    'SELECT * FROM tam_claim_and_load_tables($1, $2, $3, $4::text::jsonb, $5::text::jsonb, $6::text::jsonb)',
    [
      claim.tokenHash,
      claim.clientId,
      claim.now,
      JSON.stringify(claim.scopes),
      JSON.stringify(whole),
      JSON.stringify([...groups.values()]),
    ],
  );
  const [first, ...bookRows] = rows;
  if (!first) return null;
  const principal = first.data as Principal;
  if (first.last_mutation_id === null) return { principal, client: null };
  return {
    principal,
    client: { lastMutationId: toNumber(first.last_mutation_id), loaded: booksOf(bookRows, claim.reads) },
  };
}

/** The whole books of these customers and the team's templates, for a push whose rules read past their `reads`. */
export async function loadWholeBooks(
  tx: Queryable,
  teamId: string,
  customerIds: readonly string[],
): Promise<LoadedScopes> {
  const rows = await tx.query<BookRow>(
    `SELECT r.table_name, r.customer_id, r.data FROM records r
     WHERE r.team_id = $1 AND NOT r.deleted
       AND r.customer_id = ANY (ARRAY(SELECT jsonb_array_elements_text($2::text::jsonb)))
     UNION ALL
     SELECT r.table_name, NULL, r.data FROM records r
     WHERE r.team_id = $1 AND NOT r.deleted AND r.table_name = 'planTemplates'`,
    [teamId, JSON.stringify(customerIds)],
  );
  return booksOf(
    rows,
    customerIds.map((customerId) => ({ customerId, tables: null })),
  );
}

export type NewRecordKey = { table: TableName; id: string; customerId: string };

/** Of the records a push creates, those whose (table, id) a record of another customer already has. */
export async function findTakenIds(
  tx: Queryable,
  teamId: string,
  created: readonly NewRecordKey[],
): Promise<NewRecordKey[]> {
  if (created.length === 0) return [];
  const rows = await tx.query<{ table_name: TableName; id: string; customer_id: string }>(
    // LATERAL: one primary-key probe per new record, whatever the team's size.
    `SELECT k.table_name, k.id, k.customer_id
     FROM jsonb_to_recordset($2::text::jsonb) AS k(table_name text, id text, customer_id text)
     CROSS JOIN LATERAL (
       SELECT r.customer_id FROM records r WHERE r.team_id = $1 AND r.table_name = k.table_name AND r.id = k.id
     ) AS existing
     WHERE existing.customer_id IS DISTINCT FROM k.customer_id`,
    [
      teamId,
      JSON.stringify(
        created.map((key) => ({ table_name: key.table, id: key.id, customer_id: key.customerId })),
      ),
    ],
  );
  return rows.map((row) => ({ table: row.table_name, id: row.id, customerId: row.customer_id }));
}

/** A concurrent push gave a record id to another customer between our check and our write. */
export class RecordsMovedError extends Error {
  constructor() {
    super('A record id was taken by another customer meanwhile; the push is run again.');
    this.name = 'RecordsMovedError';
  }
}

export type PushCommit = {
  teamId: string;
  clientId: string;
  lastMutationId: number;
  now: string;
  results: readonly MutationResult[];
  audit: readonly AuditWrite[];
  writes: readonly RecordWrite[];
};

/**
 * Everything a push writes, in one statement: results, audit entries, the client's place, and the
 * rows with fresh versions from the team's counter. The counter's UPDATE locks the team row until
 * commit, so versions become visible in the order they were given and no pull cursor can pass a
 * row that commits later. The NOTIFY is delivered on commit, to every instance listening.
 * Returns the team's new version, or null when nothing was written.
 */
export async function commitPush(tx: Queryable, commit: PushCommit): Promise<number | null> {
  const results = commit.results.map((result) => ({
    mutation_id: result.mutationId,
    name: result.name,
    status: result.status,
    summary: result.status === 'applied' ? result.summary : null,
    rejection: result.status === 'rejected' ? result.rejection : null,
  }));
  const writes = commit.writes.map((write) => ({
    table_name: write.table,
    id: write.id,
    customer_id: write.customerId,
    data: write.data,
  }));
  const [row] = await tx.query<{ version: unknown; written: unknown }>(
    `WITH
     stored_results AS (
       INSERT INTO mutation_results (client_id, mutation_id, team_id, name, status, summary, rejection, processed_at)
       SELECT $2::text, r.mutation_id, $1::text, r.name, r.status, r.summary, r.rejection, $4::timestamptz
       FROM jsonb_to_recordset($5::text::jsonb)
         AS r(mutation_id bigint, name text, status text, summary text, rejection jsonb)
     ),
     audit AS (
       ${auditInsert('$1::text', '$6::text::jsonb')}
     ),
     client AS (
       UPDATE clients SET last_mutation_id = $3::bigint, last_seen_at = $4::timestamptz WHERE client_id = $2::text
     ),
     counter AS (
       UPDATE teams SET version = version + $8::integer
       WHERE id = $1::text AND $8::integer > 0
       RETURNING version
     ),
     written AS (
       INSERT INTO records (team_id, table_name, id, customer_id, data, version, deleted)
       SELECT $1::text, w.e->>'table_name', w.e->>'id', w.e->>'customer_id', NULLIF(w.e->'data', 'null'::jsonb),
              counter.version - $8::integer + w.n, NULLIF(w.e->'data', 'null'::jsonb) IS NULL
       FROM counter, jsonb_array_elements($7::text::jsonb) WITH ORDINALITY AS w(e, n)
       ON CONFLICT (team_id, table_name, id) DO UPDATE
         SET customer_id = EXCLUDED.customer_id, data = EXCLUDED.data,
             version = EXCLUDED.version, deleted = EXCLUDED.deleted
         WHERE records.customer_id IS NOT DISTINCT FROM EXCLUDED.customer_id
       RETURNING 1
     )
     SELECT counter.version, (SELECT count(*) FROM written) AS written,
            pg_notify('${POKE_CHANNEL}', json_build_object('teamId', $1::text, 'version', counter.version)::text)
     FROM counter`,
    [
      commit.teamId,
      commit.clientId,
      commit.lastMutationId,
      commit.now,
      JSON.stringify(results),
      JSON.stringify(commit.audit),
      JSON.stringify(writes),
      writes.length,
    ],
  );
  if (!row) return null;
  if (toNumber(row.written) !== writes.length) throw new RecordsMovedError();
  return toNumber(row.version);
}

/**
 * Writes rows with fresh versions and pokes the team. The UPDATE locks the team's row until
 * commit, so versions become visible in the order they were given and no pull cursor can pass
 * a row that commits later. Call it last in the transaction: it is the team's critical section.
 * Returns the team's new version.
 */
export async function writeRecords(
  tx: Queryable,
  teamId: string,
  writes: readonly RecordWrite[],
): Promise<number> {
  const [counter] = await tx.query<{ version: unknown }>(
    'UPDATE teams SET version = version + $2 WHERE id = $1 RETURNING version',
    [teamId, writes.length],
  );
  if (!counter) throw new Error(`Team ${teamId} does not exist.`);
  const last = toNumber(counter.version);
  const first = last - writes.length + 1;
  const rows = writes.map((write, index) => ({
    table_name: write.table,
    id: write.id,
    customer_id: write.customerId,
    data: write.data,
    version: first + index,
    deleted: write.data === null,
  }));
  await tx.query(
    `INSERT INTO records (team_id, table_name, id, customer_id, data, version, deleted)
     SELECT $1, r.table_name, r.id, r.customer_id, r.data, r.version, r.deleted
     FROM jsonb_to_recordset($2::text::jsonb)
       AS r(table_name text, id text, customer_id text, data jsonb, version bigint, deleted boolean)
     ON CONFLICT (team_id, table_name, id) DO UPDATE
       SET customer_id = EXCLUDED.customer_id, data = EXCLUDED.data,
           version = EXCLUDED.version, deleted = EXCLUDED.deleted`,
    [teamId, JSON.stringify(rows)],
  );
  // Delivered on commit only, and to every instance listening on this PostgreSQL.
  await tx.query('SELECT pg_notify($1, $2)', [POKE_CHANNEL, JSON.stringify({ teamId, version: last })]);
  return last;
}

function auditInsert(team: string, entries: string): string {
  // WITH ORDINALITY keeps the log in the order the mutations ran.
  return `INSERT INTO audit_log (team_id, at, user_id, client_id, mutation_id, name, version, customer_id,
                            status, client_time, summary, rejection, changes)
     SELECT ${team}, (e->>'at')::timestamptz, e->>'userId', e->>'clientId', (e->>'mutationId')::bigint,
            e->>'name', (e->>'version')::integer, e->>'customerId', e->>'status',
            (e->>'clientTime')::timestamptz, e->>'summary', NULLIF(e->'rejection', 'null'::jsonb), e->'changes'
     FROM jsonb_array_elements(${entries}) WITH ORDINALITY AS entries(e, n)
     ORDER BY n`;
}

export async function appendAudit(
  tx: Queryable,
  teamId: string,
  entries: readonly AuditWrite[],
): Promise<void> {
  if (entries.length === 0) return;
  await tx.query(auditInsert('$1', '$2::text::jsonb'), [teamId, JSON.stringify(entries)]);
}
