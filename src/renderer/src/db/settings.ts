// My identity and zone, the client id and how the book was started: the `meta` table.
import { rejectionFromZod, type Result } from '../../../core/rejection';
import { db, settingsSchema, type BookSetup, type MetaEntry, type Settings } from './schema';

type MetaValues = { [E in MetaEntry as E['key']]: E['value'] };

async function metaValue<K extends keyof MetaValues>(key: K): Promise<MetaValues[K] | null> {
  const entry = await db.meta.get(key);
  // The key decides the value's type (see MetaEntry).
  return entry ? (entry.value as MetaValues[K]) : null;
}

/** My settings, or null before first start. A stored value that no longer parses counts as absent. */
export async function readSettings(): Promise<Settings | null> {
  const stored = await metaValue('settings');
  const parsed = settingsSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

export async function saveSettings(input: unknown): Promise<Result<Settings>> {
  const parsed = settingsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, rejection: rejectionFromZod(parsed.error) };
  await db.meta.put({ key: 'settings', value: parsed.data });
  return { ok: true, value: parsed.data };
}

export async function readSetup(): Promise<BookSetup | null> {
  return metaValue('setup');
}

/** This install's id for the sync protocol, or null before it is made. */
export async function readClientId(): Promise<string | null> {
  return metaValue('clientId');
}

/** This install's id for the sync protocol, made once. Call inside a read-write transaction over meta. */
export async function ensureClientId(): Promise<string> {
  const existing = await metaValue('clientId');
  if (existing) return existing;
  const clientId = `console-${crypto.randomUUID()}`;
  await db.meta.put({ key: 'clientId', value: clientId });
  return clientId;
}

export async function readLastMutationId(): Promise<number> {
  return (await metaValue('lastMutationId')) ?? 0;
}
