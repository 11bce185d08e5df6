import { describe, expect, it } from 'vitest';
import {
  changeBestPracticesReview,
  changeCustomConfiguration,
  changeTrainingDay,
  distinctAttendees,
  securityResponseTeamEntitled,
} from '../../src/core/entitlements';
import { findPlanTemplate, resolvePlan, type AddOn } from '../../src/core/plans';
import {
  bestPracticesReviewSchema,
  customConfigurationSchema,
  trainingDaySchema,
  type BestPracticesReview,
} from '../../src/core/records';

const now = '2025-05-01T09:00:00.000Z';

function review(status: BestPracticesReview['status'], findings: string[] = []): BestPracticesReview {
  return bestPracticesReviewSchema.parse({
    id: 'b1',
    customerId: 'c1',
    projectId: null,
    target: 'shop.example.com',
    objective: 'availability',
    requestedAt: '2025-04-01T09:00:00Z',
    requestedOn: '2025-04-01',
    status,
    findings,
  });
}

function training(status: 'scheduled' | 'held' | 'cancelled' = 'scheduled') {
  return trainingDaySchema.parse({
    id: 't1',
    customerId: 'c1',
    date: '2025-05-10',
    topic: 'Edge functions',
    attendees: ['Ana'],
    status,
  });
}

describe('Best Practices Review lifecycle', () => {
  it('a requested review moves to in progress and takes an advisor', () => {
    const result = changeBestPracticesReview(
      review('requested'),
      { status: 'in-progress', advisorUserId: 'u7' },
      now,
    );
    expect(result.ok && result.value).toMatchObject({
      status: 'in-progress',
      advisorUserId: 'u7',
      deliveredAt: null,
    });
  });

  it('a review is delivered with at least one finding', () => {
    const refused = changeBestPracticesReview(review('in-progress'), { status: 'delivered' }, now);
    expect(!refused.ok && refused.rejection).toMatchObject({
      code: 'invalid-transition',
      field: 'findings',
      message: 'A Best Practices Review is delivered with at least one finding; this one has none.',
    });
    const delivered = changeBestPracticesReview(
      review('in-progress'),
      { status: 'delivered', findings: ['Cache the product images at the edge'] },
      now,
    );
    expect(delivered.ok && delivered.value).toMatchObject({ status: 'delivered', deliveredAt: now });
  });

  it('findings recorded while in progress are enough to deliver', () => {
    const result = changeBestPracticesReview(
      review('in-progress', ['Enable HTTP/3']),
      { status: 'delivered' },
      now,
    );
    expect(result.ok && result.value.findings).toEqual(['Enable HTTP/3']);
  });

  it('a requested review cannot skip to delivered', () => {
    const result = changeBestPracticesReview(
      review('requested'),
      { status: 'delivered', findings: ['x'] },
      now,
    );
    expect(!result.ok && result.rejection.message).toBe(
      'A Best Practices Review that is requested can become in progress or cancelled, not delivered.',
    );
  });

  it('a review can be cancelled while requested or in progress', () => {
    expect(changeBestPracticesReview(review('requested'), { status: 'cancelled' }, now).ok).toBe(true);
    expect(changeBestPracticesReview(review('in-progress'), { status: 'cancelled' }, now).ok).toBe(true);
  });

  it('a delivered review is final', () => {
    const reopened = changeBestPracticesReview(review('delivered', ['x']), { status: 'in-progress' }, now);
    expect(!reopened.ok && reopened.rejection.message).toBe(
      'A Best Practices Review that is delivered is final; it cannot become in progress.',
    );
    const edited = changeBestPracticesReview(
      review('delivered', ['x']),
      { status: 'delivered', findings: ['y'] },
      now,
    );
    expect(!edited.ok && edited.rejection.code).toBe('invalid-transition');
  });

  it('a cancelled review cannot come back', () => {
    const result = changeBestPracticesReview(review('cancelled'), { status: 'requested' }, now);
    expect(!result.ok && result.rejection.code).toBe('invalid-transition');
  });
});

describe('training day lifecycle', () => {
  it('a training is marked held from its day on', () => {
    const early = changeTrainingDay(training(), { status: 'held' }, '2025-05-09');
    expect(!early.ok && early.rejection.message).toBe(
      'The training on 2025-05-10 can be marked held from that day on; today is 2025-05-09.',
    );
    expect(changeTrainingDay(training(), { status: 'held' }, '2025-05-10').ok).toBe(true);
  });

  it('attendees can be completed after the day; names are kept once', () => {
    const result = changeTrainingDay(
      training('held'),
      { attendees: ['Ana', 'Bo', ' ana ', 'Bo'] },
      '2025-05-11',
    );
    expect(result.ok && result.value.attendees).toEqual(['Ana', 'Bo']);
    expect(distinctAttendees(['  Chloé ', 'CHLOÉ', ''])).toEqual(['Chloé']);
  });

  it('a held training cannot be cancelled', () => {
    const result = changeTrainingDay(training('held'), { status: 'cancelled' }, '2025-05-11');
    expect(!result.ok && result.rejection.message).toBe(
      'A training day that is held is final; it cannot become cancelled.',
    );
  });

  it('a cancelled training can no longer change', () => {
    const result = changeTrainingDay(training('cancelled'), { topic: 'Something else' }, '2025-05-01');
    expect(!result.ok && result.rejection).toMatchObject({
      code: 'invalid-transition',
      numbers: { from: 'cancelled' },
    });
  });
});

describe('custom configuration lifecycle', () => {
  const configuration = customConfigurationSchema.parse({
    id: 'cc1',
    customerId: 'c1',
    site: 'Shop.Example.com',
    configuredOn: '2025-05-01',
    status: 'requested',
  });

  it('a requested configuration is delivered or cancelled', () => {
    expect(configuration.site).toBe('shop.example.com');
    expect(changeCustomConfiguration(configuration, 'delivered').ok).toBe(true);
    expect(changeCustomConfiguration(configuration, 'cancelled').ok).toBe(true);
  });

  it('a delivered configuration is final', () => {
    const delivered = { ...configuration, status: 'delivered' as const };
    const result = changeCustomConfiguration(delivered, 'cancelled');
    expect(!result.ok && result.rejection.message).toBe(
      'A custom configuration that is delivered is final; it cannot become cancelled.',
    );
  });
});

describe('Security Response Team', () => {
  function plan(id: string, addOns: AddOn[] = [], year = 1) {
    const template = findPlanTemplate(id);
    if (!template) throw new Error(`missing template ${id}`);
    return resolvePlan(template, {}, addOns, year);
  }
  const ddos: AddOn = { id: 'a1', kind: 'ddosProtection', quantity: 1, contractYear: null };

  it('Mission Critical with the DDoS-protection add-on is entitled', () => {
    expect(securityResponseTeamEntitled(plan('edge-mission-critical', [ddos]))).toEqual({ entitled: true });
  });

  it('Mission Critical without the add-on needs it', () => {
    expect(securityResponseTeamEntitled(plan('edge-mission-critical'))).toMatchObject({
      entitled: false,
      reason: 'needs-ddos-addon',
    });
  });

  it('an add-on bought for year 2 does not entitle year 1', () => {
    const year2Only: AddOn = { ...ddos, contractYear: 2 };
    expect(securityResponseTeamEntitled(plan('edge-mission-critical', [year2Only], 1)).entitled).toBe(false);
    expect(securityResponseTeamEntitled(plan('edge-mission-critical', [year2Only], 2)).entitled).toBe(true);
  });

  it('Edge Enterprise has no Security Response Team, add-on or not', () => {
    expect(securityResponseTeamEntitled(plan('edge-enterprise', [ddos]))).toEqual({
      entitled: false,
      reason: 'not-on-plan',
      message: 'Edge Enterprise has no Security Response Team.',
    });
  });
});
