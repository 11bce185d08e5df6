// The stored view snapshots (caches of derived figures, see schema.ts), the team revision they are
// checked against, and a read started before React mounts so the first paint need not wait for it.
import { readTeamRevision } from './books';
import { db, type StoredViewSnapshot } from './schema';

export type SnapshotView = 'today' | 'grid';

export type SnapshotRead = { snapshot: StoredViewSnapshot | null; teamRevision: number };

const keys = { today: 'todaySnapshot', grid: 'gridSnapshot' } as const;

export async function readViewSnapshot(view: SnapshotView): Promise<SnapshotRead> {
  const [entry, teamRevision] = await Promise.all([db.meta.get(keys[view]), readTeamRevision()]);
  return { snapshot: entry && entry.key === keys[view] ? entry.value : null, teamRevision };
}

export async function writeViewSnapshot(view: SnapshotView, snapshot: StoredViewSnapshot): Promise<void> {
  await db.meta.put({ key: keys[view], value: snapshot });
}

const prefetched = new Map<SnapshotView, Promise<SnapshotRead>>();

/** Starts reading the snapshot of the view the console opens on, before anything renders. */
export function prefetchViewSnapshot(view: SnapshotView): void {
  prefetched.set(
    view,
    readViewSnapshot(view).catch(() => ({ snapshot: null, teamRevision: -1 })),
  );
}

/** The prefetched read, once; later reads go to Dexie. */
export function takePrefetchedSnapshot(view: SnapshotView): Promise<SnapshotRead> | null {
  const read = prefetched.get(view) ?? null;
  prefetched.delete(view);
  return read;
}
