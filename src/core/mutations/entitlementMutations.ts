// Best Practices Reviews, training days and custom configurations: the mutations that request,
// schedule and advance them. New ones are checked against the contract year's allowance; beyond
// it they go through only when the customer agreed to pay, and the record says so.
import { z } from 'zod';
import {
  changeBestPracticesReview,
  changeCustomConfiguration,
  changeTrainingDay,
  distinctAttendees,
} from '../entitlements';
import { lostFieldsNote, mergeEdit } from '../fieldMerge';
import { checkAllowance, ledgerContextAt, type AllowanceGrant, type LedgerContext } from '../ledger';
import {
  bestPracticesReviewSchema,
  customConfigurationSchema,
  trainingDaySchema,
  type BestPracticesReview,
  type CustomConfiguration,
  type CustomerBook,
  type TrainingDay,
} from '../records';
import { bookServiceCreditDays } from '../tickets';
import { requireBook, requireContract, requireNew, requireRecord } from './bookAccess';
import { applied, defineMutation, put, stampOf, type MutationContext } from './mutation';

/**
 * The ledger as of the mutation's `now`: today in the customer's zone, and the term lengthened by
 * the service credits the customer's tickets have earned by then (objectives do not vary by
 * contract year, so any year's plan gives the same credits).
 */
function ledgerContextFor(book: CustomerBook, context: MutationContext): LedgerContext {
  return ledgerContextAt(book, context, bookServiceCreditDays(book, context.templates, context.now));
}

/** How the new record stands against the allowance, for the activity line. */
function allowanceWords(grant: AllowanceGrant, unit: string): string {
  const year = `contract year ${grant.line.contractYear.index}`;
  if (!grant.consumesUnit) return `${year}: site already counted, no new ${unit}`;
  if (grant.billable) return `${year}: billable, the customer agreed to pay`;
  const left = grant.line.remaining - 1;
  return `${year}: included, ${left} ${unit}${left === 1 ? '' : 's'} left`;
}

const acceptBillable = z.boolean().default(false);

export const requestBestPracticesReview = defineMutation({
  name: 'requestBestPracticesReview',
  version: 1,
  args: bestPracticesReviewSchema
    .pick({ id: true, customerId: true, projectId: true, target: true, objective: true })
    .extend({ acceptBillable }),
  scope: (args) => ({ customerId: args.customerId }),
  apply(book, args, context) {
    const found = requireBook(book, args.customerId);
    if (!found.ok) return found;
    const customerBook = found.value;
    const fresh = requireNew(customerBook.bestPracticesReviews, args.id, 'Best Practices Review');
    if (!fresh.ok) return fresh;
    if (args.projectId !== null) {
      const project = requireRecord(customerBook.projects, args.projectId, 'Project', 'projectId');
      if (!project.ok) return project;
    }
    const contract = requireContract(customerBook, context.templates);
    if (!contract.ok) return contract;
    const ledgerContext = ledgerContextFor(customerBook, context);
    // The review counts on the day it is asked for, as the customer's calendar reads it.
    const requestedOn = ledgerContext.today;
    const grant = checkAllowance(customerBook, 'bestPracticesReviews', requestedOn, ledgerContext, {
      acceptBillable: args.acceptBillable,
    });
    if (!grant.ok) return grant;
    const review: BestPracticesReview = {
      id: args.id,
      customerId: args.customerId,
      projectId: args.projectId,
      target: args.target,
      objective: args.objective,
      requestedAt: context.now,
      requestedOn,
      status: 'requested',
      advisorUserId: null,
      findings: [],
      deliveredAt: null,
      billableAccepted: grant.value.billable,
    };
    return applied(
      `Requested a Best Practices Review of ${review.target} (${review.objective}); ${allowanceWords(grant.value, 'review')}`,
      put('bestPracticesReviews', review),
    );
  },
});

export const advanceBestPracticesReview = defineMutation({
  name: 'advanceBestPracticesReview',
  version: 1,
  args: z.object({
    customerId: z.string().min(1),
    id: z.string().min(1),
    status: bestPracticesReviewSchema.shape.status,
    findings: z.array(z.string().trim().min(1, 'must not be empty').max(4000)).max(200).optional(),
    advisorUserId: z.string().min(1).max(64).nullable().optional(),
  }),
  scope: (args) => ({ customerId: args.customerId }),
  apply(book, args, context) {
    const found = requireBook(book, args.customerId);
    if (!found.ok) return found;
    const existing = requireRecord(found.value.bestPracticesReviews, args.id, 'Best Practices Review');
    if (!existing.ok) return existing;
    const changed = changeBestPracticesReview(
      existing.value,
      {
        status: args.status,
        ...(args.findings !== undefined ? { findings: args.findings } : {}),
        ...(args.advisorUserId !== undefined ? { advisorUserId: args.advisorUserId } : {}),
      },
      context.now,
    );
    if (!changed.ok) return changed;
    const review = changed.value;
    const findings = `${review.findings.length} finding${review.findings.length === 1 ? '' : 's'}`;
    return applied(
      `Best Practices Review of ${review.target}: ${existing.value.status} -> ${review.status}, ${findings}`,
      put('bestPracticesReviews', review),
    );
  },
});

export const scheduleTraining = defineMutation({
  name: 'scheduleTraining',
  version: 1,
  args: trainingDaySchema
    .pick({ id: true, customerId: true, date: true, topic: true, attendees: true })
    .extend({ acceptBillable }),
  scope: (args) => ({ customerId: args.customerId }),
  apply(book, args, context) {
    const found = requireBook(book, args.customerId);
    if (!found.ok) return found;
    const customerBook = found.value;
    const fresh = requireNew(customerBook.trainingDays, args.id, 'Training day');
    if (!fresh.ok) return fresh;
    const contract = requireContract(customerBook, context.templates);
    if (!contract.ok) return contract;
    const ledgerContext = ledgerContextFor(customerBook, context);
    const grant = checkAllowance(customerBook, 'trainingDays', args.date, ledgerContext, {
      acceptBillable: args.acceptBillable,
    });
    if (!grant.ok) return grant;
    const day: TrainingDay = {
      id: args.id,
      customerId: args.customerId,
      date: args.date,
      topic: args.topic,
      attendees: distinctAttendees(args.attendees),
      status: 'scheduled',
      billableAccepted: grant.value.billable,
    };
    return applied(
      `Scheduled training "${day.topic}" on ${day.date} for ${day.attendees.length} attendee${day.attendees.length === 1 ? '' : 's'}; ${allowanceWords(grant.value, 'training day')}`,
      put('trainingDays', day),
    );
  },
});

export const updateTraining = defineMutation({
  name: 'updateTraining',
  version: 1,
  args: z
    .object({
      customerId: z.string().min(1),
      id: z.string().min(1),
      topic: trainingDaySchema.shape.topic.optional(),
      attendees: trainingDaySchema.shape.attendees.optional(),
      status: z.enum(['held', 'cancelled']).optional(),
    })
    .refine(
      (args) => args.topic !== undefined || args.attendees !== undefined || args.status !== undefined,
      'name a change: topic, attendees or status',
    ),
  scope: (args) => ({ customerId: args.customerId }),
  apply(book, args, context) {
    const found = requireBook(book, args.customerId);
    if (!found.ok) return found;
    const existing = requireRecord(found.value.trainingDays, args.id, 'Training day');
    if (!existing.ok) return existing;
    const today = ledgerContextAt(found.value, context, 0).today;
    // Field merge first: a field someone set later keeps their value; the rest goes through the rules.
    const merged = mergeEdit(
      existing.value,
      { topic: args.topic, attendees: args.attendees, status: args.status },
      stampOf(context),
    );
    const winning = new Set(merged.changed);
    const changed = changeTrainingDay(
      existing.value,
      {
        ...(winning.has('topic') && args.topic !== undefined ? { topic: args.topic } : {}),
        ...(winning.has('attendees') && args.attendees !== undefined ? { attendees: args.attendees } : {}),
        ...(winning.has('status') && args.status !== undefined ? { status: args.status } : {}),
      },
      today,
    );
    if (!changed.ok) return changed;
    const day = { ...changed.value, fieldTimes: merged.record.fieldTimes };
    const what = [
      winning.has('status') ? `marked ${day.status}` : null,
      winning.has('topic') ? `topic "${day.topic}"` : null,
      winning.has('attendees') ? `${day.attendees.length} attendees` : null,
    ].filter((part) => part !== null);
    return applied(
      `Training on ${day.date}: ${what.length > 0 ? what.join(', ') : 'nothing'}${lostFieldsNote(merged.lost)}`,
      put('trainingDays', day),
    );
  },
});

export const addCustomConfiguration = defineMutation({
  name: 'addCustomConfiguration',
  version: 1,
  args: customConfigurationSchema
    .pick({ id: true, customerId: true, site: true, description: true, configuredOn: true })
    .extend({ acceptBillable }),
  scope: (args) => ({ customerId: args.customerId }),
  apply(book, args, context) {
    const found = requireBook(book, args.customerId);
    if (!found.ok) return found;
    const customerBook = found.value;
    const fresh = requireNew(customerBook.customConfigurations, args.id, 'Custom configuration');
    if (!fresh.ok) return fresh;
    const contract = requireContract(customerBook, context.templates);
    if (!contract.ok) return contract;
    const ledgerContext = ledgerContextFor(customerBook, context);
    const grant = checkAllowance(customerBook, 'customConfigurationSites', args.configuredOn, ledgerContext, {
      acceptBillable: args.acceptBillable,
      site: args.site,
    });
    if (!grant.ok) return grant;
    const configuration: CustomConfiguration = {
      id: args.id,
      customerId: args.customerId,
      site: args.site,
      description: args.description,
      configuredOn: args.configuredOn,
      status: 'requested',
      // A second configuration of a counted site adds nothing to pay, whatever the first cost.
      billableAccepted: args.acceptBillable && grant.value.billable && grant.value.consumesUnit,
    };
    return applied(
      `Custom configuration for ${configuration.site} on ${configuration.configuredOn}; ${allowanceWords(grant.value, 'site')}`,
      put('customConfigurations', configuration),
    );
  },
});

export const advanceCustomConfiguration = defineMutation({
  name: 'advanceCustomConfiguration',
  version: 1,
  args: z.object({
    customerId: z.string().min(1),
    id: z.string().min(1),
    status: z.enum(['delivered', 'cancelled']),
  }),
  scope: (args) => ({ customerId: args.customerId }),
  apply(book, args) {
    const found = requireBook(book, args.customerId);
    if (!found.ok) return found;
    const existing = requireRecord(found.value.customConfigurations, args.id, 'Custom configuration');
    if (!existing.ok) return existing;
    const changed = changeCustomConfiguration(existing.value, args.status);
    if (!changed.ok) return changed;
    return applied(
      `Custom configuration for ${changed.value.site}: ${existing.value.status} -> ${changed.value.status}`,
      put('customConfigurations', changed.value),
    );
  },
});

export const entitlementMutations = [
  requestBestPracticesReview,
  advanceBestPracticesReview,
  scheduleTraining,
  updateTraining,
  addCustomConfiguration,
  advanceCustomConfiguration,
] as const;
