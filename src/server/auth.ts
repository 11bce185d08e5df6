// Bearer tokens: one per user and device, shown once, stored only as a sha-256 hash. A token
// names its user, and through the user the team and role every query is scoped by.
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../core/mutations/mutation';
import type { Queryable } from './db/database';

export type Principal = {
  teamId: string;
  teamName: string;
  userId: string;
  userName: string;
  role: Role;
  tokenId: string;
};

const TOKEN_PREFIX = 'tamc_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new secret token and its public id (the id is what an administrator revokes). */
export function newToken(): { tokenId: string; token: string } {
  return {
    tokenId: `tok_${randomBytes(6).toString('hex')}`,
    token: `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`,
  };
}

/** The token from `Authorization: Bearer …`, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

export const invalidTokenMessage = 'This token is not valid or was revoked; ask your lead for a new one.';

/** Tokens have a fixed shape: anything else cannot match, so no query is needed to refuse it. */
export function looksLikeToken(token: string): boolean {
  return token.startsWith(TOKEN_PREFIX) && token.length <= 100;
}

export async function principalForToken(db: Queryable, token: string): Promise<Principal | null> {
  if (!looksLikeToken(token)) return null;
  const [row] = await db.query<{
    token_id: string;
    team_id: string;
    team_name: string;
    user_id: string;
    user_name: string;
    role: Role;
  }>(
    `SELECT t.id AS token_id, u.team_id, teams.name AS team_name, u.id AS user_id, u.name AS user_name, u.role
     FROM tokens t
     JOIN users u ON u.team_id = t.team_id AND u.id = t.user_id
     JOIN teams ON teams.id = u.team_id
     WHERE t.hash = $1 AND t.revoked_at IS NULL`,
    [hashToken(token)],
  );
  if (!row) return null;
  return {
    teamId: row.team_id,
    teamName: row.team_name,
    userId: row.user_id,
    userName: row.user_name,
    role: row.role,
    tokenId: row.token_id,
  };
}
