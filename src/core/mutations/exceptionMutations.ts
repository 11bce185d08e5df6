// Exceptions to a rule: a TAM whose change the team server refused asks a lead (from Needs
// attention), and a lead grants or declines. The request carries the refused mutation and the
// rule's numbers; the decision is a record, synced and audited like any other change.
import { z } from 'zod';
import { exceptionRequestSchema, type ExceptionRequest } from '../records';
import { reject } from '../rejection';
import { requireBook, requireNew, requireRecord } from './bookAccess';
import { applied, defineMutation, put } from './mutation';

const id = z.string().min(1).max(64);

export const askForException = defineMutation({
  name: 'askForException',
  version: 1,
  args: exceptionRequestSchema
    .pick({ id: true, customerId: true, mutation: true, summary: true, rule: true })
    .extend({ note: exceptionRequestSchema.shape.note }),
  scope: (args) => ({ customerId: args.customerId }),
  reads: ['exceptionRequests'],
  apply(maybeBook, args, context) {
    const found = requireBook(maybeBook, args.customerId);
    if (!found.ok) return found;
    const fresh = requireNew(found.value.exceptionRequests, args.id, 'Exception request');
    if (!fresh.ok) return fresh;
    const request: ExceptionRequest = {
      id: args.id,
      customerId: args.customerId,
      mutation: args.mutation,
      summary: args.summary,
      rule: args.rule,
      note: args.note.trim(),
      requestedBy: context.actor.userId,
      requestedAt: context.now,
      status: 'open',
      decidedBy: null,
      decidedAt: null,
      decisionNote: '',
    };
    return applied(
      `Asked a lead for an exception for ${found.value.customer.name}: ${args.rule.message}`,
      put('exceptionRequests', request),
    );
  },
});

export const decideException = defineMutation({
  name: 'decideException',
  version: 1,
  args: z.object({
    customerId: id,
    id,
    decision: z.enum(['grant', 'decline']),
    note: z.string().max(2000).default(''),
  }),
  scope: (args) => ({ customerId: args.customerId }),
  reads: ['exceptionRequests'],
  apply(maybeBook, args, context) {
    if (context.actor.role !== 'lead') {
      return reject('forbidden', 'Only a team lead grants or declines an exception.', {
        numbers: { role: context.actor.role },
      });
    }
    const found = requireBook(maybeBook, args.customerId);
    if (!found.ok) return found;
    const existing = requireRecord(found.value.exceptionRequests, args.id, 'Exception request');
    if (!existing.ok) return existing;
    const request = existing.value;
    if (request.status !== 'open') {
      return reject(
        'invalid-transition',
        `This exception request was already ${request.status} by ${request.decidedBy ?? 'a lead'}.`,
        { field: 'id', numbers: { status: request.status } },
      );
    }
    const decided: ExceptionRequest = {
      ...request,
      status: args.decision === 'grant' ? 'granted' : 'declined',
      decidedBy: context.actor.userId,
      decidedAt: context.now,
      decisionNote: args.note.trim(),
    };
    return applied(
      `${args.decision === 'grant' ? 'Granted' : 'Declined'} the exception ${request.requestedBy} asked for ${found.value.customer.name}`,
      put('exceptionRequests', decided),
    );
  },
});

export const exceptionMutations = [askForException, decideException] as const;
