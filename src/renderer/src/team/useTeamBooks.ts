// The team's books for components: one live query shared by all (db/teamBooks.ts).
import { useSyncExternalStore } from 'react';
import { currentTeamBooks, subscribeTeamBooks, teamBooksFailure, type TeamBooks } from '../db/teamBooks';
import { afterOpeningPaint } from './openingPaint';

/** Subscribes once the opening view has painted (openingPaint.ts): the read of every record waits. */
function subscribeAfterOpeningPaint(listener: () => void): () => void {
  let unsubscribe: (() => void) | null = null;
  let cancelled = false;
  afterOpeningPaint(() => {
    if (!cancelled) unsubscribe = subscribeTeamBooks(listener);
  });
  return () => {
    cancelled = true;
    unsubscribe?.();
  };
}

/** Null until the first read has finished. Throws what the read threw, for the error boundary. */
export function useTeamBooks(): TeamBooks | null {
  const books = useSyncExternalStore(subscribeAfterOpeningPaint, currentTeamBooks);
  const failure = useSyncExternalStore(subscribeAfterOpeningPaint, teamBooksFailure);
  if (failure) throw failure;
  return books;
}
