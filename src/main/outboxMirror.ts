// The outbox mirror: a copy of the console's pending mutations, client id and last mutation id in
// userData, written whole or not at all, so that a wiped IndexedDB (a profile reset, an update
// gone wrong) can be rebuilt and re-pushed under the same client id; the server's idempotency
// then keeps every change exactly once. JSON Lines: a header, then one mutation per line.
import { z } from 'zod';
import {
  outboxMirrorSchema,
  type IpcResponse,
  type OutboxMirror,
  type StoredOutboxMirror,
} from '../preload/api';
import { fail, ok } from './ipc';
import { readTextFileIfPresent, writeFileAtomically } from './userDataFiles';

const FORMAT = 'tam-console-outbox-mirror';

const headerSchema = z.strictObject({
  format: z.literal(FORMAT),
  version: z.literal(1),
  savedAt: z.string(),
  clientId: z.string(),
  lastMutationId: z.number(),
  settings: z.record(z.string(), z.unknown()).nullable(),
  pending: z.number().int().nonnegative(),
});

export function mirrorFileText(mirror: OutboxMirror, savedAt: string): string {
  const header = {
    format: FORMAT,
    version: 1,
    savedAt,
    clientId: mirror.clientId,
    lastMutationId: mirror.lastMutationId,
    settings: mirror.settings,
    pending: mirror.pending.length,
  } satisfies z.input<typeof headerSchema>;
  return [header, ...mirror.pending].map((line) => JSON.stringify(line)).join('\n') + '\n';
}

/** The mirror in a file's text, or null when the text is not a whole, valid mirror. */
export function parseMirrorFile(text: string): StoredOutboxMirror | null {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  let values: unknown[];
  try {
    values = lines.map((line) => JSON.parse(line) as unknown);
  } catch {
    return null;
  }
  const header = headerSchema.safeParse(values[0]);
  // A count that does not match means a file cut short: it is not the whole outbox.
  if (!header.success || header.data.pending !== values.length - 1) return null;
  const mirror = outboxMirrorSchema.safeParse({
    clientId: header.data.clientId,
    lastMutationId: header.data.lastMutationId,
    settings: header.data.settings,
    pending: values.slice(1),
  });
  return mirror.success ? { ...mirror.data, savedAt: header.data.savedAt } : null;
}

export type OutboxMirrorStore = {
  save(mirror: OutboxMirror): IpcResponse<'outbox:mirror'>;
  load(): IpcResponse<'outbox:readMirror'>;
};

export function outboxMirrorStore(file: string, clock: () => Date = () => new Date()): OutboxMirrorStore {
  return {
    save(mirror) {
      const savedAt = clock().toISOString();
      writeFileAtomically(file, mirrorFileText(mirror, savedAt), 0o600);
      return ok({ pending: mirror.pending.length, savedAt });
    },
    load() {
      const text = readTextFileIfPresent(file);
      if (text === null) return ok(null);
      const mirror = parseMirrorFile(text);
      if (!mirror) {
        return fail(
          'mirror-unreadable',
          'The copy of the outbox kept by the desktop app is damaged; the local database was left as it is.',
        );
      }
      return ok(mirror);
    },
  };
}
