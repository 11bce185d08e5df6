import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPlanTemplate, planOffers, planTemplates, resolvePlan, type AddOn } from '../../src/core/plans';

function template(id: string) {
  const found = findPlanTemplate(id);
  if (!found) throw new Error(`missing template ${id}`);
  return found;
}

describe('plan templates', () => {
  it('ship every plan named in the source documents', () => {
    expect(planTemplates.map((plan) => plan.id).sort()).toEqual([
      'appliance-premium',
      'edge-developer',
      'edge-enterprise',
      'edge-mission-critical',
      'identity-custom',
      'identity-default',
      'identity-extended-sla',
    ]);
  });

  it('Mission Critical includes 5 Go Live events, 2 training days, 5 configuration sites and 5 reviews a year', () => {
    expect(template('edge-mission-critical').included).toMatchObject({
      goLiveEvents: 5,
      trainingDays: 2,
      customConfigurationSites: 5,
      bestPracticesReviews: 5,
    });
  });

  it('Mission Critical answers a business-critical outage within 15 minutes, around the clock', () => {
    const severity = template('edge-mission-critical').severities.find(
      (s) => s.id === 'business-critical-down',
    );
    expect(severity?.initialResponse).toEqual({ minutes: 15, clock: '24x7' });
  });

  it('edge general guidance runs on business hours 09:00-18:00, the other severities around the clock', () => {
    const severities = template('edge-enterprise').severities;
    expect(severities.find((s) => s.id === 'general-guidance')?.initialResponse).toEqual({
      minutes: 24 * 60,
      clock: 'business-09-18',
    });
    expect(severities.find((s) => s.id === 'production-down')?.initialResponse).toEqual({
      minutes: 60,
      clock: '24x7',
    });
  });

  it('Enterprise offers Go Live only for a fee, Developer not at all', () => {
    expect(template('edge-enterprise').included.goLiveEvents).toBe(0);
    expect(planOffers(template('edge-enterprise'), 'goLiveEvents')).toBe(true);
    expect(planOffers(template('edge-developer'), 'goLiveEvents')).toBe(false);
    expect(template('edge-developer').technicalSupport).toBe(false);
  });

  it('Extended SLA answers severities 1-4 within 1, 2, 12 and 24 business hours (08:00-17:00)', () => {
    expect(template('identity-extended-sla').severities.map((s) => s.initialResponse)).toEqual([
      { minutes: 60, clock: 'business-08-17' },
      { minutes: 120, clock: 'business-08-17' },
      { minutes: 720, clock: 'business-08-17' },
      { minutes: 1440, clock: 'business-08-17' },
    ]);
  });

  it('identity Default is best effort: no objective, no credits', () => {
    expect(template('identity-default').severities.every((s) => s.initialResponse === null)).toBe(true);
  });

  it('identity escalations: a manager answers within one business day, urgent within two business hours', () => {
    expect(template('identity-extended-sla').escalation).toEqual({
      standard: { minutes: 540, clock: 'business-08-17' },
      urgent: { minutes: 120, clock: 'business-08-17' },
    });
  });

  it('an appliance critical ticket closes only on the customer confirmation', () => {
    expect(template('appliance-premium').criticalClosesOnlyOnConfirmation).toBe(true);
  });
});

describe('a customer plan: template, overrides and add-ons', () => {
  const addOns: AddOn[] = [
    { id: 'a1', kind: 'goLiveEvents', quantity: 2, contractYear: 1 },
    { id: 'a2', kind: 'tamHoursPerWeek', quantity: 2, contractYear: null },
    { id: 'a3', kind: 'trainingDays', quantity: 1, contractYear: null },
  ];

  it('extra Go Live events bought for year 1 count in year 1 only', () => {
    const mc = template('edge-mission-critical');
    expect(resolvePlan(mc, undefined, addOns, 1).addOn.goLiveEvents).toBe(2);
    expect(resolvePlan(mc, undefined, addOns, 2).addOn.goLiveEvents).toBe(0);
  });

  it('add-ons for every year count in each year', () => {
    const mc = template('edge-mission-critical');
    expect(resolvePlan(mc, undefined, addOns, 3).addOn).toMatchObject({
      tamHoursPerWeek: 2,
      trainingDays: 1,
    });
  });

  it('an override replaces the template figure for this customer only', () => {
    const mc = template('edge-mission-critical');
    const plan = resolvePlan(mc, { included: { goLiveEvents: 8 } }, [], 1);
    expect(plan.included.goLiveEvents).toBe(8);
    expect(plan.included.trainingDays).toBe(2);
    expect(template('edge-mission-critical').included.goLiveEvents).toBe(5);
  });

  it('a response objective override applies to that severity only', () => {
    const plan = resolvePlan(
      template('identity-custom'),
      { initialResponse: { sev1: { minutes: 20, clock: '24x7' } } },
      [],
      1,
    );
    expect(plan.severities.find((s) => s.id === 'sev1')?.initialResponse).toEqual({
      minutes: 20,
      clock: '24x7',
    });
    expect(plan.severities.find((s) => s.id === 'sev2')?.initialResponse).toEqual({
      minutes: 120,
      clock: 'business-08-17',
    });
  });

  it('the Security Response Team needs Mission Critical and the DDoS-protection add-on', () => {
    const ddos: AddOn[] = [{ id: 'd', kind: 'ddosProtection', quantity: 1, contractYear: null }];
    expect(resolvePlan(template('edge-mission-critical'), undefined, [], 1).securityResponseTeam).toBe(false);
    expect(resolvePlan(template('edge-mission-critical'), undefined, ddos, 1).securityResponseTeam).toBe(
      true,
    );
    expect(resolvePlan(template('edge-enterprise'), undefined, ddos, 1).securityResponseTeam).toBe(false);
  });
});

describe('one plan per template for contracts without overrides or add-ons (property)', () => {
  const noOverrides = fc.constantFrom(undefined, {}, { included: undefined, supportHours: undefined });
  const anyTemplate = fc.constantFrom(...planTemplates);
  const anyYear = fc.integer({ min: 1, max: 10 });

  it('is the plan worked out afresh, in every contract year', () => {
    fc.assert(
      fc.property(anyTemplate, noOverrides, anyYear, (plan, overrides, year) => {
        // An add-on of nothing for another year changes no figure, but takes the worked-out path.
        const nothingBought: AddOn[] = [
          { id: 'x', kind: 'trainingDays', quantity: 0, contractYear: year + 1 },
        ];
        expect(resolvePlan(plan, overrides, [], year)).toEqual(
          resolvePlan(plan, overrides, nothingBought, year),
        );
      }),
    );
  });

  it('is the template as it stands: its hours, severities, escalation and included figures, nothing bought', () => {
    fc.assert(
      fc.property(anyTemplate, noOverrides, anyYear, (plan, overrides, year) => {
        const resolved = resolvePlan(plan, overrides, [], year);
        expect(resolved.template).toBe(plan);
        expect(resolved.supportHours).toBe(plan.supportHours);
        expect(resolved.severities).toEqual(plan.severities);
        expect(resolved.escalation).toEqual(plan.escalation);
        expect(resolved.included).toEqual(plan.included);
        expect(Object.values(resolved.addOn).every((quantity) => quantity === 0)).toBe(true);
        expect(resolved.securityResponseTeam || resolved.slackChannel).toBe(false);
      }),
    );
  });

  it('a customer with an override gets a plan of its own and leaves the shared one as it was', () => {
    fc.assert(
      fc.property(anyTemplate, fc.integer({ min: 0, max: 20 }), (plan, goLives) => {
        const before = structuredClone(resolvePlan(plan, undefined, [], 1));
        const own = resolvePlan(plan, { included: { goLiveEvents: goLives } }, [], 1);
        expect(own).not.toBe(resolvePlan(plan, undefined, [], 1));
        expect(own.included.goLiveEvents).toBe(goLives);
        expect(resolvePlan(plan, {}, [], 2)).toEqual(before);
      }),
    );
  });

  it('the shared plan cannot be changed by one customer for all the others', () => {
    const shared = resolvePlan(template('edge-enterprise'), undefined, [], 1);
    expect(() => {
      shared.included.goLiveEvents = 99;
    }).toThrow(TypeError);
    expect(resolvePlan(template('edge-enterprise'), {}, [], 3).included.goLiveEvents).toBe(
      template('edge-enterprise').included.goLiveEvents,
    );
  });
});
