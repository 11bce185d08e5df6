// A model console for the fault suites: it queues core named mutations with ids 1, 2, 3… in an
// outbox, pushes them per src/core/syncProtocol.ts and retries whatever did not get an answer,
// over real HTTP with one connection per request (so a proxy can fault each request alone).
import { request } from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import {
  problemSchema,
  pullResponseSchema,
  pushResponseSchema,
  type MutationResult,
  type PullResponse,
} from '../../../src/core/syncProtocol';
import type { Operation } from './model';

export type HttpAnswer = { status: number; body: unknown };

/** One HTTP request on a fresh connection; network failures reject. */
export function httpCall(
  baseUrl: string,
  method: string,
  path: string,
  options: {
    token?: string | null;
    body?: string;
    headers?: Record<string, string>;
    timeoutMs?: number;
  } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, baseUrl);
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      headers['content-length'] = String(Buffer.byteLength(options.body));
    }
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: `${url.pathname}${url.search}`,
        headers,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('aborted', () => reject(new Error('response aborted')));
        response.on('end', () => {
          if (!response.complete) return reject(new Error('response cut short'));
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: response.statusCode ?? 0, body });
        });
      },
    );
    outgoing.setTimeout(options.timeoutMs ?? 10_000, () => outgoing.destroy(new Error('request timed out')));
    outgoing.on('error', reject);
    if (options.body !== undefined) outgoing.write(options.body);
    outgoing.end();
  });
}

export type QueuedMutation = Operation & { id: number };

export type ClientCounters = {
  pushes: number;
  /** Requests that failed on the network or with a 5xx: each one retried. */
  failedRequests: number;
  gaps: number;
  statuses: Record<string, number>;
};

/**
 * The console's outbox and what it learned: results by mutation id. `sync` pushes until the
 * outbox is empty, retrying after any failure; a 200 answer settles the ids it covers.
 */
export class ModelClient {
  readonly outbox: QueuedMutation[] = [];
  readonly queued: QueuedMutation[] = [];
  readonly results = new Map<number, MutationResult>();
  readonly counters: ClientCounters = { pushes: 0, failedRequests: 0, gaps: 0, statuses: {} };
  /** Highest id the server said it processed. */
  acknowledged = 0;
  inFlight = 0;
  private nextId = 1;

  constructor(
    readonly clientId: string,
    private readonly token: string,
    public baseUrl: string,
    private readonly batchSize = 8,
  ) {}

  queue(operation: Operation): QueuedMutation {
    const mutation = { ...operation, id: this.nextId };
    this.nextId += 1;
    this.outbox.push(mutation);
    this.queued.push(mutation);
    return mutation;
  }

  /** One push of the oldest pending mutations; true when the server answered 200. */
  async pushOnce(batch: readonly QueuedMutation[] = this.outbox.slice(0, this.batchSize)): Promise<boolean> {
    if (batch.length === 0) return true;
    this.counters.pushes += 1;
    this.inFlight += 1;
    let answer: HttpAnswer;
    try {
      answer = await httpCall(this.baseUrl, 'POST', '/push', {
        token: this.token,
        body: JSON.stringify({
          clientId: this.clientId,
          mutations: batch.map(({ id, name, version, args, clientTime }) => ({
            id,
            name,
            version,
            args,
            clientTime,
          })),
        }),
      });
    } catch {
      this.counters.failedRequests += 1;
      return false;
    } finally {
      this.inFlight -= 1;
    }
    this.counters.statuses[answer.status] = (this.counters.statuses[answer.status] ?? 0) + 1;
    if (answer.status === 200) {
      const response = pushResponseSchema.parse(answer.body);
      for (const result of response.results) this.settle(result);
      this.advance(response.lastMutationId);
      return true;
    }
    if (answer.status === 409) {
      // A gap: an older push is still unanswered or was lost; the server says where to go on.
      const problem = problemSchema.parse(answer.body);
      if (problem.code !== 'mutation-gap' || problem.expectedMutationId === undefined) {
        throw new Error(`push answered 409 ${JSON.stringify(answer.body)}`);
      }
      this.counters.gaps += 1;
      this.advance(problem.expectedMutationId - 1);
      return false;
    }
    if (answer.status >= 500 || answer.status === 429) {
      this.counters.failedRequests += 1;
      return false;
    }
    throw new Error(`push answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }

  /** Pushes until the outbox is empty, retrying after failures (small pauses, as the app does). */
  async sync(deadline = Date.now() + 60_000): Promise<void> {
    while (this.outbox.length > 0) {
      if (Date.now() > deadline) throw new Error(`${this.clientId}: outbox not empty by the deadline`);
      if (!(await this.pushOnce())) await pause(20 + Math.random() * 60);
    }
  }

  /** Every result after `resultsAfter` and the live rows, page by page, from the server. */
  async pullResults(): Promise<{ lastMutationId: number; results: MutationResult[] }> {
    const results: MutationResult[] = [];
    let after = 0;
    let cursor = 0;
    for (;;) {
      const page = await this.pull(cursor, after);
      results.push(...page.results);
      cursor = page.cursor;
      after = page.results[page.results.length - 1]?.mutationId ?? after;
      if (!page.hasMore) return { lastMutationId: page.lastMutationId, results };
    }
  }

  async pull(cursor: number, resultsAfter: number, limit = 1_000): Promise<PullResponse> {
    const answer = await httpCall(this.baseUrl, 'POST', '/pull', {
      token: this.token,
      body: JSON.stringify({ clientId: this.clientId, cursor, resultsAfter, limit }),
    });
    if (answer.status !== 200)
      throw new Error(`pull answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return pullResponseSchema.parse(answer.body);
  }

  private settle(result: MutationResult): void {
    const known = this.results.get(result.mutationId);
    // A retried id must get the very answer it got the first time.
    if (known && !isDeepStrictEqual(known, result)) {
      throw new Error(
        `mutation ${result.mutationId} answered differently on retry: ${JSON.stringify(known)} then ${JSON.stringify(result)}`,
      );
    }
    this.results.set(result.mutationId, result);
  }

  private advance(lastMutationId: number): void {
    this.acknowledged = Math.max(this.acknowledged, lastMutationId);
    while (this.outbox[0] && this.outbox[0].id <= this.acknowledged) this.outbox.shift();
  }
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Every live record of the team as `table/id` → record, from a pull from 0. */
export async function serverSnapshot(client: ModelClient): Promise<Record<string, unknown>> {
  const rows = new Map<string, unknown>();
  let cursor = 0;
  for (;;) {
    const page = await client.pull(cursor, Number.MAX_SAFE_INTEGER, 5_000);
    for (const change of page.changes) {
      const key = `${change.table}/${change.id}`;
      if (change.deleted) rows.delete(key);
      else rows.set(key, change.record);
    }
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  return Object.fromEntries([...rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}
