// A user id as a name: mine from Settings, a teammate's from the team server's list (GET /team,
// kept in db/teamMembers.ts), and the id itself for anyone the console has no name for (working
// alone, or before the first sync).
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import type { TeamMember } from '../../../core/syncProtocol';
import type { Settings } from '../db/schema';
import { readTeamMembers } from '../db/teamMembers';

export type NameOf = (userId: string) => string;

export function personName(
  userId: string,
  me: Pick<Settings, 'userId' | 'userName'>,
  members: readonly Pick<TeamMember, 'id' | 'name'>[] = [],
): string {
  if (userId === me.userId) return me.userName;
  return members.find((member) => member.id === userId)?.name ?? userId;
}

/** `nameOf(userId)`, live: it follows my settings and the team's list as the sync updates it. */
export function useNameOf(me: Pick<Settings, 'userId' | 'userName'>): NameOf {
  const members = useLiveQuery(readTeamMembers, []);
  const { userId, userName } = me;
  return useCallback(
    (id: string) => personName(id, { userId, userName }, members ?? []),
    [userId, userName, members],
  );
}
