// The console's one write path: run named mutations from src/core on the customer's book as it is
// in Dexie, and in ONE transaction write their records and queue them in the outbox for the team
// server. A refusal comes back to the form with the rule and its numbers; nothing is written then.
import {
  parseMutation,
  runMutation,
  type Changes,
  type MutationContext,
  type MutationRequest,
} from '../../../core/mutations';
import type { CustomerBook } from '../../../core/records';
import type { RuleNumbers } from '../../../core/rejection';
import { emptyBook } from '../../../core/records';
import type { Instant } from '../../../core/time';
import { bookTables, readCustomerBook, readTeamPlanTemplates, writeChanges } from './books';
import { notifyOutboxQueued } from './outbox';
import { db, type OutboxEntry } from './schema';
import { recordShadows } from './shadows';
import { traceStep } from '../sync/syncTrace';
import { ensureClientId, readLastMutationId, readSettings } from './settings';

/** Why nothing was saved: a core rejection, or the console itself could not save. */
export type LocalRefusal = { code: string; message: string; field?: string; numbers?: RuleNumbers };

export type LocalMutationResult =
  | { ok: true; summaries: string[]; mutationIds: number[]; queued: OutboxEntry[] }
  | { ok: false; rejection: LocalRefusal; /** Which request of the batch was refused. */ index: number };

/** The book after a mutation's changes, so the next mutation of a batch sees them. */
function bookWithChanges(book: CustomerBook | null, changes: Changes): CustomerBook | null {
  let next = book;
  for (const change of changes.put) {
    if (change.table === 'customers') {
      next = next ? { ...next, customer: change.record } : emptyBook(change.record);
      continue;
    }
    if (!next || change.table === 'planTemplates') continue;
    if (change.table === 'contracts') {
      next = { ...next, contract: change.record };
      continue;
    }
    const list = next[change.table] as { id: string }[];
    const record = change.record as { id: string };
    const at = list.findIndex((existing) => existing.id === record.id);
    const updated = at >= 0 ? list.map((existing, i) => (i === at ? record : existing)) : [...list, record];
    next = { ...next, [change.table]: updated };
  }
  for (const change of changes.delete) {
    if (!next || change.table === 'planTemplates') continue;
    if (change.table === 'customers') {
      next = null;
      continue;
    }
    if (change.table === 'contracts') {
      if (next.contract?.id === change.id) next = { ...next, contract: null };
      continue;
    }
    const list = next[change.table] as { id: string }[];
    next = { ...next, [change.table]: list.filter((existing) => existing.id !== change.id) };
  }
  return next;
}

function customerIdOfScope(scope: { customerId: string } | { team: true }): string | null {
  return 'customerId' in scope ? scope.customerId : null;
}

/**
 * Applies the mutations in order, each seeing the effects of those before it; all are saved, in one
 * transaction with their outbox entries, or none is (the first refusal is returned).
 */
export async function applyLocalMutations(
  requests: readonly MutationRequest[],
  now: Instant = new Date().toISOString(),
): Promise<LocalMutationResult> {
  const started = performance.now();
  try {
    const result = await db.transaction(
      'rw',
      [...bookTables(), db.planTemplates, db.outbox, db.shadows],
      async () => {
        // One round of reads for what every change needs: each await is a turn of the page's
        // event loop, and a busy page makes each turn long.
        const [settings, templates, lastMutationId] = await Promise.all([
          readSettings(),
          readTeamPlanTemplates(),
          readLastMutationId(),
        ]);
        if (!settings) {
          return {
            ok: false as const,
            index: 0,
            rejection: {
              code: 'no-identity',
              message: 'Set your name and role in Settings before making changes.',
            },
          };
        }
        const context: MutationContext = {
          now,
          clientTime: now,
          actor: { userId: settings.userId, role: settings.role },
          templates,
        };
        const books = new Map<string, CustomerBook | null>();
        const outcomes: {
          request: MutationRequest;
          changes: Changes;
          summary: string;
          customerId: string | null;
        }[] = [];
        for (const [index, request] of requests.entries()) {
          const parsed = parseMutation(request);
          if (!parsed.ok) return { ok: false as const, index, rejection: parsed.rejection };
          const customerId = customerIdOfScope(parsed.value.scope);
          let book: CustomerBook | null = null;
          if (customerId !== null) {
            if (!books.has(customerId)) books.set(customerId, await readCustomerBook(customerId));
            book = books.get(customerId) ?? null;
          }
          const outcome = runMutation(request, () => book, context);
          if (!outcome.ok) return { ok: false as const, index, rejection: outcome.rejection };
          if (customerId !== null) books.set(customerId, bookWithChanges(book, outcome.changes));
          outcomes.push({ request, changes: outcome.changes, summary: outcome.summary, customerId });
        }
        await ensureClientId();
        let mutationId = lastMutationId;
        const mutationIds: number[] = [];
        const queued: OutboxEntry[] = [];
        for (const outcome of outcomes) {
          // The confirmed rows under this change, so a later pull can rebase the view.
          await recordShadows(outcome.changes);
          await writeChanges(outcome.changes);
          mutationId += 1;
          mutationIds.push(mutationId);
          const entry: OutboxEntry = {
            mutationId,
            name: outcome.request.name,
            version: outcome.request.version,
            args: outcome.request.args,
            clientTime: now,
            customerId: outcome.customerId,
            summary: outcome.summary,
            status: 'pending',
            rejection: null,
          };
          entry.seq = await db.outbox.add(entry);
          queued.push(entry);
        }
        await db.meta.put({ key: 'lastMutationId', value: mutationId });
        return {
          ok: true as const,
          summaries: outcomes.map((outcome) => outcome.summary),
          mutationIds,
          queued,
        };
      },
    );
    traceStep('local-write', started, { mutations: requests.length });
    if (result.ok) notifyOutboxQueued(result.queued);
    return result;
  } catch (error) {
    // Storage failed (quota, a closed database): say so plainly; the stack stays in the console log.
    console.error('Saving a change failed', error);
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      index: 0,
      rejection: { code: 'storage-failed', message: `This console could not save the change: ${reason}` },
    };
  }
}

export async function applyLocalMutation(
  request: MutationRequest,
  now?: Instant,
): Promise<LocalMutationResult> {
  return applyLocalMutations([request], now);
}
