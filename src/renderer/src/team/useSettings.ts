// My settings and how the book was started, live from Dexie.
import { useLiveQuery } from 'dexie-react-hooks';
import type { BookSetup, Settings } from '../db/schema';
import { readSettings, readSetup } from '../db/settings';

export type ConsoleIdentity =
  { state: 'loading' } | { state: 'first-start' } | { state: 'ready'; settings: Settings; setup: BookSetup };

export function useIdentity(): ConsoleIdentity {
  const result = useLiveQuery(async () => ({ settings: await readSettings(), setup: await readSetup() }), []);
  if (!result) return { state: 'loading' };
  if (!result.settings || !result.setup) return { state: 'first-start' };
  return { state: 'ready', settings: result.settings, setup: result.setup };
}
