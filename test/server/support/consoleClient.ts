// A stand-in for one console install in the server suites: it numbers its mutations 1, 2, 3…
// like the app's outbox, pushes and pulls over real HTTP.
import type { Contract, Customer } from '../../../src/core/records';
import {
  pullResponseSchema,
  pushResponseSchema,
  type PullResponse,
  type PushResponse,
} from '../../../src/core/syncProtocol';
import { aContract, aCustomer } from '../../support/fixtures';
import { aClientId, apiClient, type Answer } from './serverHarness';

export type Queued = { name: string; args: unknown; version?: number; clientTime?: string };

export const defaultClientTime = '2026-03-02T08:00:00.000Z';

export function aConsole(baseUrl: string, token: string, clientId: string = aClientId()) {
  const api = apiClient(baseUrl, token);
  let nextId = 1;
  const envelope = (mutation: Queued, id: number) => ({
    id,
    name: mutation.name,
    version: mutation.version ?? 1,
    args: mutation.args,
    clientTime: mutation.clientTime ?? defaultClientTime,
  });
  return {
    clientId,
    api,
    /** Pushes with the next ids; they are used up only when the server answered 200. */
    async push(...mutations: Queued[]): Promise<Answer & { results: PushResponse['results'] }> {
      const answer = await api.post('/push', {
        clientId,
        mutations: mutations.map((mutation, index) => envelope(mutation, nextId + index)),
      });
      if (answer.status === 200) nextId += mutations.length;
      // Every answer must be what the protocol says it is.
      const results = answer.status === 200 ? pushResponseSchema.parse(answer.body).results : [];
      return { ...answer, results };
    },
    /** Pushes with explicit ids (retries, gaps). */
    pushWithIds(entries: readonly (Queued & { id: number })[]): Promise<Answer> {
      return api.post('/push', { clientId, mutations: entries.map((entry) => envelope(entry, entry.id)) });
    },
    async pull(
      query: { cursor?: number; limit?: number; resultsAfter?: number } = {},
    ): Promise<PullResponse> {
      const answer = await api.post('/pull', { clientId, ...query });
      if (answer.status !== 200)
        throw new Error(`pull answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return pullResponseSchema.parse(answer.body);
    },
    /** Every change from `cursor` on, page by page. */
    async pullAll(cursor = 0, limit = 1_000): Promise<PullResponse['changes']> {
      const changes: PullResponse['changes'] = [];
      let at = cursor;
      for (;;) {
        const page = await this.pull({ cursor: at, limit });
        changes.push(...page.changes);
        at = page.cursor;
        if (!page.hasMore) return changes;
      }
    },
    get nextId() {
      return nextId;
    },
  };
}

export type Console = ReturnType<typeof aConsole>;

export function createCustomer(customer: Partial<Customer> & { id: string }): Queued {
  return { name: 'createCustomer', args: { customer: aCustomer(customer) } };
}

export function createContract(contract: Partial<Contract> & { customerId: string }): Queued {
  return {
    name: 'createContract',
    args: { contract: aContract({ id: `contract-${contract.customerId}`, ...contract }) },
  };
}

export function createContact(customerId: string, id: string, name = `Contact ${id}`): Queued {
  return {
    name: 'createContact',
    args: {
      contact: {
        id,
        customerId,
        name,
        role: 'engineering',
        email: `${id}@example.com`,
        phones: [],
        primary: false,
      },
    },
  };
}

export function requestGoLive(
  customerId: string,
  id: string,
  date: string,
  extra: Record<string, unknown> = {},
  clientTime?: string,
): Queued {
  return {
    name: 'requestGoLive',
    args: { id, customerId, title: `Launch ${id}`, date, time: '10:00', durationMinutes: 60, ...extra },
    ...(clientTime ? { clientTime } : {}),
  };
}
