import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { MutationContext, MutationOutcome } from '../../src/core/mutations/mutation';
import {
  answerEscalation,
  awaitCustomer,
  changeTicketSeverity,
  escalateTicket,
  openTicket,
  recordCustomerReply,
  resolveTicket,
  respondToTicket,
  ticketMutations,
} from '../../src/core/mutations/ticketMutations';
import { planTemplates } from '../../src/core/plans';
import {
  contractSchema,
  customerSchema,
  emptyBook,
  projectSchema,
  type CustomerBook,
  type Ticket,
} from '../../src/core/records';
import { toInstant, type Instant } from '../../src/core/time';

function sg(reading: string): Instant {
  return toInstant(DateTime.fromISO(reading, { zone: 'Europe/Zurich' }).toMillis());
}

function bookOn(planId: string): CustomerBook {
  const customer = customerSchema.parse({
    id: 'c1',
    name: 'Säntis Bank',
    country: 'CH',
    region: 'SG',
    timeZone: 'Europe/Zurich',
    tamUserId: 'u1',
    channels: ['ticket', 'email'],
  });
  return {
    ...emptyBook(customer),
    contract: contractSchema.parse({
      id: 'k1',
      customerId: 'c1',
      planId,
      startDate: '2026-01-01',
      termMonths: 12,
    }),
    projects: [projectSchema.parse({ id: 'p1', customerId: 'c1', name: 'Login' })],
  };
}

function at(now: Instant): MutationContext {
  return { now, clientTime: now, actor: { userId: 'u1', role: 'advisor' }, templates: planTemplates };
}

/** The book after a mutation applied, failing the test when it was refused. */
function after(book: CustomerBook, outcome: MutationOutcome): CustomerBook {
  if (!outcome.ok) throw new Error(`refused: ${outcome.rejection.message}`);
  let tickets = book.tickets;
  for (const change of outcome.changes.put) {
    if (change.table !== 'tickets') throw new Error(`unexpected put to ${change.table}`);
    const record = change.record;
    tickets = [...tickets.filter((existing) => existing.id !== record.id), record];
  }
  return { ...book, tickets };
}

function ticketIn(book: CustomerBook, id = 'T-1'): Ticket {
  const found = book.tickets.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no ticket ${id}`);
  return found;
}

const ref = { customerId: 'c1', ticketId: 'T-1' };
const opened = sg('2026-06-08T08:00');

function withTicket(planId = 'identity-extended-sla', severity = 'sev3'): CustomerBook {
  return after(
    bookOn(planId),
    openTicket.apply(
      bookOn(planId),
      { id: 'T-1', customerId: 'c1', projectId: 'p1', title: 'Login fails', severity },
      at(opened),
    ),
  );
}

describe('opening a ticket', () => {
  it('starts the response clock at the server’s time, with the opening severity as the first history entry', () => {
    const book = withTicket();
    const ticket = ticketIn(book);
    expect(ticket.openedAt).toBe(opened);
    expect(ticket.severityHistory).toEqual([{ severity: 'sev3', at: opened, by: 'u1', reason: '' }]);
    expect(ticket.status).toBe('open');
  });

  it('says in its summary which objective now runs', () => {
    const outcome = openTicket.apply(
      bookOn('identity-extended-sla'),
      { id: 'T-1', customerId: 'c1', projectId: null, title: 'Down', severity: 'sev1' },
      at(opened),
    );
    expect(outcome.ok && outcome.summary).toContain('within 1 h (business-08-17)');
  });

  it('refuses a severity the plan does not have, naming the ones it has', () => {
    const outcome = openTicket.apply(
      bookOn('identity-extended-sla'),
      { id: 'T-1', customerId: 'c1', projectId: null, title: 'Down', severity: 'production-down' },
      at(opened),
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.rejection).toMatchObject({ code: 'invalid-input', field: 'severity' });
    expect(outcome.rejection.message).toContain('sev1, sev2, sev3, sev4');
  });

  it('takes the edge vendor’s severities on an edge plan', () => {
    const outcome = openTicket.apply(
      bookOn('edge-mission-critical'),
      { id: 'T-1', customerId: 'c1', projectId: null, title: 'Down', severity: 'business-critical-down' },
      at(opened),
    );
    expect(outcome.ok).toBe(true);
  });

  it('refuses a ticket id already used, an unknown project and a customer without contract', () => {
    const book = withTicket();
    const again = openTicket.apply(
      book,
      { id: 'T-1', customerId: 'c1', projectId: null, title: 'Again', severity: 'sev3' },
      at(opened),
    );
    expect(again.ok ? null : again.rejection.code).toBe('already-exists');
    const badProject = openTicket.apply(
      book,
      { id: 'T-2', customerId: 'c1', projectId: 'nope', title: 'x', severity: 'sev3' },
      at(opened),
    );
    expect(badProject.ok ? null : badProject.rejection).toMatchObject({
      code: 'not-found',
      field: 'projectId',
    });
    const noContract = openTicket.apply(
      { ...book, contract: null },
      { id: 'T-2', customerId: 'c1', projectId: null, title: 'x', severity: 'sev3' },
      at(opened),
    );
    expect(noContract.ok ? null : noContract.rejection.code).toBe('outside-contract');
    const noCustomer = openTicket.apply(
      null,
      { id: 'T-2', customerId: 'c1', projectId: null, title: 'x', severity: 'sev3' },
      at(opened),
    );
    expect(noCustomer.ok ? null : noCustomer.rejection.code).toBe('not-found');
  });
});

describe('responding', () => {
  it('the first response time is the server’s time, and a second response does not move it', () => {
    let book = withTicket();
    book = after(book, respondToTicket.apply(book, ref, at(sg('2026-06-08T09:00'))));
    expect(ticketIn(book).firstResponseAt).toBe(sg('2026-06-08T09:00'));
    const second = respondToTicket.apply(book, ref, at(sg('2026-06-08T11:00')));
    expect(second.ok && second.changes.put).toEqual([]);
    book = after(book, second);
    expect(ticketIn(book).firstResponseAt).toBe(sg('2026-06-08T09:00'));
  });

  it('refuses an unknown ticket', () => {
    const outcome = respondToTicket.apply(withTicket(), { customerId: 'c1', ticketId: 'T-9' }, at(opened));
    expect(outcome.ok ? null : outcome.rejection).toMatchObject({ code: 'not-found', field: 'ticketId' });
  });
});

describe('changing severity', () => {
  it('keeps the history with who, when and why', () => {
    let book = withTicket();
    book = after(
      book,
      changeTicketSeverity.apply(
        book,
        { ...ref, severity: 'sev1', reason: 'login down for all users' },
        at(sg('2026-06-08T10:00')),
      ),
    );
    book = after(
      book,
      changeTicketSeverity.apply(
        book,
        { ...ref, severity: 'sev3', reason: 'service back' },
        at(sg('2026-06-08T12:00')),
      ),
    );
    expect(ticketIn(book).severityHistory.map((entry) => [entry.severity, entry.at, entry.reason])).toEqual([
      ['sev3', opened, ''],
      ['sev1', sg('2026-06-08T10:00'), 'login down for all users'],
      ['sev3', sg('2026-06-08T12:00'), 'service back'],
    ]);
  });

  it('needs a reason, a severity of the plan and an actual change', () => {
    const book = withTicket();
    expect(changeTicketSeverity.args.safeParse({ ...ref, severity: 'sev1', reason: '  ' }).success).toBe(
      false,
    );
    const unknown = changeTicketSeverity.apply(book, { ...ref, severity: 'sev9', reason: 'x' }, at(opened));
    expect(unknown.ok ? null : unknown.rejection).toMatchObject({ code: 'invalid-input', field: 'severity' });
    const same = changeTicketSeverity.apply(book, { ...ref, severity: 'sev3', reason: 'x' }, at(opened));
    expect(same.ok ? null : same.rejection.code).toBe('invalid-transition');
  });
});

describe('escalations', () => {
  it('are recorded with their urgency, and the answer time does not move once given', () => {
    let book = withTicket();
    book = after(
      book,
      escalateTicket.apply(book, { ...ref, escalationId: 'E-1', urgent: true }, at(sg('2026-06-08T09:00'))),
    );
    expect(ticketIn(book).escalations).toEqual([
      { id: 'E-1', at: sg('2026-06-08T09:00'), urgent: true, respondedAt: null },
    ]);
    book = after(
      book,
      answerEscalation.apply(book, { ...ref, escalationId: 'E-1' }, at(sg('2026-06-08T10:00'))),
    );
    book = after(
      book,
      answerEscalation.apply(book, { ...ref, escalationId: 'E-1' }, at(sg('2026-06-08T12:00'))),
    );
    expect(ticketIn(book).escalations[0]?.respondedAt).toBe(sg('2026-06-08T10:00'));
  });

  it('refuses a second escalation with the same id and an answer to an unknown one', () => {
    let book = withTicket();
    book = after(
      book,
      escalateTicket.apply(book, { ...ref, escalationId: 'E-1', urgent: false }, at(opened)),
    );
    const twice = escalateTicket.apply(book, { ...ref, escalationId: 'E-1', urgent: false }, at(opened));
    expect(twice.ok ? null : twice.rejection).toMatchObject({
      code: 'already-exists',
      field: 'escalationId',
    });
    const unknown = answerEscalation.apply(book, { ...ref, escalationId: 'E-9' }, at(opened));
    expect(unknown.ok ? null : unknown.rejection).toMatchObject({ code: 'not-found', field: 'escalationId' });
  });

  it('an escalation is the customer speaking: it ends a wait on the customer', () => {
    let book = withTicket();
    book = after(book, awaitCustomer.apply(book, ref, at(sg('2026-06-08T09:00'))));
    book = after(
      book,
      escalateTicket.apply(book, { ...ref, escalationId: 'E-1', urgent: false }, at(sg('2026-06-09T09:00'))),
    );
    expect(ticketIn(book).awaitingCustomerSince).toBeNull();
  });
});

describe('waiting on the customer', () => {
  it('starts the four-day clock, counts as the first response, and a customer reply clears it', () => {
    let book = withTicket();
    book = after(book, awaitCustomer.apply(book, ref, at(sg('2026-06-08T09:00'))));
    expect(ticketIn(book)).toMatchObject({
      awaitingCustomerSince: sg('2026-06-08T09:00'),
      firstResponseAt: sg('2026-06-08T09:00'),
    });
    book = after(book, awaitCustomer.apply(book, ref, at(sg('2026-06-09T09:00'))));
    expect(ticketIn(book).awaitingCustomerSince).toBe(sg('2026-06-08T09:00'));
    book = after(book, recordCustomerReply.apply(book, ref, at(sg('2026-06-10T09:00'))));
    expect(ticketIn(book).awaitingCustomerSince).toBeNull();
  });

  it('a case silent for four days takes no more responses until the reply is recorded', () => {
    let book = withTicket();
    book = after(book, awaitCustomer.apply(book, ref, at(sg('2026-06-08T09:00'))));
    const late = respondToTicket.apply(book, ref, at(sg('2026-06-12T09:00')));
    expect(late.ok ? null : late.rejection.code).toBe('invalid-transition');
    book = after(book, recordCustomerReply.apply(book, ref, at(sg('2026-06-12T10:00'))));
    expect(respondToTicket.apply(book, ref, at(sg('2026-06-12T11:00'))).ok).toBe(true);
  });
});

describe('resolving', () => {
  function waitingSince(since: Instant, planId = 'identity-extended-sla', severity = 'sev3'): CustomerBook {
    const book = withTicket(planId, severity);
    return after(book, awaitCustomer.apply(book, ref, at(since)));
  }

  it('as no-reply is refused before four full days of waiting, with the numbers', () => {
    const book = waitingSince(sg('2026-06-08T09:00'));
    const outcome = resolveTicket.apply(book, { ...ref, resolution: 'no-reply' }, at(sg('2026-06-12T08:59')));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.rejection).toMatchObject({
      code: 'invalid-transition',
      field: 'resolution',
      numbers: { waitedMinutes: 96 * 60 - 1, requiredMinutes: 96 * 60 },
    });
    expect(outcome.rejection.message).toContain('95 h 59 min');
  });

  it('as no-reply after 96 h, resolved at the end of the 96 h', () => {
    let book = waitingSince(sg('2026-06-08T09:00'));
    book = after(
      book,
      resolveTicket.apply(book, { ...ref, resolution: 'no-reply' }, at(sg('2026-06-15T10:00'))),
    );
    expect(ticketIn(book)).toMatchObject({
      status: 'resolved',
      resolution: 'no-reply',
      resolvedAt: sg('2026-06-12T09:00'),
    });
  });

  it('as no-reply is refused when nobody waits on the customer', () => {
    const outcome = resolveTicket.apply(
      withTicket(),
      { ...ref, resolution: 'no-reply' },
      at(sg('2026-06-20T10:00')),
    );
    expect(outcome.ok ? null : outcome.rejection.code).toBe('invalid-transition');
  });

  it('a critical appliance ticket closes only on the customer’s confirmation', () => {
    const book = waitingSince(sg('2026-06-08T09:00'), 'appliance-premium', 'sev1');
    const silent = resolveTicket.apply(book, { ...ref, resolution: 'no-reply' }, at(sg('2026-06-20T10:00')));
    expect(silent.ok ? null : silent.rejection).toMatchObject({
      code: 'invalid-transition',
      field: 'resolution',
    });
    const elsewhere = resolveTicket.apply(
      book,
      { ...ref, resolution: 'cause-elsewhere' },
      at(sg('2026-06-20T10:00')),
    );
    expect(elsewhere.ok).toBe(false);
    const confirmed = after(
      book,
      resolveTicket.apply(book, { ...ref, resolution: 'customer-confirmed' }, at(sg('2026-06-20T10:00'))),
    );
    expect(ticketIn(confirmed)).toMatchObject({
      status: 'resolved',
      resolution: 'customer-confirmed',
      customerConfirmedAt: sg('2026-06-20T10:00'),
      resolvedAt: sg('2026-06-20T10:00'),
    });
  });

  it('a lower-severity appliance ticket may close because the cause is elsewhere', () => {
    const book = withTicket('appliance-premium', 'sev2');
    expect(
      resolveTicket.apply(book, { ...ref, resolution: 'cause-elsewhere' }, at(sg('2026-06-09T10:00'))).ok,
    ).toBe(true);
  });

  it('a resolved ticket takes no more changes', () => {
    let book = withTicket();
    book = after(
      book,
      resolveTicket.apply(book, { ...ref, resolution: 'cause-elsewhere' }, at(sg('2026-06-08T10:00'))),
    );
    for (const outcome of [
      respondToTicket.apply(book, ref, at(sg('2026-06-08T11:00'))),
      changeTicketSeverity.apply(book, { ...ref, severity: 'sev1', reason: 'x' }, at(sg('2026-06-08T11:00'))),
      escalateTicket.apply(book, { ...ref, escalationId: 'E-1', urgent: true }, at(sg('2026-06-08T11:00'))),
      awaitCustomer.apply(book, ref, at(sg('2026-06-08T11:00'))),
      resolveTicket.apply(book, { ...ref, resolution: 'customer-confirmed' }, at(sg('2026-06-08T11:00'))),
    ]) {
      expect(outcome.ok ? null : outcome.rejection.code).toBe('invalid-transition');
    }
  });
});

describe('the ticket mutations', () => {
  it('are registered under distinct camelCase names at version 1', () => {
    const names = ticketMutations.map((mutation) => mutation.name);
    expect(new Set(names).size).toBe(names.length);
    for (const mutation of ticketMutations) {
      expect(mutation.name).toMatch(/^[a-z][A-Za-z]+$/);
      expect(mutation.version).toBe(1);
    }
  });
});
