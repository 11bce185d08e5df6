// Tickets: opening, responding, severity changes, escalations, waiting on the customer and
// resolving. The response clock itself lives in ../tickets.ts; these record the facts it reads.
//
// Decisions (ARCHITECTURE.md, "Tickets"):
// - Every time a ticket records (opened, first response, severity change, escalation, answer,
//   waiting, resolution) is `context.now`, the clock of whoever has the last word: the
//   server's once synced. A ticket logged offline starts its clock when it reaches the server;
//   the client's own time is never trusted for the response clock.
// - A second response, a second answer to an escalation, a repeated "waiting on the customer"
//   and a customer reply while nothing was asked are accepted and change nothing: the first
//   response time never moves and the four-day clock is not restarted by a reminder.
// - Asking the customer for something is a response: waiting on the customer on a ticket not
//   yet answered records the first response too.
// - An escalation comes from the customer, so it also ends a wait on the customer (and
//   reopens a case that four days of silence had resolved); so does a recorded reply.
// - A case that counts as resolved after four days without reply takes no further responses,
//   severity changes or requests until the customer's reply is recorded or it is closed.
// - Closing as 'no-reply' records the end of the 96 h as the resolution time, so credits and
//   the case state do not jump when the TAM gets round to closing it.
import { z } from 'zod';
import { formatMinutes, HOUR_MS, instantMillis, MINUTE_MS, type Instant } from '../time';
import { resolvePlan, type EffectivePlan } from '../plans';
import { ticketSchema, type CustomerBook, type Ticket } from '../records';
import { reject, type Result } from '../rejection';
import {
  caseStateAt,
  closesOnlyOnConfirmation,
  currentSeverity,
  NO_REPLY_HOURS,
  noReplyDeadline,
  severityOnPlan,
} from '../tickets';
import { requireBook, requireContract, requireNew, requireRecord } from './bookAccess';
import { applied, defineMutation, put, type MutationContext } from './mutation';

const ticketRef = z.object({ customerId: z.string().min(1), ticketId: z.string().min(1) });

type TicketInBook = { book: CustomerBook; ticket: Ticket; plan: EffectivePlan };

/**
 * The ticket and the plan that governs it. Severities and escalation objectives do not vary
 * by contract year (only add-ons do), so the first year's resolution of the plan serves.
 */
function findTicket(
  book: CustomerBook | null,
  args: { customerId: string; ticketId: string },
  context: MutationContext,
): Result<TicketInBook> {
  const found = requireBook(book, args.customerId);
  if (!found.ok) return found;
  const contract = requireContract(found.value, context.templates);
  if (!contract.ok) return contract;
  const ticket = requireRecord(found.value.tickets, args.ticketId, 'Ticket', 'ticketId');
  if (!ticket.ok) return ticket;
  const { template } = contract.value;
  const plan = resolvePlan(template, contract.value.contract.overrides, contract.value.contract.addOns, 1);
  return { ok: true, value: { book: found.value, ticket: ticket.value, plan } };
}

function severityLabel(plan: EffectivePlan, severityId: string): string {
  return severityOnPlan(plan, severityId)?.label ?? severityId;
}

function refuseUnknownSeverity(plan: EffectivePlan, severityId: string) {
  const known = plan.severities.map((severity) => severity.id).join(', ');
  return reject(
    'invalid-input',
    `"${severityId}" is not a severity on ${plan.template.name}; it has ${known}.`,
    { field: 'severity', numbers: { severity: severityId } },
  );
}

function refuseResolved(ticket: Ticket) {
  return reject(
    'invalid-transition',
    `Ticket ${ticket.id} was resolved (${ticket.resolution ?? 'resolved'}) at ${ticket.resolvedAt ?? '?'}; it takes no more changes.`,
    { field: 'ticketId' },
  );
}

/** Refuses changes to a resolved case, including one resolved by four days without reply. */
function requireWorkable(found: TicketInBook, now: Instant): Result<null> {
  const { ticket, plan } = found;
  if (ticket.status === 'resolved') return refuseResolved(ticket);
  const state = caseStateAt(ticket, plan, now);
  if (state.status === 'resolved') {
    return reject(
      'invalid-transition',
      `Ticket ${ticket.id} counts as resolved since ${state.resolvedAt}: the customer has not replied for ${NO_REPLY_HOURS} h. Record the customer's reply to reopen it, or close it.`,
      { field: 'ticketId', numbers: { noReplyHours: NO_REPLY_HOURS } },
    );
  }
  return { ok: true, value: null };
}

function objectiveText(plan: EffectivePlan, severityId: string): string {
  const objective = severityOnPlan(plan, severityId)?.initialResponse;
  return objective
    ? `first response due within ${formatMinutes(objective.minutes)} (${objective.clock})`
    : 'best effort, no response objective';
}

export const openTicket = defineMutation({
  name: 'openTicket',
  version: 1,
  args: ticketSchema
    .pick({ id: true, customerId: true, projectId: true, title: true })
    .extend({ severity: z.string().min(1) }),
  scope: (args) => ({ customerId: args.customerId }),
  reads: ['contracts', 'tickets', 'projects'],
  apply(book, args, context) {
    const found = requireBook(book, args.customerId);
    if (!found.ok) return found;
    const contract = requireContract(found.value, context.templates);
    if (!contract.ok) return contract;
    const { template } = contract.value;
    const plan = resolvePlan(template, contract.value.contract.overrides, contract.value.contract.addOns, 1);
    if (!severityOnPlan(plan, args.severity)) return refuseUnknownSeverity(plan, args.severity);
    const fresh = requireNew(found.value.tickets, args.id, 'Ticket');
    if (!fresh.ok) return fresh;
    if (args.projectId !== null) {
      const project = requireRecord(found.value.projects, args.projectId, 'Project', 'projectId');
      if (!project.ok) return project;
    }
    const ticket: Ticket = {
      id: args.id,
      customerId: args.customerId,
      projectId: args.projectId,
      title: args.title,
      openedAt: context.now,
      severityHistory: [{ severity: args.severity, at: context.now, by: context.actor.userId, reason: '' }],
      firstResponseAt: null,
      awaitingCustomerSince: null,
      escalations: [],
      status: 'open',
      resolvedAt: null,
      resolution: null,
      customerConfirmedAt: null,
    };
    return applied(
      `Opened ticket ${args.id} "${args.title}" as ${severityLabel(plan, args.severity)}: ${objectiveText(plan, args.severity)}`,
      put('tickets', ticket),
    );
  },
});

export const respondToTicket = defineMutation({
  name: 'respondToTicket',
  version: 1,
  args: ticketRef,
  scope: (args) => ({ customerId: args.customerId }),
  reads: ['contracts', 'tickets'],
  apply(book, args, context) {
    const found = findTicket(book, args, context);
    if (!found.ok) return found;
    const workable = requireWorkable(found.value, context.now);
    if (!workable.ok) return workable;
    const { ticket } = found.value;
    if (ticket.firstResponseAt !== null) {
      return applied(
        `Responded on ticket ${ticket.id}; its first response stays at ${ticket.firstResponseAt}`,
      );
    }
    return applied(
      `First response on ticket ${ticket.id}`,
      put('tickets', { ...ticket, firstResponseAt: context.now }),
    );
  },
});

export const changeTicketSeverity = defineMutation({
  name: 'changeTicketSeverity',
  version: 1,
  args: ticketRef.extend({
    severity: z.string().min(1),
    reason: z.string().trim().min(1, 'must say why the severity changes').max(500),
  }),
  scope: (args) => ({ customerId: args.customerId }),
  reads: ['contracts', 'tickets'],
  apply(book, args, context) {
    const found = findTicket(book, args, context);
    if (!found.ok) return found;
    const { ticket, plan } = found.value;
    const next = severityOnPlan(plan, args.severity);
    if (!next) return refuseUnknownSeverity(plan, args.severity);
    const workable = requireWorkable(found.value, context.now);
    if (!workable.ok) return workable;
    const from = currentSeverity(ticket);
    if (from === args.severity) {
      return reject('invalid-transition', `Ticket ${ticket.id} is already ${next.label}.`, {
        field: 'severity',
        numbers: { severity: args.severity },
      });
    }
    const previousRank = severityOnPlan(plan, from)?.rank ?? Number.POSITIVE_INFINITY;
    const direction = next.rank < previousRank ? 'Raised' : 'Lowered';
    const updated: Ticket = {
      ...ticket,
      severityHistory: [
        ...ticket.severityHistory,
        { severity: args.severity, at: context.now, by: context.actor.userId, reason: args.reason },
      ],
    };
    return applied(
      `${direction} ticket ${ticket.id} from ${severityLabel(plan, from)} to ${next.label}: ${args.reason}`,
      put('tickets', updated),
    );
  },
});

export const escalateTicket = defineMutation({
  name: 'escalateTicket',
  version: 1,
  args: ticketRef.extend({ escalationId: z.string().min(1).max(64), urgent: z.boolean() }),
  scope: (args) => ({ customerId: args.customerId }),
  reads: ['contracts', 'tickets'],
  apply(book, args, context) {
    const found = findTicket(book, args, context);
    if (!found.ok) return found;
    const { ticket, plan } = found.value;
    if (ticket.status === 'resolved') return refuseResolved(ticket);
    if (ticket.escalations.some((escalation) => escalation.id === args.escalationId)) {
      return reject(
        'already-exists',
        `Escalation ${args.escalationId} already exists on ticket ${ticket.id}.`,
        {
          field: 'escalationId',
        },
      );
    }
    const objective = plan.escalation ? plan.escalation[args.urgent ? 'urgent' : 'standard'] : null;
    const updated: Ticket = {
      ...ticket,
      awaitingCustomerSince: null,
      escalations: [
        ...ticket.escalations,
        { id: args.escalationId, at: context.now, urgent: args.urgent, respondedAt: null },
      ],
    };
    const due = objective
      ? `a manager answers within ${formatMinutes(objective.minutes)} (${objective.clock})`
      : `${plan.template.name} sets no escalation objective`;
    return applied(
      `${args.urgent ? 'Urgent escalation' : 'Escalation'} on ticket ${ticket.id}: ${due}`,
      put('tickets', updated),
    );
  },
});

export const answerEscalation = defineMutation({
  name: 'answerEscalation',
  version: 1,
  args: ticketRef.extend({ escalationId: z.string().min(1) }),
  scope: (args) => ({ customerId: args.customerId }),
  reads: ['contracts', 'tickets'],
  apply(book, args, context) {
    const found = findTicket(book, args, context);
    if (!found.ok) return found;
    const { ticket } = found.value;
    if (ticket.status === 'resolved') return refuseResolved(ticket);
    const escalation = requireRecord(ticket.escalations, args.escalationId, 'Escalation', 'escalationId');
    if (!escalation.ok) return escalation;
    if (escalation.value.respondedAt !== null) {
      return applied(
        `Escalation ${args.escalationId} on ticket ${ticket.id} was already answered at ${escalation.value.respondedAt}`,
      );
    }
    const updated: Ticket = {
      ...ticket,
      escalations: ticket.escalations.map((candidate) =>
        candidate.id === args.escalationId ? { ...candidate, respondedAt: context.now } : candidate,
      ),
    };
    return applied(
      `Answered escalation ${args.escalationId} on ticket ${ticket.id}`,
      put('tickets', updated),
    );
  },
});

export const awaitCustomer = defineMutation({
  name: 'awaitCustomer',
  version: 1,
  args: ticketRef,
  scope: (args) => ({ customerId: args.customerId }),
  reads: ['contracts', 'tickets'],
  apply(book, args, context) {
    const found = findTicket(book, args, context);
    if (!found.ok) return found;
    const workable = requireWorkable(found.value, context.now);
    if (!workable.ok) return workable;
    const { ticket, plan } = found.value;
    if (ticket.awaitingCustomerSince !== null) {
      return applied(
        `Ticket ${ticket.id} has been waiting on the customer since ${ticket.awaitingCustomerSince}; the four-day clock keeps running from then`,
      );
    }
    const updated: Ticket = {
      ...ticket,
      awaitingCustomerSince: context.now,
      firstResponseAt: ticket.firstResponseAt ?? context.now,
    };
    const closing = closesOnlyOnConfirmation(ticket, plan)
      ? 'it closes only on the customer\u2019s confirmation'
      : `it resolves without reply after ${NO_REPLY_HOURS} h`;
    const firstResponse = ticket.firstResponseAt === null ? ' (this is the first response)' : '';
    return applied(
      `Waiting on the customer on ticket ${ticket.id}${firstResponse}; ${closing}`,
      put('tickets', updated),
    );
  },
});

export const recordCustomerReply = defineMutation({
  name: 'recordCustomerReply',
  version: 1,
  args: ticketRef,
  scope: (args) => ({ customerId: args.customerId }),
  reads: ['contracts', 'tickets'],
  apply(book, args, context) {
    const found = findTicket(book, args, context);
    if (!found.ok) return found;
    const { ticket } = found.value;
    if (ticket.status === 'resolved') return refuseResolved(ticket);
    if (ticket.awaitingCustomerSince === null) {
      return applied(`Customer replied on ticket ${ticket.id}; nothing was waiting on them`);
    }
    return applied(
      `Customer replied on ticket ${ticket.id}; no longer waiting on them`,
      put('tickets', { ...ticket, awaitingCustomerSince: null }),
    );
  },
});

export const resolveTicket = defineMutation({
  name: 'resolveTicket',
  version: 1,
  args: ticketRef.extend({ resolution: z.enum(['customer-confirmed', 'cause-elsewhere', 'no-reply']) }),
  scope: (args) => ({ customerId: args.customerId }),
  reads: ['contracts', 'tickets'],
  apply(book, args, context) {
    const found = findTicket(book, args, context);
    if (!found.ok) return found;
    const { ticket, plan } = found.value;
    if (ticket.status === 'resolved') return refuseResolved(ticket);
    if (args.resolution !== 'customer-confirmed' && closesOnlyOnConfirmation(ticket, plan)) {
      return reject(
        'invalid-transition',
        `On ${plan.template.name} a ${severityLabel(plan, currentSeverity(ticket))} ticket closes only when the customer confirms the fix; resolve it as customer-confirmed.`,
        { field: 'resolution', numbers: { severity: currentSeverity(ticket) } },
      );
    }
    let resolvedAt: Instant = context.now;
    if (args.resolution === 'no-reply') {
      const since = ticket.awaitingCustomerSince;
      const until = noReplyDeadline(ticket);
      if (since === null || until === null) {
        return reject(
          'invalid-transition',
          `Ticket ${ticket.id} is not waiting on the customer; it resolves without reply only after ${NO_REPLY_HOURS} h of waiting.`,
          { field: 'resolution', numbers: { requiredHours: NO_REPLY_HOURS } },
        );
      }
      const waitedMinutes = Math.floor((instantMillis(context.now) - instantMillis(since)) / MINUTE_MS);
      if (until > context.now) {
        return reject(
          'invalid-transition',
          `A case resolves without reply after ${NO_REPLY_HOURS} h of waiting on the customer; this one has waited ${formatMinutes(waitedMinutes)}.`,
          {
            field: 'resolution',
            numbers: { waitedMinutes, requiredMinutes: (NO_REPLY_HOURS * HOUR_MS) / MINUTE_MS },
          },
        );
      }
      resolvedAt = until;
    }
    const updated: Ticket = {
      ...ticket,
      status: 'resolved',
      resolution: args.resolution,
      resolvedAt,
      awaitingCustomerSince: args.resolution === 'no-reply' ? ticket.awaitingCustomerSince : null,
      customerConfirmedAt:
        args.resolution === 'customer-confirmed' ? context.now : ticket.customerConfirmedAt,
    };
    return applied(`Resolved ticket ${ticket.id} (${args.resolution})`, put('tickets', updated));
  },
});

export const ticketMutations = [
  openTicket,
  respondToTicket,
  changeTicketSeverity,
  escalateTicket,
  answerEscalation,
  awaitCustomer,
  recordCustomerReply,
  resolveTicket,
] as const;
