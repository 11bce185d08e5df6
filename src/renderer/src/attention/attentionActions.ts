// What a TAM can do with a change the team server refused: book it again as billable, ask a lead
// for an exception, or discard it. Each goes through the one write path (a named mutation) and
// then marks the outbox entry resolved, so it leaves Needs attention but stays in Activity.
import type { Instant } from '../../../core/time';
import { resolveRejectedEntry, type Resolution } from '../db/attention';
import { applyLocalMutation, type LocalRefusal } from '../db/localMutations';
import type { OutboxEntry } from '../db/schema';
import { newRecordId } from '../forms/newRecordId';

export type AttentionOutcome = { ok: true; summary: string } | { ok: false; refusal: LocalRefusal };

type Args = Record<string, unknown>;

function argsOf(entry: OutboxEntry): Args {
  return typeof entry.args === 'object' && entry.args !== null ? (entry.args as Args) : {};
}

/** A new id of the same kind ("golive-…"): the refused record's id may still be known somewhere. */
function freshIdLike(previous: unknown): string {
  const kind = typeof previous === 'string' && previous.includes('-') ? previous.split('-')[0] : 'record';
  return newRecordId(kind || 'record');
}

const alreadyResolved: AttentionOutcome = {
  ok: false,
  refusal: { code: 'already-resolved', message: 'This refused change was already dealt with.' },
};

async function resolve(
  entry: OutboxEntry,
  resolution: Resolution,
  summary: string,
): Promise<AttentionOutcome> {
  return (await resolveRejectedEntry(entry.mutationId, resolution)) ? { ok: true, summary } : alreadyResolved;
}

/** Re-issues the refused mutation with acceptBillable: the customer pays for the unit beyond the allowance. */
export async function bookAsBillable(entry: OutboxEntry, now?: Instant): Promise<AttentionOutcome> {
  if (entry.status !== 'rejected') return alreadyResolved;
  const args = argsOf(entry);
  const result = await applyLocalMutation(
    {
      name: entry.name,
      version: entry.version,
      args: { ...args, id: freshIdLike(args['id']), acceptBillable: true },
    },
    now,
  );
  if (!result.ok) return { ok: false, refusal: result.rejection };
  return resolve(entry, 'billable', result.summaries.join(' · '));
}

/** Asks a lead to make an exception: an exceptionRequests record the whole team sees. */
export async function askLeadForException(
  entry: OutboxEntry,
  note: string,
  now?: Instant,
): Promise<AttentionOutcome> {
  if (entry.status !== 'rejected' || !entry.rejection) return alreadyResolved;
  if (entry.customerId === null) {
    return {
      ok: false,
      refusal: {
        code: 'invalid-input',
        message: 'Exceptions are asked for one customer; this change has none.',
      },
    };
  }
  const { code, message, numbers } = entry.rejection;
  const result = await applyLocalMutation(
    {
      name: 'askForException',
      version: 1,
      args: {
        id: newRecordId('exception'),
        customerId: entry.customerId,
        mutation: { name: entry.name, version: entry.version, args: entry.args },
        summary: entry.summary.slice(0, 500),
        rule: { code, message: message.slice(0, 2000), numbers: numbers ?? {} },
        note,
      },
    },
    now,
  );
  if (!result.ok) return { ok: false, refusal: result.rejection };
  return resolve(entry, 'exceptionAsked', result.summaries.join(' · '));
}

/** Lets the refused change go, on purpose: it stays in Activity as discarded. */
export async function discardRefusedChange(entry: OutboxEntry): Promise<AttentionOutcome> {
  return resolve(entry, 'discarded', `Discarded: ${entry.summary}`);
}

/** After "pick another date" booked a new Go Live in its place. */
export async function markRebooked(entry: OutboxEntry, summary: string): Promise<AttentionOutcome> {
  return resolve(entry, 'rebooked', summary);
}

/** A lead's decision on an exception request. */
export async function decideExceptionRequest(
  request: { id: string; customerId: string },
  decision: 'grant' | 'decline',
  note: string,
  now?: Instant,
): Promise<AttentionOutcome> {
  const result = await applyLocalMutation(
    {
      name: 'decideException',
      version: 1,
      args: { customerId: request.customerId, id: request.id, decision, note },
    },
    now,
  );
  return result.ok
    ? { ok: true, summary: result.summaries.join(' · ') }
    : { ok: false, refusal: result.rejection };
}
