// What an administrator does to a team server: teams, users with their roles, tokens (shown
// once, stored hashed), revocation, and loading records in bulk (demo data). Used by the admin
// CLI and by the tests.
import { z } from 'zod';
import { roles, type Role } from '../core/mutations/mutation';
import type { RecordPut } from '../core/mutations/mutation';
import { hashToken, newToken } from './auth';
import { customerIdOf } from './customerBook';
import type { Database } from './db/database';
import { appendAudit, POKE_CHANNEL, writeRecords, type RecordWrite } from './recordStore';

const idSchema = z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'must be 1 to 64 letters, digits or _ . @ -');

export const newTeamSchema = z.object({ id: idSchema, name: z.string().trim().min(1).max(200) });
export const newUserSchema = z.object({
  teamId: idSchema,
  id: idSchema,
  name: z.string().trim().min(1).max(200),
  role: z.enum(roles),
});

export async function createTeam(db: Database, team: z.input<typeof newTeamSchema>): Promise<void> {
  const { id, name } = newTeamSchema.parse(team);
  await db.query('INSERT INTO teams (id, name) VALUES ($1, $2)', [id, name]);
}

export async function createUser(db: Database, user: z.input<typeof newUserSchema>): Promise<void> {
  const { teamId, id, name, role } = newUserSchema.parse(user);
  const [team] = await db.query('SELECT 1 FROM teams WHERE id = $1', [teamId]);
  if (!team) throw new Error(`There is no team ${teamId}.`);
  await db.query('INSERT INTO users (team_id, id, name, role) VALUES ($1, $2, $3, $4)', [
    teamId,
    id,
    name,
    role,
  ]);
}

export async function setUserRole(db: Database, teamId: string, userId: string, role: Role): Promise<void> {
  const rows = await db.query('UPDATE users SET role = $3 WHERE team_id = $1 AND id = $2 RETURNING id', [
    teamId,
    userId,
    role,
  ]);
  if (rows.length === 0) throw new Error(`There is no user ${userId} in team ${teamId}.`);
}

/** A new token for a user. The token is returned once; only its hash is kept. */
export async function createToken(
  db: Database,
  teamId: string,
  userId: string,
  label = '',
): Promise<{ tokenId: string; token: string }> {
  const [user] = await db.query('SELECT 1 FROM users WHERE team_id = $1 AND id = $2', [teamId, userId]);
  if (!user) throw new Error(`There is no user ${userId} in team ${teamId}.`);
  const created = newToken();
  await db.query('INSERT INTO tokens (id, team_id, user_id, hash, label) VALUES ($1, $2, $3, $4, $5)', [
    created.tokenId,
    teamId,
    userId,
    hashToken(created.token),
    label,
  ]);
  return created;
}

/**
 * Revokes by token id (tok_…) or by the token itself. Returns whether one was revoked. Requests
 * with it are refused from now on (every request looks its token up); the NOTIFY closes the
 * poke streams it holds open, on every instance.
 */
export async function revokeToken(db: Database, tokenIdOrToken: string, at: string): Promise<boolean> {
  const rows = await db.query(
    `WITH revoked AS (
       UPDATE tokens SET revoked_at = $3 WHERE (id = $1 OR hash = $2) AND revoked_at IS NULL RETURNING id, team_id
     )
     SELECT id, pg_notify($4, json_build_object('teamId', team_id, 'revokedTokenId', id)::text) FROM revoked`,
    [tokenIdOrToken, hashToken(tokenIdOrToken), at, POKE_CHANNEL],
  );
  return rows.length > 0;
}

export type TeamListing = {
  team: { id: string; name: string; version: number };
  users: {
    id: string;
    name: string;
    role: Role;
    tokens: { id: string; label: string; revoked: boolean }[];
  }[];
};

export async function describeTeam(db: Database, teamId: string): Promise<TeamListing> {
  const [team] = await db.query<{ id: string; name: string; version: unknown }>(
    'SELECT id, name, version FROM teams WHERE id = $1',
    [teamId],
  );
  if (!team) throw new Error(`There is no team ${teamId}.`);
  const users = await db.query<{ id: string; name: string; role: Role }>(
    'SELECT id, name, role FROM users WHERE team_id = $1 ORDER BY id',
    [teamId],
  );
  const tokens = await db.query<{ id: string; user_id: string; label: string; revoked: boolean }>(
    'SELECT id, user_id, label, revoked_at IS NOT NULL AS revoked FROM tokens WHERE team_id = $1 ORDER BY created_at',
    [teamId],
  );
  return {
    team: { id: team.id, name: team.name, version: Number(team.version) },
    users: users.map((user) => ({
      ...user,
      tokens: tokens
        .filter((token) => token.user_id === user.id)
        .map(({ id, label, revoked }) => ({ id, label, revoked })),
    })),
  };
}

/**
 * Loads records as they are (no mutation rules run), in chunks of one transaction each, with one
 * audit entry per chunk. For demo data and benchmarks; a real team's data comes through push.
 */
export async function importRecords(
  db: Database,
  teamId: string,
  records: readonly RecordPut[],
  options: { at: string; name?: string; chunk?: number },
): Promise<number> {
  const chunk = options.chunk ?? 2_000;
  let version = 0;
  for (let start = 0; start < records.length; start += chunk) {
    const writes: RecordWrite[] = records.slice(start, start + chunk).map(({ table, record }) => ({
      table,
      id: record.id,
      customerId: customerIdOf(table, record),
      data: record,
    }));
    version = await db.transaction(async (tx) => {
      await appendAudit(tx, teamId, [
        {
          at: options.at,
          userId: null,
          clientId: null,
          mutationId: null,
          name: options.name ?? 'admin:import',
          version: null,
          customerId: null,
          status: 'applied',
          clientTime: null,
          summary: `Loaded ${writes.length} records`,
          rejection: null,
          changes: [],
        },
      ]);
      return writeRecords(tx, teamId, writes);
    });
  }
  // Fresh statistics, so the planner sees the bulk-loaded rows (pulls walk the version index).
  await db.query('ANALYZE records');
  return version;
}
