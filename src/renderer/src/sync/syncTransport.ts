// The team server over HTTP, as the sync engine needs it: push, pull and whoami, each answer
// checked against the protocol's schemas and every failure sorted into what the engine does next
// (retry with backoff, push from another id, stop and tell the user).
import {
  problemCodes,
  problemSchema,
  pullResponseSchema,
  pushResponseSchema,
  teamMembersSchema,
  whoAmISchema,
  type PullRequest,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type TeamMember,
  type WhoAmI,
} from '../../../core/syncProtocol';

export type SyncConnection = { serverUrl: string; token: string };

export type SyncFailure =
  /** No network, or the server could not be reached: retry when back online. */
  | { kind: 'offline'; message: string }
  /** 5xx, 429, 503: retry later, after `retryAfterMs` when the server said. */
  | { kind: 'transient'; message: string; retryAfterMs: number | null }
  /** 409 mutation-gap: the server expects this id next. */
  | { kind: 'gap'; message: string; expectedMutationId: number }
  /** 422 unknown-mutation: this console must be updated before it can push. */
  | { kind: 'update-required'; message: string; mutationId: number | null }
  /** 401: the token is missing, wrong or revoked. */
  | { kind: 'unauthorized'; message: string }
  /** 409 cursor-ahead: this copy came from another server. */
  | { kind: 'cursor-ahead'; message: string }
  /** The token is another team's while changes for this console's team still wait (db/syncIdentity.ts). */
  | { kind: 'team-changed'; message: string }
  /** Anything else the server refused: the same request will not work on retry. */
  | { kind: 'refused'; message: string };

export type Answer<T> = { ok: true; value: T } | { ok: false; failure: SyncFailure };

export type SyncTransport = {
  push(request: PushRequest): Promise<Answer<PushResponse>>;
  pull(request: PullRequest): Promise<Answer<PullResponse>>;
  whoAmI(): Promise<Answer<WhoAmI>>;
  /** The team's members by name (GET /team); a server without it answers a failure. */
  teamMembers(): Promise<Answer<TeamMember[]>>;
};

const TIMEOUT_MS = 30_000;

function failureFrom(status: number, body: unknown, retryAfterHeader: string | null): SyncFailure {
  const parsed = problemSchema.safeParse(body);
  const problem = parsed.success ? parsed.data : null;
  const message = problem?.message ?? `The team server answered ${status}.`;
  if (status === 401) return { kind: 'unauthorized', message };
  if (status === 409 && problem?.code === problemCodes.mutationGap && problem.expectedMutationId) {
    return { kind: 'gap', message, expectedMutationId: problem.expectedMutationId };
  }
  if (status === 409 && problem?.code === problemCodes.cursorAhead) return { kind: 'cursor-ahead', message };
  if (status === 422 && problem?.code === problemCodes.unknownMutation) {
    return { kind: 'update-required', message, mutationId: problem.mutationId ?? null };
  }
  if (status === 429 || status >= 500) {
    const seconds = problem?.retryAfterSeconds ?? (retryAfterHeader ? Number(retryAfterHeader) : Number.NaN);
    return { kind: 'transient', message, retryAfterMs: Number.isFinite(seconds) ? seconds * 1000 : null };
  }
  return { kind: 'refused', message };
}

export function httpSyncTransport(
  connection: SyncConnection,
  fetchImpl: typeof fetch = (...args) => fetch(...args),
): SyncTransport {
  const base = connection.serverUrl.replace(/\/+$/, '');

  async function call<T>(
    path: string,
    init: { method: 'GET' | 'POST'; body?: unknown },
    parse: (body: unknown) => T,
  ): Promise<Answer<T>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        method: init.method,
        headers: {
          authorization: `Bearer ${connection.token}`,
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: controller.signal,
      });
    } catch (error) {
      const timedOut = controller.signal.aborted;
      return {
        ok: false,
        failure: {
          kind: 'offline',
          message: timedOut
            ? `The team server did not answer within ${TIMEOUT_MS / 1000} s.`
            : `The team server at ${base} cannot be reached (${error instanceof Error ? error.message : String(error)}).`,
        },
      };
    } finally {
      clearTimeout(timer);
    }
    // A body that is not JSON (a proxy's error page) counts as no body.
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      return { ok: false, failure: failureFrom(response.status, body, response.headers.get('retry-after')) };
    }
    try {
      return { ok: true, value: parse(body) };
    } catch {
      return {
        ok: false,
        failure: {
          kind: 'refused',
          message: `The team server's answer to ${path} is not what this console expects.`,
        },
      };
    }
  }

  return {
    push: (request) =>
      call('/push', { method: 'POST', body: request }, (body) => pushResponseSchema.parse(body)),
    pull: (request) =>
      // The envelope is checked; rows were written by the same core code under zod, and checking
      // 10,000 of them per page again would halve the first sync.
      call('/pull', { method: 'POST', body: request }, (body) => {
        const head = pullResponseSchema.omit({ changes: true }).parse(body);
        const changes = (body as { changes?: unknown }).changes;
        if (!Array.isArray(changes)) throw new Error('no changes');
        return { ...head, changes: changes as PullResponse['changes'] };
      }),
    whoAmI: () => call('/me', { method: 'GET' }, (body) => whoAmISchema.parse(body)),
    teamMembers: () => call('/team', { method: 'GET' }, (body) => teamMembersSchema.parse(body)),
  };
}
