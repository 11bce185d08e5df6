// Which Go Live bookings are provisional (made offline, not yet accepted by the team server, and
// spending no reservation): views mark them so a TAM never mistakes them for confirmed.
import { useLiveQuery } from 'dexie-react-hooks';
import { readProvisionalBookingIds } from '../db/shadows';

const none: ReadonlySet<string> = new Set();

export function useProvisionalIds(): ReadonlySet<string> {
  return useLiveQuery(readProvisionalBookingIds, []) ?? none;
}
