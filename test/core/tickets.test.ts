import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { CustomerCalendar } from '../../src/core/businessClock';
import { findPlanTemplate, resolvePlan, type EffectivePlan } from '../../src/core/plans';
import { ticketSchema, type Ticket } from '../../src/core/records';
import {
  caseStateAt,
  customerServiceCreditDays,
  escalationsDue,
  initialResponseDue,
  initialResponseObjective,
  openResponseObjectives,
  serviceCreditDays,
  ticketCreditDays,
  ticketObjectives,
} from '../../src/core/tickets';
import { toInstant, type Instant } from '../../src/core/time';

function plan(id: string): EffectivePlan {
  const template = findPlanTemplate(id);
  if (!template) throw new Error(`no template ${id}`);
  return resolvePlan(template, undefined, [], 1);
}

const extendedSla = plan('identity-extended-sla');
const identityDefault = plan('identity-default');
const identityCustom = plan('identity-custom');
const appliance = plan('appliance-premium');
const stGallen: CustomerCalendar = { timeZone: 'Europe/Zurich', country: 'CH', region: 'SG' };

/** A wall-clock reading in St. Gallen, as an instant. */
function sg(reading: string): Instant {
  return toInstant(DateTime.fromISO(reading, { zone: 'Europe/Zurich' }).toMillis());
}

type TicketDraft = Partial<Omit<Ticket, 'severityHistory'>> & {
  severity?: string;
  changes?: { severity: string; at: Instant }[];
};

let ticketCount = 0;
function ticket(draft: TicketDraft): Ticket {
  ticketCount += 1;
  const openedAt = draft.openedAt ?? sg('2026-06-08T08:00');
  const { severity = 'sev3', changes = [], ...rest } = draft;
  return ticketSchema.parse({
    id: `T-${ticketCount}`,
    customerId: 'c1',
    projectId: null,
    title: 'Login fails',
    status: 'open',
    ...rest,
    openedAt,
    severityHistory: [
      { severity, at: openedAt, by: null },
      ...changes.map((change) => ({ ...change, by: null, reason: 'test' })),
    ],
  });
}

describe('initial-response objectives on the plan', () => {
  it('Extended SLA answers Sev1 within 1, Sev2 2, Sev3 12 and Sev4 24 business hours', () => {
    expect(
      ['sev1', 'sev2', 'sev3', 'sev4'].map((id) => initialResponseObjective(extendedSla, id)?.minutes),
    ).toEqual([60, 120, 720, 1440]);
    expect(initialResponseObjective(extendedSla, 'sev1')?.clock).toBe('business-08-17');
  });

  it('Identity Default is best effort: no deadline and no credits even for a ticket never answered', () => {
    const unanswered = ticket({ severity: 'sev1' });
    expect(initialResponseObjective(identityDefault, 'sev1')).toBeNull();
    expect(initialResponseDue(unanswered, identityDefault, stGallen)).toBeNull();
    expect(ticketCreditDays(unanswered, identityDefault, stGallen, sg('2026-07-08T08:00'))).toBe(0);
  });

  it('a severity the plan does not know sets no objective', () => {
    expect(initialResponseObjective(extendedSla, 'production-down')).toBeNull();
  });
});

describe('a Sev1 opened on Friday 16:30 in St. Gallen on the Extended SLA plan', () => {
  // Friday 27 March 2026; the clocks go forward on Sunday 29 March.
  const friday = ticket({ severity: 'sev1', openedAt: sg('2026-03-27T16:30') });

  it('is due on Monday 08:30, half an hour on Friday and half an hour on Monday', () => {
    expect(initialResponseDue(friday, extendedSla, stGallen)?.deadline).toBe(sg('2026-03-30T08:30'));
  });

  it.each([
    ['08:30', 0, 0],
    ['08:44', 14, 0],
    ['08:45', 15, 1],
    ['08:59', 29, 1],
    ['09:00', 30, 2],
    ['10:00', 90, 6],
  ])('answered on Monday at %s it is %i minutes late and earns %i credit days', (time, late, days) => {
    const answered = { ...friday, firstResponseAt: sg(`2026-03-30T${time}`) };
    const [initial] = ticketObjectives(answered, extendedSla, stGallen, sg('2026-04-01T12:00'));
    expect(initial?.minutesLate).toBe(late);
    expect(initial?.creditDays).toBe(days);
    expect(ticketCreditDays(answered, extendedSla, stGallen, sg('2026-04-01T12:00'))).toBe(days);
  });

  it('answered on Saturday morning it is in time: business minutes do not run at the weekend', () => {
    const answered = { ...friday, firstResponseAt: sg('2026-03-28T10:00') };
    expect(ticketCreditDays(answered, extendedSla, stGallen, sg('2026-04-01T12:00'))).toBe(0);
  });
});

describe('service credits: one day per complete 15 minutes late', () => {
  it.each([
    [0, 0],
    [14, 0],
    [14.99, 0],
    [15, 1],
    [29, 1],
    [30, 2],
    [44, 2],
    [45, 3],
  ])('%d minutes late earn %i days', (minutes, days) => {
    expect(serviceCreditDays(minutes)).toBe(days);
  });

  it('a 24x7 objective counts the weekend: Identity Custom Sev1 answered 45 minutes after a Saturday opening earns 1 day', () => {
    const saturday = ticket({
      severity: 'sev1',
      openedAt: sg('2026-06-13T10:00'),
      firstResponseAt: sg('2026-06-13T10:45'),
    });
    expect(ticketObjectives(saturday, identityCustom, stGallen, sg('2026-06-14T10:00'))[0]?.minutesLate).toBe(
      15,
    );
    expect(ticketCreditDays(saturday, identityCustom, stGallen, sg('2026-06-14T10:00'))).toBe(1);
  });
});

describe('an unanswered ticket', () => {
  const sev2 = ticket({ severity: 'sev2', openedAt: sg('2026-06-08T08:00') });

  it('accrues credits up to now, on business minutes', () => {
    expect(ticketCreditDays(sev2, extendedSla, stGallen, sg('2026-06-08T09:59'))).toBe(0);
    expect(ticketCreditDays(sev2, extendedSla, stGallen, sg('2026-06-08T11:00'))).toBe(4);
    // Monday 10:00-17:00 = 420 minutes late, nothing overnight.
    expect(ticketCreditDays(sev2, extendedSla, stGallen, sg('2026-06-09T08:00'))).toBe(28);
  });

  it('stops accruing when the case is resolved without an answer', () => {
    const closed = {
      ...sev2,
      status: 'resolved' as const,
      resolution: 'cause-elsewhere' as const,
      resolvedAt: sg('2026-06-08T10:30'),
    };
    expect(ticketCreditDays(closed, extendedSla, stGallen, sg('2026-06-09T08:00'))).toBe(2);
  });

  it('earns credits that never shrink as time passes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 * 24 * 60 }),
        fc.integer({ min: 0, max: 5 * 24 * 60 }),
        (a, b) => {
          const earlier = toInstant(Date.parse(sev2.openedAt) + a * 60_000);
          const later = toInstant(Date.parse(earlier) + b * 60_000);
          expect(ticketCreditDays(sev2, extendedSla, stGallen, later)).toBeGreaterThanOrEqual(
            ticketCreditDays(sev2, extendedSla, stGallen, earlier),
          );
        },
      ),
    );
  });
});

describe('severity changes before the first response', () => {
  it('a raise starts the new objective at the raise, and the earlier deadline applies', () => {
    // Sev3 on Monday 08:00 is due Tuesday 11:00; raised to Sev1 at 10:00 it is due at 11:00.
    const raised = ticket({
      severity: 'sev3',
      openedAt: sg('2026-06-08T08:00'),
      changes: [{ severity: 'sev1', at: sg('2026-06-08T10:00') }],
      firstResponseAt: sg('2026-06-08T11:30'),
    });
    const due = initialResponseDue(raised, extendedSla, stGallen);
    expect(due?.severity).toBe('sev1');
    expect(due?.startsAt).toBe(sg('2026-06-08T10:00'));
    expect(due?.deadline).toBe(sg('2026-06-08T11:00'));
    expect(ticketCreditDays(raised, extendedSla, stGallen, sg('2026-06-10T08:00'))).toBe(2);
  });

  it('a raise after the original deadline has passed does not give more time', () => {
    const lateRaise = ticket({
      severity: 'sev3',
      openedAt: sg('2026-06-08T08:00'),
      changes: [{ severity: 'sev1', at: sg('2026-06-10T10:00') }],
      firstResponseAt: sg('2026-06-10T10:30'),
    });
    expect(initialResponseDue(lateRaise, extendedSla, stGallen)?.deadline).toBe(sg('2026-06-09T11:00'));
    // Tuesday 11:00-17:00 and Wednesday 08:00-10:30: 510 minutes late.
    const [initial] = ticketObjectives(lateRaise, extendedSla, stGallen, sg('2026-06-11T08:00'));
    expect(initial?.minutesLate).toBe(510);
    expect(initial?.creditDays).toBe(34);
  });

  it('a lowering never loosens the deadline', () => {
    const lowered = ticket({
      severity: 'sev1',
      openedAt: sg('2026-06-08T08:00'),
      changes: [{ severity: 'sev4', at: sg('2026-06-08T08:30') }],
      firstResponseAt: sg('2026-06-08T10:00'),
    });
    expect(initialResponseDue(lowered, extendedSla, stGallen)?.deadline).toBe(sg('2026-06-08T09:00'));
    expect(ticketCreditDays(lowered, extendedSla, stGallen, sg('2026-06-09T08:00'))).toBe(4);
  });

  it('a raise after the first response starts nothing', () => {
    const raisedLater = ticket({
      severity: 'sev3',
      openedAt: sg('2026-06-08T08:00'),
      firstResponseAt: sg('2026-06-08T09:00'),
      changes: [{ severity: 'sev1', at: sg('2026-06-08T10:00') }],
    });
    const due = initialResponseDue(raisedLater, extendedSla, stGallen);
    expect(due?.severity).toBe('sev3');
    expect(due?.deadline).toBe(sg('2026-06-09T11:00'));
  });

  it('a best-effort severity raised to one with an objective starts that objective at the raise', () => {
    const custom = resolvePlan(
      findPlanTemplate('identity-extended-sla')!,
      { initialResponse: { sev4: null } },
      [],
      1,
    );
    const raised = ticket({
      severity: 'sev4',
      openedAt: sg('2026-06-08T08:00'),
      changes: [{ severity: 'sev2', at: sg('2026-06-08T09:00') }],
    });
    expect(initialResponseDue(raised, custom, stGallen)?.deadline).toBe(sg('2026-06-08T11:00'));
  });
});

describe('escalations', () => {
  const escalated = ticket({
    severity: 'sev3',
    openedAt: sg('2026-06-08T08:00'),
    firstResponseAt: sg('2026-06-08T08:30'),
    escalations: [
      { id: 'E-1', at: sg('2026-06-08T09:00'), urgent: false, respondedAt: sg('2026-06-09T09:45') },
      { id: 'E-2', at: sg('2026-06-08T15:30'), urgent: true, respondedAt: sg('2026-06-09T09:00') },
    ],
  });

  it('a manager answers a standard escalation within one business day (540 minutes on 08-17)', () => {
    const [standard] = escalationsDue(escalated, extendedSla, stGallen);
    expect(standard?.deadline).toBe(sg('2026-06-09T09:00'));
  });

  it('an urgent escalation within two business hours, running over the night', () => {
    const [, urgent] = escalationsDue(escalated, extendedSla, stGallen);
    expect(urgent?.deadline).toBe(sg('2026-06-09T08:30'));
  });

  it('earn credits the same way: 45 minutes late = 3 days, 30 minutes late = 2 days', () => {
    const outcomes = ticketObjectives(escalated, extendedSla, stGallen, sg('2026-06-10T08:00'));
    expect(outcomes.map((outcome) => [outcome.kind, outcome.minutesLate, outcome.creditDays])).toEqual([
      ['initial-response', 0, 0],
      ['escalation', 45, 3],
      ['escalation', 30, 2],
    ]);
    expect(ticketCreditDays(escalated, extendedSla, stGallen, sg('2026-06-10T08:00'))).toBe(5);
  });

  it('a plan without escalation objectives sets no escalation deadline', () => {
    expect(escalationsDue(escalated, appliance, stGallen)).toEqual([]);
  });
});

describe('the customer’s service-credit days', () => {
  it('are the sum over the customer’s tickets', () => {
    const tickets = [
      ticket({ severity: 'sev1', openedAt: sg('2026-06-08T08:00'), firstResponseAt: sg('2026-06-08T09:30') }),
      ticket({ severity: 'sev2', openedAt: sg('2026-06-08T08:00'), firstResponseAt: sg('2026-06-08T10:15') }),
      ticket({ severity: 'sev4', openedAt: sg('2026-06-08T08:00'), firstResponseAt: sg('2026-06-08T09:00') }),
    ];
    expect(customerServiceCreditDays(tickets, extendedSla, stGallen, sg('2026-06-10T08:00'))).toBe(2 + 1 + 0);
  });
});

describe('the case state', () => {
  const waiting = ticket({
    severity: 'sev3',
    openedAt: sg('2026-06-08T08:00'),
    firstResponseAt: sg('2026-06-08T09:00'),
    awaitingCustomerSince: sg('2026-06-08T10:00'),
  });

  it('a case waiting on the customer is open until four consecutive days (96 h) have passed', () => {
    const state = caseStateAt(waiting, extendedSla, sg('2026-06-12T09:59'));
    expect(state).toMatchObject({ status: 'open', resolvesWithoutReplyAt: sg('2026-06-12T10:00') });
  });

  it('after 96 h without reply it counts as resolved (no-reply) at the end of the 96 h', () => {
    expect(caseStateAt(waiting, extendedSla, sg('2026-06-12T10:00'))).toEqual({
      status: 'resolved',
      resolution: 'no-reply',
      resolvedAt: sg('2026-06-12T10:00'),
      recorded: false,
    });
  });

  it('a critical appliance ticket never closes without the customer’s confirmation', () => {
    const critical = {
      ...waiting,
      severityHistory: [{ severity: 'sev1', at: waiting.openedAt, by: null, reason: '' }],
    };
    const state = caseStateAt(critical, appliance, sg('2026-06-30T10:00'));
    expect(state).toMatchObject({
      status: 'open',
      closesOnlyOnConfirmation: true,
      resolvesWithoutReplyAt: null,
    });
  });

  it('an appliance ticket below critical, or lowered from it, does resolve after four days without reply', () => {
    const lowered = {
      ...waiting,
      severityHistory: [
        { severity: 'sev1', at: waiting.openedAt, by: null, reason: '' },
        { severity: 'sev2', at: sg('2026-06-08T09:30'), by: null, reason: 'service back' },
      ],
    };
    expect(caseStateAt(waiting, appliance, sg('2026-06-30T10:00')).status).toBe('resolved');
    expect(caseStateAt(lowered, appliance, sg('2026-06-30T10:00')).status).toBe('resolved');
  });

  it('a Sev1 on a plan without the confirmation rule resolves after four days like any other', () => {
    const sev1 = {
      ...waiting,
      severityHistory: [{ severity: 'sev1', at: waiting.openedAt, by: null, reason: '' }],
    };
    expect(caseStateAt(sev1, extendedSla, sg('2026-06-30T10:00')).status).toBe('resolved');
  });

  it('an escalation left unanswered stops costing credits when four days of silence resolve the case', () => {
    const escalatedThenSilent = {
      ...waiting,
      escalations: [{ id: 'E-1', at: sg('2026-06-08T09:30'), urgent: true, respondedAt: null }],
    };
    const atResolution = ticketCreditDays(escalatedThenSilent, extendedSla, stGallen, sg('2026-06-12T10:00'));
    expect(atResolution).toBeGreaterThan(0);
    expect(ticketCreditDays(escalatedThenSilent, extendedSla, stGallen, sg('2026-06-30T10:00'))).toBe(
      atResolution,
    );
  });
});

describe('open response objectives for the Today view', () => {
  const now = sg('2026-06-08T08:50');
  const tickets = [
    ticket({ id: 'at-risk', severity: 'sev1', openedAt: sg('2026-06-08T08:00') }),
    ticket({ id: 'on-track', severity: 'sev4', openedAt: sg('2026-06-08T08:00') }),
    ticket({ id: 'breached', severity: 'sev2', openedAt: sg('2026-06-05T08:00') }),
    ticket({
      id: 'met',
      severity: 'sev3',
      openedAt: sg('2026-06-05T16:00'),
      firstResponseAt: sg('2026-06-05T16:30'),
    }),
    ticket({
      id: 'closed',
      severity: 'sev1',
      openedAt: sg('2026-06-08T08:00'),
      status: 'resolved',
      resolution: 'cause-elsewhere',
      resolvedAt: sg('2026-06-08T08:10'),
    }),
  ];
  const objectives = openResponseObjectives(tickets, extendedSla, stGallen, now);

  it('lists the objectives of open cases, soonest deadline first, without resolved cases', () => {
    expect(objectives.map((objective) => objective.ticketId)).toEqual([
      'breached',
      'at-risk',
      'met',
      'on-track',
    ]);
  });

  it('gives each a status and the business minutes remaining on its own clock', () => {
    expect(
      objectives.map((objective) => [objective.ticketId, objective.status, objective.minutesRemaining]),
    ).toEqual([
      // Due Friday 10:00; Friday 10:00-17:00 and Monday 08:00-08:50 have passed.
      ['breached', 'breached', -(420 + 50)],
      // 10 minutes left of 60: within the 15-minute margin.
      ['at-risk', 'at-risk', 10],
      ['met', 'met', null],
      ['on-track', 'on-track', 1440 - 50],
    ]);
  });

  it('an objective within a quarter of its minutes of the deadline is at risk', () => {
    const sev3 = ticket({ severity: 'sev3', openedAt: sg('2026-06-08T08:00') });
    // 720 minutes, due Tuesday 11:00: at risk from 180 minutes before, i.e. Tuesday 08:00.
    expect(openResponseObjectives([sev3], extendedSla, stGallen, sg('2026-06-08T16:59'))[0]?.status).toBe(
      'on-track',
    );
    expect(openResponseObjectives([sev3], extendedSla, stGallen, sg('2026-06-09T08:00'))[0]?.status).toBe(
      'at-risk',
    );
  });
});

describe('the quick credit count agrees with the full objective outcomes', () => {
  const minute = 60_000;
  const base = Date.parse(sg('2026-01-05T00:00'));
  const severityIds = ['sev1', 'sev2', 'sev3', 'sev4'];
  /** A ticket of the identity vendor opened in 2026, with `now` some time after its opening. */
  const ticketOpenedWithin = (days: number) =>
    fc
      .record({
        opened: fc.integer({ min: 0, max: days * 24 * 60 }),
        severities: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }),
        gaps: fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 3, maxLength: 3 }),
        responseAfter: fc.option(fc.integer({ min: 0, max: 5000 })),
        escalations: fc.array(
          fc.record({
            after: fc.integer({ min: 0, max: 4000 }),
            urgent: fc.boolean(),
            answer: fc.option(fc.integer({ min: 0, max: 3000 })),
          }),
          { maxLength: 2 },
        ),
        waitAfter: fc.option(fc.integer({ min: 0, max: 8000 })),
        resolvedAfter: fc.option(fc.integer({ min: 0, max: 9000 })),
        nowAfter: fc.integer({ min: 0, max: 20 * 24 * 60 }),
      })
      .map((draft) => {
        const openedMillis = base + draft.opened * minute;
        const at = (after: number) => toInstant(openedMillis + after * minute);
        let offset = 0;
        const history = draft.severities.map((index, position) => {
          if (position > 0) offset += draft.gaps[position] ?? 0;
          return { severity: severityIds[index] as string, at: at(offset), by: null, reason: '' };
        });
        const resolved = draft.resolvedAfter !== null;
        const record: Ticket = ticketSchema.parse({
          id: `T-${draft.opened}`,
          customerId: 'c1',
          projectId: null,
          title: 'Generated',
          openedAt: at(0),
          severityHistory: history,
          firstResponseAt: draft.responseAfter === null ? null : at(draft.responseAfter),
          awaitingCustomerSince: draft.waitAfter === null ? null : at(draft.waitAfter),
          escalations: draft.escalations.map((escalation, index) => ({
            id: `E-${index}`,
            at: at(escalation.after),
            urgent: escalation.urgent,
            respondedAt: escalation.answer === null ? null : at(escalation.after + escalation.answer),
          })),
          status: resolved ? 'resolved' : 'open',
          resolvedAt: resolved ? at(draft.resolvedAfter as number) : null,
          resolution: resolved ? 'cause-elsewhere' : null,
        });
        return { ticket: record, now: at(draft.nowAfter) };
      });
  const ticketArb = ticketOpenedWithin(300);
  /** Tickets of one busy week, so that questions before and after their resolutions meet. */
  const weekTicketArb = ticketOpenedWithin(7);
  const plans = [
    extendedSla,
    identityCustom,
    // Same template, objectives changed on the contract: remembered credits must not carry over.
    resolvePlan(
      findPlanTemplate('identity-extended-sla')!,
      {
        initialResponse: { sev1: { minutes: 30, clock: '24x7' } },
        escalation: {
          standard: { minutes: 60, clock: 'business-08-17' },
          urgent: { minutes: 15, clock: '24x7' },
        },
      },
      [],
      1,
    ),
  ];
  const places: CustomerCalendar[] = [
    stGallen,
    { ...stGallen },
    { timeZone: 'Europe/Zurich', country: 'CH', region: 'ZH' },
    { timeZone: 'America/New_York', country: 'US', region: null },
  ];

  function freshCount(
    tickets: readonly Ticket[],
    chosen: EffectivePlan,
    place: CustomerCalendar,
    now: Instant,
  ) {
    return tickets
      .flatMap((record) => ticketObjectives(record, chosen, place, now))
      .reduce((total, outcome) => total + outcome.creditDays, 0);
  }

  it('for any ticket, its credit days are the sum of its objectives’ credit days', () => {
    fc.assert(
      fc.property(
        ticketArb,
        fc.integer({ min: 0, max: plans.length - 1 }),
        ({ ticket: record, now }, planIndex) => {
          const chosen = plans[planIndex] as EffectivePlan;
          expect(ticketCreditDays(record, chosen, stGallen, now)).toBe(
            freshCount([record], chosen, stGallen, now),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('remembered credits always equal a fresh count, whatever changes between two questions', () => {
    const question = fc.record({
      planIndex: fc.integer({ min: 0, max: plans.length - 1 }),
      placeIndex: fc.integer({ min: 0, max: places.length - 1 }),
      nowShift: fc.integer({ min: -10 * 24 * 60, max: 10 * 24 * 60 }),
      replace: fc.option(fc.record({ index: fc.nat(), by: weekTicketArb })),
    });
    fc.assert(
      fc.property(
        fc.array(weekTicketArb, { minLength: 1, maxLength: 6 }),
        fc.array(question, { minLength: 1, maxLength: 6 }),
        (drafts, questions) => {
          // One list asked about again and again, sometimes changed in place.
          const list = drafts.map((draft) => draft.ticket);
          const anchor = Date.parse((drafts[0] as { now: Instant }).now);
          for (const asked of questions) {
            if (asked.replace) list[asked.replace.index % list.length] = asked.replace.by.ticket;
            const chosen = plans[asked.planIndex] as EffectivePlan;
            const place = places[asked.placeIndex] as CustomerCalendar;
            const now = toInstant(anchor + asked.nowShift * minute);
            expect(customerServiceCreditDays(list, chosen, place, now)).toBe(
              freshCount(list, chosen, place, now),
            );
            // Remembered deadlines too: compare with the ones computed from scratch.
            for (const record of list) {
              const initial = initialResponseDue(record, chosen, place);
              const fresh = [...(initial ? [initial] : []), ...escalationsDue(record, chosen, place)];
              expect(ticketObjectives(record, chosen, place, now).map((outcome) => outcome.deadline)).toEqual(
                fresh.map((due) => due.deadline),
              );
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
