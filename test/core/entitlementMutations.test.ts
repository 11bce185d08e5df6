import { describe, expect, it } from 'vitest';
import { allowanceLineOn } from '../../src/core/ledger';
import {
  addCustomConfiguration,
  advanceBestPracticesReview,
  advanceCustomConfiguration,
  entitlementMutations,
  requestBestPracticesReview,
  scheduleTraining,
  updateTraining,
} from '../../src/core/mutations/entitlementMutations';
import type { MutationContext, MutationDefinition, MutationOutcome } from '../../src/core/mutations/mutation';
import { planTemplates } from '../../src/core/plans';
import {
  bestPracticesReviewSchema,
  contractSchema,
  customConfigurationSchema,
  customerSchema,
  emptyBook,
  projectSchema,
  ticketSchema,
  trainingDaySchema,
  type CustomerBook,
  type RecordOf,
  type TableName,
} from '../../src/core/records';

function context(now: string): MutationContext {
  return { now, clientTime: now, actor: { userId: 'u1', role: 'tam' }, templates: planTemplates };
}

function book(
  planId = 'edge-mission-critical',
  records: Partial<Omit<CustomerBook, 'customer' | 'contract'>> = {},
  timeZone = 'Europe/Zurich',
): CustomerBook {
  const customer = customerSchema.parse({
    id: 'c1',
    name: 'Acme',
    country: 'CH',
    region: null,
    timeZone,
    tamUserId: 'u1',
    channels: ['ticket'],
  });
  return {
    ...emptyBook(customer),
    contract: contractSchema.parse({
      id: 'k1',
      customerId: 'c1',
      planId,
      startDate: '2025-01-01',
      termMonths: 36,
    }),
    ...records,
  };
}

/** Parses the arguments as the registry would, then applies the mutation. */
function run<Args>(
  mutation: MutationDefinition<Args>,
  customerBook: CustomerBook | null,
  args: unknown,
  now = '2025-03-10T10:00:00.000Z',
): MutationOutcome {
  const parsed = mutation.args.safeParse(args);
  if (!parsed.success)
    return { ok: false, rejection: { code: 'invalid-input', message: parsed.error.message } };
  return mutation.apply(customerBook, parsed.data, context(now));
}

function stored<T extends TableName>(outcome: MutationOutcome, table: T): RecordOf<T> {
  if (!outcome.ok) throw new Error(`rejected: ${outcome.rejection.message}`);
  const found = outcome.changes.put.find((change) => change.table === table);
  if (!found) throw new Error(`nothing put into ${table}`);
  return found.record as RecordOf<T>;
}

function withRecord<T extends TableName>(
  customerBook: CustomerBook,
  outcome: MutationOutcome,
  table: T,
): CustomerBook {
  const record = stored(outcome, table) as { id: string };
  const key = table as keyof CustomerBook;
  const existing = (customerBook[key] as { id: string }[]).filter((other) => other.id !== record.id);
  return { ...customerBook, [key]: [...existing, record] };
}

const fiveReviews = [1, 2, 3, 4, 5].map((n) =>
  bestPracticesReviewSchema.parse({
    id: `b${n}`,
    customerId: 'c1',
    projectId: null,
    target: 'shop.example.com',
    objective: 'cost',
    requestedAt: `2025-02-0${n}T09:00:00Z`,
    requestedOn: `2025-02-0${n}`,
    status: 'requested',
  }),
);

const reviewArgs = {
  id: 'b9',
  customerId: 'c1',
  projectId: null,
  target: 'checkout.example.com',
  objective: 'security',
};

describe('requesting a Best Practices Review', () => {
  it('the sixth review of a Mission Critical year is refused unless the customer agrees to pay', () => {
    const refused = run(
      requestBestPracticesReview,
      book(undefined, { bestPracticesReviews: fiveReviews }),
      reviewArgs,
    );
    expect(!refused.ok && refused.rejection).toMatchObject({
      code: 'allowance-exhausted',
      message:
        'No Best Practices Reviews left in contract year 1 (5 included + 0 bought, 5 used, 0 reserved); book it as billable or pick another year.',
    });
    const accepted = run(requestBestPracticesReview, book(undefined, { bestPracticesReviews: fiveReviews }), {
      ...reviewArgs,
      acceptBillable: true,
    });
    expect(stored(accepted, 'bestPracticesReviews')).toMatchObject({
      status: 'requested',
      billableAccepted: true,
    });
    expect(accepted.ok && accepted.summary).toContain('billable, the customer agreed to pay');
  });

  it('an included review is stored as requested now, not billable', () => {
    const outcome = run(requestBestPracticesReview, book(), { ...reviewArgs, acceptBillable: true });
    expect(stored(outcome, 'bestPracticesReviews')).toEqual({
      ...reviewArgs,
      requestedAt: '2025-03-10T10:00:00.000Z',
      requestedOn: '2025-03-10',
      status: 'requested',
      advisorUserId: null,
      findings: [],
      deliveredAt: null,
      billableAccepted: false,
    });
    expect(outcome.ok && outcome.summary).toBe(
      'Requested a Best Practices Review of checkout.example.com (security); contract year 1: included, 4 reviews left',
    );
  });

  it("a review asked for late in the evening counts on the customer's date", () => {
    const outcome = run(
      requestBestPracticesReview,
      book(undefined, {}, 'America/Sao_Paulo'),
      reviewArgs,
      '2026-01-01T01:30:00.000Z',
    );
    // 22:30 on 31 Dec in São Paulo: still contract year 1.
    expect(stored(outcome, 'bestPracticesReviews').requestedOn).toBe('2025-12-31');
  });

  it('a review names a project of this customer', () => {
    const unknown = run(requestBestPracticesReview, book(), { ...reviewArgs, projectId: 'p9' });
    expect(!unknown.ok && unknown.rejection).toMatchObject({ code: 'not-found', field: 'projectId' });
    const project = projectSchema.parse({ id: 'p1', customerId: 'c1', name: 'Shop' });
    const known = run(requestBestPracticesReview, book(undefined, { projects: [project] }), {
      ...reviewArgs,
      projectId: 'p1',
    });
    expect(stored(known, 'bestPracticesReviews').projectId).toBe('p1');
  });

  it('Edge Developer cannot request a review: the plan neither includes nor sells one', () => {
    const outcome = run(requestBestPracticesReview, book('edge-developer'), {
      ...reviewArgs,
      acceptBillable: true,
    });
    expect(!outcome.ok && outcome.rejection.code).toBe('not-in-plan');
  });

  it('an id is used once', () => {
    const outcome = run(requestBestPracticesReview, book(undefined, { bestPracticesReviews: fiveReviews }), {
      ...reviewArgs,
      id: 'b1',
    });
    expect(!outcome.ok && outcome.rejection.code).toBe('already-exists');
  });

  it('a review for an unknown customer is refused', () => {
    const outcome = run(requestBestPracticesReview, null, reviewArgs);
    expect(!outcome.ok && outcome.rejection.code).toBe('not-found');
  });
});

describe('advancing a Best Practices Review', () => {
  const requested = book(undefined, { bestPracticesReviews: fiveReviews });

  it('moves in progress with an advisor, then is delivered with findings', () => {
    const started = run(advanceBestPracticesReview, requested, {
      customerId: 'c1',
      id: 'b1',
      status: 'in-progress',
      advisorUserId: 'u7',
    });
    expect(stored(started, 'bestPracticesReviews')).toMatchObject({
      status: 'in-progress',
      advisorUserId: 'u7',
    });
    const delivered = run(
      advanceBestPracticesReview,
      withRecord(requested, started, 'bestPracticesReviews'),
      { customerId: 'c1', id: 'b1', status: 'delivered', findings: ['Serve images from the edge cache'] },
      '2025-03-20T15:00:00.000Z',
    );
    expect(stored(delivered, 'bestPracticesReviews')).toMatchObject({
      status: 'delivered',
      findings: ['Serve images from the edge cache'],
      advisorUserId: 'u7',
      deliveredAt: '2025-03-20T15:00:00.000Z',
    });
  });

  it('refuses to deliver without a finding', () => {
    const inProgress = book(undefined, {
      bestPracticesReviews: [{ ...fiveReviews[0]!, status: 'in-progress' }],
    });
    const outcome = run(advanceBestPracticesReview, inProgress, {
      customerId: 'c1',
      id: 'b1',
      status: 'delivered',
    });
    expect(!outcome.ok && outcome.rejection).toMatchObject({ code: 'invalid-transition', field: 'findings' });
  });

  it('an unknown review is not found', () => {
    const outcome = run(advanceBestPracticesReview, requested, {
      customerId: 'c1',
      id: 'nope',
      status: 'cancelled',
    });
    expect(!outcome.ok && outcome.rejection.code).toBe('not-found');
  });
});

describe('training days', () => {
  const trainingArgs = {
    id: 't9',
    customerId: 'c1',
    date: '2025-06-12',
    topic: 'Edge firewall rules',
    attendees: ['Ana', 'Bo', 'Ana'],
  };
  const twoHeld = ['2025-02-10', '2025-03-03'].map((date, i) =>
    trainingDaySchema.parse({
      id: `t${i}`,
      customerId: 'c1',
      date,
      topic: 'Basics',
      attendees: [],
      status: 'held',
    }),
  );

  it('a scheduled training keeps each attendee once', () => {
    const outcome = run(scheduleTraining, book(), trainingArgs);
    expect(stored(outcome, 'trainingDays')).toEqual({
      id: 't9',
      customerId: 'c1',
      date: '2025-06-12',
      topic: 'Edge firewall rules',
      attendees: ['Ana', 'Bo'],
      status: 'scheduled',
      billableAccepted: false,
    });
  });

  it('the third training day of a Mission Critical year is refused without consent and billable with it', () => {
    const refused = run(scheduleTraining, book(undefined, { trainingDays: twoHeld }), trainingArgs);
    expect(!refused.ok && refused.rejection.code).toBe('allowance-exhausted');
    const accepted = run(scheduleTraining, book(undefined, { trainingDays: twoHeld }), {
      ...trainingArgs,
      acceptBillable: true,
    });
    expect(stored(accepted, 'trainingDays').billableAccepted).toBe(true);
  });

  it("a training day counts in the contract year of its date: next year's allowance is fresh", () => {
    const outcome = run(scheduleTraining, book(undefined, { trainingDays: twoHeld }), {
      ...trainingArgs,
      date: '2026-01-15',
    });
    expect(stored(outcome, 'trainingDays').billableAccepted).toBe(false);
  });

  it('a training outside the contract term is refused', () => {
    const outcome = run(scheduleTraining, book(), {
      ...trainingArgs,
      date: '2028-01-02',
      acceptBillable: true,
    });
    expect(!outcome.ok && outcome.rejection).toMatchObject({ code: 'outside-contract', field: 'date' });
  });

  it('service credits earned by a late response lengthen the term for a training', () => {
    // Production down answered 2 h after opening: 60 min late on a 1 h objective = 4 credit days.
    const ticket = ticketSchema.parse({
      id: 'k-1',
      customerId: 'c1',
      projectId: null,
      title: 'Site down',
      openedAt: '2027-12-01T10:00:00Z',
      severityHistory: [{ severity: 'production-down', at: '2027-12-01T10:00:00Z', by: null }],
      firstResponseAt: '2027-12-01T12:00:00Z',
      status: 'resolved',
      resolvedAt: '2027-12-01T15:00:00Z',
      resolution: 'customer-confirmed',
    });
    const outcome = run(
      scheduleTraining,
      book(undefined, { tickets: [ticket] }),
      { ...trainingArgs, date: '2028-01-03' },
      '2027-12-10T10:00:00.000Z',
    );
    expect(stored(outcome, 'trainingDays').date).toBe('2028-01-03');
  });

  it('a training is marked held from its day on, in the customer’s zone', () => {
    const scheduled = book(undefined, {
      trainingDays: [trainingDaySchema.parse({ ...trainingArgs, attendees: ['Ana'], status: 'scheduled' })],
    });
    const early = run(
      updateTraining,
      scheduled,
      { customerId: 'c1', id: 't9', status: 'held' },
      '2025-06-11T21:30:00.000Z',
    );
    expect(!early.ok && early.rejection.code).toBe('invalid-transition');
    // 22:30 UTC on 11 June is already 12 June in Zurich.
    const held = run(
      updateTraining,
      scheduled,
      { customerId: 'c1', id: 't9', status: 'held', attendees: ['Ana', 'Cy'] },
      '2025-06-11T22:30:00.000Z',
    );
    expect(stored(held, 'trainingDays')).toMatchObject({ status: 'held', attendees: ['Ana', 'Cy'] });
  });

  it('cancelling a training day returns its unit', () => {
    const customerBook = book(undefined, {
      trainingDays: twoHeld.map((day) => ({ ...day, status: 'scheduled' as const })),
    });
    const cancelled = run(updateTraining, customerBook, { customerId: 'c1', id: 't1', status: 'cancelled' });
    const after = withRecord(customerBook, cancelled, 'trainingDays');
    const ledgerContext = {
      templates: planTemplates,
      today: '2025-03-10',
      now: '2025-03-10T10:00:00.000Z',
      serviceCreditDays: 0,
    };
    expect(allowanceLineOn(customerBook, 'trainingDays', '2025-06-01', ledgerContext)?.remaining).toBe(0);
    expect(allowanceLineOn(after, 'trainingDays', '2025-06-01', ledgerContext)?.remaining).toBe(1);
  });

  it('an update names a change', () => {
    const outcome = run(updateTraining, book(undefined, { trainingDays: twoHeld }), {
      customerId: 'c1',
      id: 't0',
    });
    expect(!outcome.ok && outcome.rejection.code).toBe('invalid-input');
  });
});

describe('custom configurations', () => {
  const fiveSites = ['a', 'b', 'c', 'd', 'e'].map((name, i) =>
    customConfigurationSchema.parse({
      id: `cc${i}`,
      customerId: 'c1',
      site: `${name}.example.com`,
      configuredOn: '2025-02-01',
      status: 'delivered',
    }),
  );
  const configurationArgs = {
    id: 'cc9',
    customerId: 'c1',
    site: 'B.example.com',
    description: 'Second origin for the API',
    configuredOn: '2025-04-01',
  };

  it('a second configuration for a site already counted this year takes no new unit', () => {
    const outcome = run(
      addCustomConfiguration,
      book(undefined, { customConfigurations: fiveSites }),
      configurationArgs,
    );
    expect(stored(outcome, 'customConfigurations')).toMatchObject({
      site: 'b.example.com',
      status: 'requested',
      billableAccepted: false,
    });
    expect(outcome.ok && outcome.summary).toContain('site already counted, no new site');
  });

  it('a sixth site is refused without consent and billable with it', () => {
    const customerBook = book(undefined, { customConfigurations: fiveSites });
    const refused = run(addCustomConfiguration, customerBook, {
      ...configurationArgs,
      site: 'f.example.com',
    });
    expect(!refused.ok && refused.rejection.message).toBe(
      'No custom-configuration sites left in contract year 1 (5 included + 0 bought, 5 used, 0 reserved); book it as billable or pick another year.',
    );
    const accepted = run(addCustomConfiguration, customerBook, {
      ...configurationArgs,
      site: 'f.example.com',
      acceptBillable: true,
    });
    expect(stored(accepted, 'customConfigurations').billableAccepted).toBe(true);
  });

  it('a malformed site name is refused with the field', () => {
    const outcome = run(addCustomConfiguration, book(), { ...configurationArgs, site: 'not a site!' });
    expect(!outcome.ok && outcome.rejection.code).toBe('invalid-input');
  });

  it('a requested configuration is delivered, and then it is final', () => {
    const customerBook = book(undefined, {
      customConfigurations: [{ ...fiveSites[0]!, status: 'requested' }],
    });
    const delivered = run(advanceCustomConfiguration, customerBook, {
      customerId: 'c1',
      id: 'cc0',
      status: 'delivered',
    });
    expect(stored(delivered, 'customConfigurations').status).toBe('delivered');
    const cancelled = run(
      advanceCustomConfiguration,
      withRecord(customerBook, delivered, 'customConfigurations'),
      { customerId: 'c1', id: 'cc0', status: 'cancelled' },
    );
    expect(!cancelled.ok && cancelled.rejection.code).toBe('invalid-transition');
  });
});

describe('registry entries', () => {
  it('every entitlement mutation has a camelCase verb name at version 1', () => {
    expect(entitlementMutations.map((mutation) => `${mutation.name}@${mutation.version}`)).toEqual([
      'requestBestPracticesReview@1',
      'advanceBestPracticesReview@1',
      'scheduleTraining@1',
      'updateTraining@1',
      'addCustomConfiguration@1',
      'advanceCustomConfiguration@1',
    ]);
  });
});
