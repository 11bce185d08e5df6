// A user id as a name where the console knows one: mine, from Settings. The team's other users
// reach this console only as ids (the sync protocol carries ids), so they stay ids.
import type { Settings } from '../db/schema';

export function personName(userId: string, me: Pick<Settings, 'userId' | 'userName'>): string {
  return userId === me.userId ? me.userName : userId;
}
