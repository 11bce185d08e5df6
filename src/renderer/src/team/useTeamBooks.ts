// The team's books for components: one live query shared by all (db/teamBooks.ts).
import { useSyncExternalStore } from 'react';
import { currentTeamBooks, subscribeTeamBooks, teamBooksFailure, type TeamBooks } from '../db/teamBooks';

/** Null until the first read has finished. Throws what the read threw, for the error boundary. */
export function useTeamBooks(): TeamBooks | null {
  const books = useSyncExternalStore(subscribeTeamBooks, currentTeamBooks);
  const failure = useSyncExternalStore(subscribeTeamBooks, teamBooksFailure);
  if (failure) throw failure;
  return books;
}
