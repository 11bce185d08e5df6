// Keeps the desktop app's copy of the outbox current, and rebuilds a wiped IndexedDB from it at
// start. The browser build has no preload and so no mirror: Settings says so.
import { liveQuery } from 'dexie';
import { create } from 'zustand';
import { readMirrorSignature, readMirrorSnapshot, restoreFromMirror } from '../db/outboxMirror';
import { desktopApi } from './consoleApi';

export type MirrorStatus =
  | { state: 'unavailable' }
  | { state: 'waiting' }
  | { state: 'saved'; at: string; pending: number }
  | { state: 'failed'; message: string };

export type MirrorState = {
  status: MirrorStatus;
  /** Set when this start rebuilt the outbox from the mirror. */
  restoredPending: number | null;
};

export const useOutboxMirror = create<MirrorState>(() => ({
  status: desktopApi() ? { state: 'waiting' } : { state: 'unavailable' },
  restoredPending: null,
}));

/** At start, before the console reads its data: rebuild from the mirror if IndexedDB is empty. */
export async function restoreOutboxAtStart(): Promise<void> {
  const api = desktopApi();
  if (!api) return;
  try {
    const read = await api.readOutboxMirror();
    if (!read.ok) {
      useOutboxMirror.setState({ status: { state: 'failed', message: read.error.message } });
      return;
    }
    const outcome = await restoreFromMirror(read.value);
    if (outcome.restored) useOutboxMirror.setState({ restoredPending: outcome.pending });
  } catch (error) {
    console.error('Reading the outbox mirror failed', error);
  }
}

const DEBOUNCE_MS = 400;

/** Writes the mirror after each change of the outbox, debounced, one write at a time. Returns stop. */
export function startOutboxMirror(): () => void {
  const api = desktopApi();
  if (!api) return () => undefined;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writing: Promise<void> = Promise.resolve();
  const write = async () => {
    const snapshot = await readMirrorSnapshot();
    if (!snapshot) return;
    const result = await api.mirrorOutbox(snapshot);
    useOutboxMirror.setState({
      status: result.ok
        ? { state: 'saved', at: result.value.savedAt, pending: result.value.pending }
        : { state: 'failed', message: result.error.message },
    });
  };
  const subscription = liveQuery(readMirrorSignature).subscribe({
    next: () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        writing = writing.then(write).catch((error: unknown) => {
          console.error('Mirroring the outbox failed', error);
          useOutboxMirror.setState({
            status: { state: 'failed', message: 'the desktop app did not answer' },
          });
        });
      }, DEBOUNCE_MS);
    },
    error: (error: unknown) => console.error('Watching the outbox failed', error),
  });
  return () => {
    if (timer) clearTimeout(timer);
    subscription.unsubscribe();
  };
}
