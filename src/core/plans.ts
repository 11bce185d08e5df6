// Support-plan templates (shipped as data in resources/plans) and how a contract's
// overrides and add-ons turn a template into the plan that governs one customer.
import { z } from 'zod';
import templatesJson from '../../resources/plans/templates.json';

/** The yearly allowances a TAM tracks, counted per contract year. */
export const allowanceKinds = [
  'goLiveEvents',
  'bestPracticesReviews',
  'trainingDays',
  'customConfigurationSites',
] as const;
export type AllowanceKind = (typeof allowanceKinds)[number];

export const allowanceLabels: Record<AllowanceKind | 'tamHours', string> = {
  goLiveEvents: 'Go Live events',
  bestPracticesReviews: 'Best Practices Reviews',
  trainingDays: 'Training days',
  customConfigurationSites: 'Custom-configuration sites',
  tamHours: 'TAM hours',
};

/**
 * Clocks a response objective can run on. Business and extended hours run Monday to
 * Friday in the contract's zone, without the public holidays of its country and region.
 */
export const clockIds = ['24x7', 'business-08-17', 'business-09-18', 'extended-07-19'] as const;
export type ClockId = (typeof clockIds)[number];

const objectiveSchema = z.object({
  minutes: z.number().int().positive(),
  clock: z.enum(clockIds),
});
export type ResponseObjective = z.infer<typeof objectiveSchema>;

const severitySchema = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  /** 1 is the most severe. */
  rank: z.number().int().positive(),
  /** `null`: best effort, or no technical support on this plan. */
  initialResponse: objectiveSchema.nullable(),
});
export type Severity = z.infer<typeof severitySchema>;

const allowancesSchema = z.object({
  goLiveEvents: z.number().int().nonnegative(),
  bestPracticesReviews: z.number().int().nonnegative(),
  trainingDays: z.number().int().nonnegative(),
  customConfigurationSites: z.number().int().nonnegative(),
  tamHoursPerWeek: z.number().nonnegative(),
});
export type Allowances = z.infer<typeof allowancesSchema>;

export const planTemplateSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and dashes'),
  vendor: z.enum(['edge', 'identity', 'appliance']),
  name: z.string().min(1),
  description: z.string(),
  supportHours: z.enum(clockIds),
  technicalSupport: z.boolean(),
  severities: z.array(severitySchema).min(1),
  /** Included per contract year (TAM hours: per week). */
  included: allowancesSchema,
  /** What may be bought on top; anything not listed here is not offered on the plan. */
  purchasable: z.array(z.enum([...allowanceKinds, 'tamHoursPerWeek'])),
  escalation: z.object({ standard: objectiveSchema, urgent: objectiveSchema }).nullable(),
  /** `with-ddos-addon`: the Security Response Team is there only with the DDoS-protection add-on. */
  securityResponseTeam: z.enum(['no', 'with-ddos-addon']),
  slackChannel: z.enum(['no', 'addon']),
  /** Reserved capacity is contracted for at least this many months. */
  minimumTermMonths: z.number().int().nonnegative(),
  /** Appliance critical tickets close only when the customer confirms. */
  criticalClosesOnlyOnConfirmation: z.boolean(),
});
export type PlanTemplate = z.infer<typeof planTemplateSchema>;

export const planTemplates: readonly PlanTemplate[] = z.array(planTemplateSchema).parse(templatesJson);

const templatesById = new Map(planTemplates.map((template) => [template.id, template]));

export function findPlanTemplate(
  id: string,
  templates: readonly PlanTemplate[] = planTemplates,
): PlanTemplate | undefined {
  if (templates === planTemplates) return templatesById.get(id);
  return templates.find((template) => template.id === id);
}

/** Add-ons a contract can carry. Quantities add to the plan's included figures. */
export const addOnKinds = [...allowanceKinds, 'tamHoursPerWeek', 'ddosProtection', 'slackChannel'] as const;
export type AddOnKind = (typeof addOnKinds)[number];

export const addOnSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(addOnKinds),
  quantity: z.number().nonnegative(),
  /** 1-based contract year the add-on applies to; `null` for every year of the term. */
  contractYear: z.number().int().positive().nullable(),
  note: z.string().max(500).optional(),
});
export type AddOn = z.infer<typeof addOnSchema>;

/** Per-customer figures that replace the template's. Every figure is editable. */
export const planOverridesSchema = z.object({
  included: allowancesSchema.partial().optional(),
  supportHours: z.enum(clockIds).optional(),
  /** Severity id -> objective (`null` = best effort). */
  initialResponse: z.record(z.string(), objectiveSchema.nullable()).optional(),
  escalation: z.object({ standard: objectiveSchema, urgent: objectiveSchema }).nullable().optional(),
});
export type PlanOverrides = z.infer<typeof planOverridesSchema>;

/** The plan as it governs one customer in one contract year: template, overrides and add-ons. */
export type EffectivePlan = {
  template: PlanTemplate;
  supportHours: ClockId;
  severities: Severity[];
  escalation: PlanTemplate['escalation'];
  included: Allowances;
  addOn: Allowances;
  securityResponseTeam: boolean;
  slackChannel: boolean;
};

/**
 * A contract with neither overrides nor add-ons is governed by its template as it stands, in every
 * contract year: one plan per template serves them all (most of a book), found by the template
 * itself, which is shipped data nobody edits. Frozen, so a caller that tried to change the shared
 * plan would fail loudly instead of changing other customers' plans.
 */
const plainPlans = new WeakMap<PlanTemplate, EffectivePlan>();

function hasNoOverrides(overrides: PlanOverrides | undefined): boolean {
  return (
    overrides === undefined ||
    (overrides.included === undefined &&
      overrides.supportHours === undefined &&
      overrides.initialResponse === undefined &&
      overrides.escalation === undefined)
  );
}

export function resolvePlan(
  template: PlanTemplate,
  overrides: PlanOverrides | undefined,
  addOns: readonly AddOn[],
  contractYear: number,
): EffectivePlan {
  if (addOns.length === 0 && hasNoOverrides(overrides)) {
    let plain = plainPlans.get(template);
    if (!plain) {
      plain = planOf(template, undefined, addOns, contractYear);
      Object.freeze(plain.severities);
      Object.freeze(plain.included);
      Object.freeze(plain.addOn);
      Object.freeze(plain);
      plainPlans.set(template, plain);
    }
    return plain;
  }
  return planOf(template, overrides, addOns, contractYear);
}

/** resolvePlan worked out afresh. */
function planOf(
  template: PlanTemplate,
  overrides: PlanOverrides | undefined,
  addOns: readonly AddOn[],
  contractYear: number,
): EffectivePlan {
  const included: Allowances = { ...template.included, ...(overrides?.included ?? {}) };
  const addOn: Allowances = {
    goLiveEvents: 0,
    bestPracticesReviews: 0,
    trainingDays: 0,
    customConfigurationSites: 0,
    tamHoursPerWeek: 0,
  };
  let ddos = false;
  let slack = false;
  for (const item of addOns) {
    if (item.contractYear !== null && item.contractYear !== contractYear) continue;
    if (item.kind === 'ddosProtection') ddos = ddos || item.quantity > 0;
    else if (item.kind === 'slackChannel') slack = slack || item.quantity > 0;
    else addOn[item.kind] += item.quantity;
  }
  const responseOverrides = overrides?.initialResponse ?? {};
  const severities = template.severities.map((severity) =>
    severity.id in responseOverrides
      ? { ...severity, initialResponse: responseOverrides[severity.id] ?? null }
      : severity,
  );
  return {
    template,
    supportHours: overrides?.supportHours ?? template.supportHours,
    severities,
    escalation: overrides?.escalation === undefined ? template.escalation : overrides.escalation,
    included,
    addOn,
    securityResponseTeam: template.securityResponseTeam === 'with-ddos-addon' && ddos,
    slackChannel: template.slackChannel === 'addon' && slack,
  };
}

/** Whether the plan offers a kind at all, included or for a fee. */
export function planOffers(template: PlanTemplate, kind: AllowanceKind | 'tamHoursPerWeek'): boolean {
  return template.included[kind] > 0 || template.purchasable.includes(kind);
}
