// A team server on 127.0.0.1 (real HTTP, port 0), teams with users and tokens, and a small HTTP
// and server-sent-events client for the suites.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../../src/core/mutations/mutation';
import { buildServer, type ServerOptions } from '../../../src/server/app';
import type { Database } from '../../../src/server/db/database';
import { createTeam, createToken, createUser } from '../../../src/server/teamAdmin';

export type RunningServer = { app: FastifyInstance; url: string; close(): Promise<void> };

export async function startServer(
  db: Database,
  options: Omit<ServerOptions, 'db'> = {},
): Promise<RunningServer> {
  const app = await buildServer({ rateLimit: false, ...options, db });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server did not listen on a port');
  return { app, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

export type TestTeam = {
  id: string;
  users: Record<string, { id: string; role: Role; token: string; tokenId: string }>;
};

/** A team with a unique id and one user per given role, each with a token. */
export async function aTeam(
  db: Database,
  members: Record<string, Role> = { tam: 'tam', lead: 'lead', advisor: 'advisor' },
): Promise<TestTeam> {
  const id = `team-${randomBytes(5).toString('hex')}`;
  await createTeam(db, { id, name: `Team ${id}` });
  const users: TestTeam['users'] = {};
  for (const [name, role] of Object.entries(members)) {
    await createUser(db, { teamId: id, id: name, name: `User ${name}`, role });
    const { token, tokenId } = await createToken(db, id, name, 'test');
    users[name] = { id: name, role, token, tokenId };
  }
  return { id, users };
}

export function aClientId(): string {
  return `client-${randomBytes(6).toString('hex')}`;
}

export type Answer = { status: number; body: unknown; headers: Headers };

/** JSON over HTTP with a bearer token (or none). */
export function apiClient(baseUrl: string, token: string | null) {
  async function call(method: string, path: string, body?: unknown, raw?: string): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (body !== undefined || raw !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      ...(raw !== undefined ? { body: raw } : body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown) => call('POST', path, body),
    postRaw: (path: string, raw: string) => call('POST', path, undefined, raw),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

export type SseEvent = { event: string; data: string; at: number };

/** Reads a server-sent-events stream with fetch; `next` waits for the next event of a name. */
export async function openPokeStream(baseUrl: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/poke`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  const events: SseEvent[] = [];
  const waiters: (() => void)[] = [];
  const reading = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length > 0) events.push({ event, data: data.join('\n'), at: performance.now() });
          waiters.splice(0).forEach((wake) => wake());
        }
      }
    } catch {
      // aborted
    }
  })();
  let seen = 0;
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    events,
    /** The next event named `name` not yet returned, waiting up to `timeoutMs`. */
    async next(name: string, timeoutMs = 5_000): Promise<SseEvent> {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const index = events.findIndex((event, at) => at >= seen && event.event === name);
        if (index >= 0) {
          seen = index + 1;
          return events[index] as SseEvent;
        }
        const left = deadline - performance.now();
        if (left <= 0) throw new Error(`no ${name} event within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    /** Whether the server closed the stream within `timeoutMs`. */
    async endedWithin(timeoutMs: number): Promise<boolean> {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>(
        (resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)),
      );
      const ended = await Promise.race([reading.then(() => true), timeout]);
      clearTimeout(timer);
      return ended;
    },
    async close() {
      controller.abort();
      await reading;
    },
  };
}

export type PokeStream = Awaited<ReturnType<typeof openPokeStream>>;
