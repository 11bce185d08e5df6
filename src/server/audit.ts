// Reading the audit log: who changed what, from which client, applied or rejected, newest first.
import type { z } from 'zod';
import type { AuditEntry, AuditResponse, auditQuerySchema } from '../core/syncProtocol';
import type { Principal } from './auth';
import { toInstantString, toNumber, type Queryable } from './db/database';
import { notFound } from './problems';
import { isStorableText } from './storableText';

type AuditRow = {
  id: unknown;
  at: unknown;
  user_id: string | null;
  client_id: string | null;
  mutation_id: unknown;
  name: string;
  version: unknown;
  customer_id: string | null;
  status: 'applied' | 'rejected';
  client_time: unknown;
  summary: string | null;
  rejection: AuditEntry['rejection'];
  changes: AuditEntry['changes'];
};

export async function readAudit(
  db: Queryable,
  principal: Principal,
  query: z.output<typeof auditQuerySchema>,
): Promise<AuditResponse> {
  if (query.customerId !== undefined) {
    // No customer id holds text PostgreSQL cannot store, and the query would fail on it.
    if (!isStorableText(query.customerId)) throw notFound('such customer', 'customerId');
    const [customer] = await db.query(
      "SELECT 1 FROM records WHERE team_id = $1 AND table_name = 'customers' AND id = $2",
      [principal.teamId, query.customerId],
    );
    if (!customer) throw notFound(`customer ${query.customerId}`, 'customerId');
  }
  const rows = await db.query<AuditRow>(
    `SELECT id, at, user_id, client_id, mutation_id, name, version, customer_id, status, client_time,
            summary, rejection, changes
     FROM audit_log
     WHERE team_id = $1 AND ($2::text IS NULL OR customer_id = $2) AND ($3::bigint IS NULL OR id < $3)
     ORDER BY id DESC LIMIT $4`,
    [principal.teamId, query.customerId ?? null, query.before ?? null, query.limit + 1],
  );
  const entries = rows.slice(0, query.limit).map((row): AuditEntry => ({
    id: toNumber(row.id),
    at: toInstantString(row.at),
    userId: row.user_id,
    clientId: row.client_id,
    mutationId: row.mutation_id === null ? null : toNumber(row.mutation_id),
    name: row.name,
    version: row.version === null ? null : toNumber(row.version),
    customerId: row.customer_id,
    status: row.status,
    clientTime: row.client_time === null ? null : toInstantString(row.client_time),
    summary: row.summary,
    rejection: row.rejection,
    changes: row.changes,
  }));
  const oldest = entries[entries.length - 1];
  return { entries, nextBefore: rows.length > query.limit && oldest ? oldest.id : null };
}
