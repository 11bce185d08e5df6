// Pokes: "the team changed, pull now" to every connected console of the team. Fed by the
// database's NOTIFY on commit (LISTEN/NOTIFY on PostgreSQL, so every instance hears every
// write; PGlite delivers its own notifications in-process), fanned out here to SSE streams.
// The same channel carries token revocations, so a revoked token's open streams close at once
// on every instance.
import { z } from 'zod';
import type { Database } from './db/database';
import { POKE_CHANNEL } from './recordStore';

const payloadSchema = z.union([
  z.object({ teamId: z.string(), version: z.number() }),
  z.object({ teamId: z.string(), revokedTokenId: z.string() }),
]);

/** `version` null: writes may have been missed (the LISTEN connection dropped); pull anyway. */
export type PokeListener = (version: number | null) => void;

export class PokeHub {
  private readonly teams = new Map<string, Set<PokeListener>>();
  private readonly revocationWatchers = new Map<string, Set<() => void>>();
  private stopListening: (() => Promise<void>) | null = null;

  async start(db: Database): Promise<void> {
    this.stopListening = await db.listen(
      POKE_CHANNEL,
      (payload) => this.onNotify(payload),
      () => this.pokeEveryone(),
    );
  }

  subscribe(teamId: string, listener: PokeListener): () => void {
    let listeners = this.teams.get(teamId);
    if (!listeners) {
      listeners = new Set();
      this.teams.set(teamId, listeners);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.teams.delete(teamId);
    };
  }

  /** Calls `onRevoked` when the token is revoked (on any instance), until the returned function is called. */
  watchRevocation(tokenId: string, onRevoked: () => void): () => void {
    let watchers = this.revocationWatchers.get(tokenId);
    if (!watchers) {
      watchers = new Set();
      this.revocationWatchers.set(tokenId, watchers);
    }
    watchers.add(onRevoked);
    return () => {
      watchers.delete(onRevoked);
      if (watchers.size === 0) this.revocationWatchers.delete(tokenId);
    };
  }

  /** After the LISTEN connection was lost: pokes may have been missed, so everyone pulls. */
  pokeEveryone(): void {
    for (const listeners of this.teams.values()) for (const listener of listeners) listener(null);
  }

  get connections(): number {
    let count = 0;
    for (const listeners of this.teams.values()) count += listeners.size;
    return count;
  }

  async stop(): Promise<void> {
    await this.stopListening?.();
    this.stopListening = null;
    this.teams.clear();
    this.revocationWatchers.clear();
  }

  private onNotify(payload: string): void {
    let parsed: z.infer<typeof payloadSchema>;
    try {
      parsed = payloadSchema.parse(JSON.parse(payload));
    } catch {
      return; // not ours
    }
    if ('revokedTokenId' in parsed) {
      for (const onRevoked of [...(this.revocationWatchers.get(parsed.revokedTokenId) ?? [])]) onRevoked();
      return;
    }
    for (const listener of this.teams.get(parsed.teamId) ?? []) listener(parsed.version);
  }
}
