// Pull: the team's rows changed since a cursor, in version order, a page at a time, tombstones
// included, with this client's mutation results. Read from one snapshot, so `lastMutationId`
// and the rows agree once the last page (hasMore: false) is in.
import type { z } from 'zod';
import {
  MAX_PULL_RESULTS,
  problemCodes,
  type PullResponse,
  type pullRequestSchema,
} from '../core/syncProtocol';
import type { Principal } from './auth';
import { toNumber, type Database } from './db/database';
import { HttpProblem, notFound } from './problems';
import { resultFromRow } from './push';

export type ParsedPull = z.output<typeof pullRequestSchema>;

/**
 * Pull's answer as JSON text. Each change is rendered to JSON by the database from its jsonb, so a
 * page of 10,000 rows is joined, not parsed and serialized again (see pullResponseSchema).
 */
export async function pullChanges(db: Database, principal: Principal, request: ParsedPull): Promise<string> {
  return db.transaction(
    async (tx) => {
      const [state] = await tx.query<{
        team_version: unknown;
        team_id: string | null;
        user_id: string | null;
        last_mutation_id: unknown;
      }>(
        `SELECT (SELECT version FROM teams WHERE id = $1) AS team_version, c.team_id, c.user_id, c.last_mutation_id
         FROM (SELECT 1) AS one LEFT JOIN clients c ON c.client_id = $2`,
        [principal.teamId, request.clientId],
      );
      const known = state?.team_id != null;
      if (known && (state.team_id !== principal.teamId || state.user_id !== principal.userId)) {
        throw notFound(`client ${request.clientId}`, 'clientId');
      }
      const teamVersion = toNumber(state?.team_version ?? 0);
      if (request.cursor > teamVersion) {
        throw new HttpProblem(409, {
          code: problemCodes.cursorAhead,
          message: `Your copy is at version ${request.cursor} but the team is at ${teamVersion}: this server holds other data. Pull again from 0.`,
          field: 'cursor',
        });
      }
      const rows = await tx.query<{ version: unknown; change: string }>(
        `SELECT version, json_build_object('table', table_name, 'id', id, 'customerId', customer_id,
                  'version', version, 'deleted', deleted, 'record', CASE WHEN deleted THEN NULL ELSE data END)::text AS change
         FROM (
           -- Limit first, then render: only the page's rows are turned into JSON, whatever the plan.
           SELECT table_name, id, customer_id, version, deleted, data FROM records
           WHERE team_id = $1 AND version > $2 ORDER BY version LIMIT $3
         ) AS page
         ORDER BY version`,
        [principal.teamId, request.cursor, request.limit + 1],
      );
      const resultRows = known
        ? await tx.query<Parameters<typeof resultFromRow>[0]>(
            `SELECT mutation_id, name, status, summary, rejection FROM mutation_results
             WHERE client_id = $1 AND mutation_id > $2 ORDER BY mutation_id LIMIT $3`,
            [request.clientId, request.resultsAfter, MAX_PULL_RESULTS + 1],
          )
        : [];
      const page = rows.slice(0, request.limit);
      const last = page[page.length - 1];
      const head: Omit<PullResponse, 'changes' | 'results'> = {
        cursor: last ? toNumber(last.version) : request.cursor,
        hasMore: rows.length > request.limit || resultRows.length > MAX_PULL_RESULTS,
        lastMutationId: known ? toNumber(state.last_mutation_id) : 0,
        teamVersion,
      };
      const results = resultRows.slice(0, MAX_PULL_RESULTS).map(resultFromRow);
      return `${JSON.stringify(head).slice(0, -1)},"changes":[${page.map((row) => row.change).join(',')}],"results":${JSON.stringify(results)}}`;
    },
    { isolation: 'repeatable read', readOnly: true },
  );
}
