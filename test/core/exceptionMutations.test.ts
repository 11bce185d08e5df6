// Asking a lead for an exception to a rule, and the lead's decision: who may decide, once, and
// what the request carries (the refused mutation and the rule's numbers).
import { describe, expect, it } from 'vitest';
import { runMutation, type MutationOutcome } from '../../src/core/mutations';
import type { CustomerBook, ExceptionRequest } from '../../src/core/records';
import { aBook, aContext } from '../support/fixtures';

const now = '2026-04-01T08:00:00.000Z';
const later = '2026-04-02T09:30:00.000Z';

const refusedGoLive = {
  name: 'requestGoLive',
  version: 1,
  args: {
    id: 'golive-1',
    customerId: 'cust-1',
    title: 'Launch',
    date: '2026-04-10',
    time: '10:00',
    durationMinutes: 60,
  },
};

const askArgs = {
  id: 'exception-1',
  customerId: 'cust-1',
  mutation: refusedGoLive,
  summary: 'Booked Go Live "Launch"',
  rule: {
    code: 'allowance-exhausted',
    message: 'No Go Live events left in contract year 1 (5 included + 0 bought, 5 used, 0 reserved).',
    numbers: { contractYear: 1, included: 5, addOn: 0, used: 5, reserved: 0, remaining: 0 },
  },
  note: 'Their launch moved; the customer is renewing.',
};

function stored(outcome: MutationOutcome): ExceptionRequest {
  if (!outcome.ok) throw new Error(outcome.rejection.message);
  const change = outcome.changes.put[0];
  if (change?.table !== 'exceptionRequests') throw new Error('no exception request written');
  return change.record;
}

function asked(): CustomerBook {
  const book = aBook();
  const request = stored(
    runMutation({ name: 'askForException', version: 1, args: askArgs }, () => book, aContext(now)),
  );
  return { ...book, exceptionRequests: [request] };
}

describe('asking a lead for an exception', () => {
  it('an open request carries the refused change and the rule with its numbers, asked by me at the server time', () => {
    const request = stored(
      runMutation({ name: 'askForException', version: 1, args: askArgs }, () => aBook(), aContext(now)),
    );
    expect(request).toMatchObject({
      status: 'open',
      requestedBy: 'tam-1',
      requestedAt: now,
      mutation: { name: 'requestGoLive', args: { id: 'golive-1' } },
      rule: { code: 'allowance-exhausted', numbers: { used: 5, contractYear: 1 } },
      decidedBy: null,
    });
  });

  it('the same request id twice is refused', () => {
    const outcome = runMutation(
      { name: 'askForException', version: 1, args: askArgs },
      () => asked(),
      aContext(now),
    );
    expect(outcome).toMatchObject({ ok: false, rejection: { code: 'already-exists' } });
  });
});

describe('a lead decides an exception', () => {
  const decide = (decision: string, role: 'tam' | 'lead', book = asked()) =>
    runMutation(
      {
        name: 'decideException',
        version: 1,
        args: { customerId: 'cust-1', id: 'exception-1', decision, note: 'ok once' },
      },
      () => book,
      aContext(later, role),
    );

  it('a lead grants it: granted, by whom, when, with the note', () => {
    expect(stored(decide('grant', 'lead'))).toMatchObject({
      status: 'granted',
      decidedBy: 'tam-1',
      decidedAt: later,
      decisionNote: 'ok once',
    });
  });

  it('a lead declines it', () => {
    expect(stored(decide('decline', 'lead')).status).toBe('declined');
  });

  it('a TAM cannot decide, and is told only a lead can', () => {
    expect(decide('grant', 'tam')).toMatchObject({
      ok: false,
      rejection: { code: 'forbidden', numbers: { role: 'tam' } },
    });
  });

  it('a decided request cannot be decided again', () => {
    const granted = stored(decide('grant', 'lead'));
    const outcome = decide('decline', 'lead', { ...asked(), exceptionRequests: [granted] });
    expect(outcome).toMatchObject({ ok: false, rejection: { code: 'invalid-transition' } });
    if (!outcome.ok) expect(outcome.rejection.message).toContain('already granted');
  });
});
