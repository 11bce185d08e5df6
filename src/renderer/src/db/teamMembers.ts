// The team's members by name, as the team server last listed them (GET /team, asked for when the
// sync engine checks the team): the sync protocol carries user ids, this turns them into names.
import type { TeamMember } from '../../../core/syncProtocol';
import { db } from './schema';

export async function readTeamMembers(): Promise<TeamMember[]> {
  const entry = await db.meta.get('teamMembers');
  return entry?.key === 'teamMembers' ? entry.value : [];
}

export async function saveTeamMembers(members: readonly TeamMember[]): Promise<void> {
  await db.meta.put({ key: 'teamMembers', value: [...members] });
}
