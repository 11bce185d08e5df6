// Customers, contracts, contacts and projects: the plain records around the allowances.
import { z } from 'zod';
import { lostFieldsNote, mergeEdit } from '../fieldMerge';
import { findPlanTemplate, planTemplateSchema } from '../plans';
import { contactSchema, contractSchema, customerSchema, projectSchema } from '../records';
import { reject } from '../rejection';
import { requireBook, requireNew, requireRecord } from './bookAccess';
import {
  applied,
  defineMutation,
  put,
  rejected,
  stampOf,
  type MutationContext,
  type MutationOutcome,
} from './mutation';

// Patches: every field optional and none filled in with its default. A plain `.partial()` would
// still apply a field's default, so changing the term would wipe the contract's add-ons.
// (A `fieldTimes` in a patch is ignored: mergeEdit stamps the fields itself.)
const customerPatch = customerSchema
  .omit({ id: true })
  .extend({ notes: customerSchema.shape.notes.unwrap(), archived: customerSchema.shape.archived.unwrap() })
  .partial();
const contractPatch = contractSchema
  .omit({ id: true, customerId: true })
  .extend({
    overrides: contractSchema.shape.overrides.unwrap(),
    addOns: contractSchema.shape.addOns.unwrap(),
  })
  .partial();
const contactPatch = contactSchema
  .omit({ id: true, customerId: true })
  .extend({ primary: contactSchema.shape.primary.unwrap() })
  .partial();
const projectPatch = projectSchema
  .omit({ id: true, customerId: true })
  .extend({ environment: projectSchema.shape.environment.unwrap() })
  .partial();

export const createCustomer = defineMutation({
  name: 'createCustomer',
  version: 1,
  args: z.object({ customer: customerSchema }),
  scope: (args) => ({ customerId: args.customer.id }),
  reads: [],
  apply(book, args) {
    if (book) {
      return rejected(
        reject('already-exists', `Customer ${args.customer.id} already exists.`, { field: 'customer.id' })
          .rejection,
      );
    }
    return applied(`Created customer ${args.customer.name}`, put('customers', args.customer));
  },
});

export const updateCustomer = defineMutation({
  name: 'updateCustomer',
  version: 1,
  args: z.object({ id: z.string().min(1), patch: customerPatch }),
  scope: (args) => ({ customerId: args.id }),
  reads: [],
  apply(book, args, context) {
    const found = requireBook(book, args.id);
    if (!found.ok) return found;
    const merged = mergeEdit(found.value.customer, args.patch, stampOf(context));
    const customer = customerSchema.parse(merged.record);
    return applied(
      `Updated ${customer.name}: ${fieldList(merged.changed)}${lostFieldsNote(merged.lost)}`,
      put('customers', customer),
    );
  },
});

function fieldList(fields: readonly string[]): string {
  return fields.length > 0 ? fields.join(', ') : 'nothing';
}

function checkContract(
  contract: z.infer<typeof contractSchema>,
  context: MutationContext,
): MutationOutcome | null {
  const template = findPlanTemplate(contract.planId, context.templates);
  if (!template) {
    return rejected(
      reject('not-found', `"${contract.planId}" is not a known plan template.`, { field: 'contract.planId' })
        .rejection,
    );
  }
  if (contract.termMonths < template.minimumTermMonths) {
    return rejected(
      reject(
        'invalid-input',
        `${template.name} is reserved capacity of at least ${template.minimumTermMonths} months; this term is ${contract.termMonths}.`,
        {
          field: 'contract.termMonths',
          numbers: { minimumTermMonths: template.minimumTermMonths, termMonths: contract.termMonths },
        },
      ).rejection,
    );
  }
  const srtAddOn = contract.addOns.find((addOn) => addOn.kind === 'ddosProtection');
  if (srtAddOn && template.securityResponseTeam === 'no') {
    return rejected(
      reject(
        'not-in-plan',
        `${template.name} has no Security Response Team; the DDoS-protection add-on does not apply.`,
        {
          field: 'contract.addOns',
        },
      ).rejection,
    );
  }
  return null;
}

export const createContract = defineMutation({
  name: 'createContract',
  version: 1,
  args: z.object({ contract: contractSchema }),
  scope: (args) => ({ customerId: args.contract.customerId }),
  reads: ['contracts'],
  apply(book, args, context) {
    const found = requireBook(book, args.contract.customerId);
    if (!found.ok) return found;
    if (found.value.contract) {
      return rejected(
        reject('already-exists', `${found.value.customer.name} already has a contract; change it instead.`, {
          field: 'contract.customerId',
        }).rejection,
      );
    }
    const problem = checkContract(args.contract, context);
    if (problem) return problem;
    return applied(
      `Contract on ${args.contract.planId} from ${args.contract.startDate}`,
      put('contracts', args.contract),
    );
  },
});

export const updateContract = defineMutation({
  name: 'updateContract',
  version: 1,
  args: z.object({
    customerId: z.string().min(1),
    patch: contractPatch,
  }),
  scope: (args) => ({ customerId: args.customerId }),
  reads: ['contracts'],
  apply(book, args, context) {
    const found = requireBook(book, args.customerId);
    if (!found.ok) return found;
    const current = found.value.contract;
    if (!current)
      return rejected(
        reject('not-found', 'This customer has no contract yet.', { field: 'customerId' }).rejection,
      );
    const merged = mergeEdit(current, args.patch, stampOf(context));
    const contract = contractSchema.parse(merged.record);
    const problem = checkContract(contract, context);
    if (problem) return problem;
    return applied(
      `Changed contract: ${fieldList(merged.changed)}${lostFieldsNote(merged.lost)}`,
      put('contracts', contract),
    );
  },
});

export const createContact = defineMutation({
  name: 'createContact',
  version: 1,
  args: z.object({ contact: contactSchema }),
  scope: (args) => ({ customerId: args.contact.customerId }),
  reads: ['contacts'],
  apply(book, args) {
    const found = requireBook(book, args.contact.customerId);
    if (!found.ok) return found;
    const fresh = requireNew(found.value.contacts, args.contact.id, 'Contact');
    if (!fresh.ok) return fresh;
    return applied(`Added contact ${args.contact.name}`, put('contacts', args.contact));
  },
});

export const updateContact = defineMutation({
  name: 'updateContact',
  version: 1,
  args: z.object({
    customerId: z.string().min(1),
    id: z.string().min(1),
    patch: contactPatch,
  }),
  scope: (args) => ({ customerId: args.customerId }),
  reads: ['contacts'],
  apply(book, args, context) {
    const found = requireBook(book, args.customerId);
    if (!found.ok) return found;
    const existing = requireRecord(found.value.contacts, args.id, 'Contact');
    if (!existing.ok) return existing;
    const merged = mergeEdit(existing.value, args.patch, stampOf(context));
    const contact = contactSchema.parse(merged.record);
    return applied(
      `Changed contact ${contact.name}: ${fieldList(merged.changed)}${lostFieldsNote(merged.lost)}`,
      put('contacts', contact),
    );
  },
});

export const createProject = defineMutation({
  name: 'createProject',
  version: 1,
  args: z.object({ project: projectSchema }),
  scope: (args) => ({ customerId: args.project.customerId }),
  reads: ['projects'],
  apply(book, args) {
    const found = requireBook(book, args.project.customerId);
    if (!found.ok) return found;
    const fresh = requireNew(found.value.projects, args.project.id, 'Project');
    if (!fresh.ok) return fresh;
    return applied(`Added project ${args.project.name}`, put('projects', args.project));
  },
});

export const updateProject = defineMutation({
  name: 'updateProject',
  version: 1,
  args: z.object({
    customerId: z.string().min(1),
    id: z.string().min(1),
    patch: projectPatch,
  }),
  scope: (args) => ({ customerId: args.customerId }),
  reads: ['projects'],
  apply(book, args, context) {
    const found = requireBook(book, args.customerId);
    if (!found.ok) return found;
    const existing = requireRecord(found.value.projects, args.id, 'Project');
    if (!existing.ok) return existing;
    const merged = mergeEdit(existing.value, args.patch, stampOf(context));
    const project = projectSchema.parse(merged.record);
    return applied(
      `Changed project ${project.name}: ${fieldList(merged.changed)}${lostFieldsNote(merged.lost)}`,
      put('projects', project),
    );
  },
});

export const savePlanTemplate = defineMutation({
  name: 'savePlanTemplate',
  version: 1,
  args: z.object({ template: planTemplateSchema }),
  scope: () => ({ team: true }),
  apply(_book, args, context) {
    if (context.actor.role !== 'lead') {
      return rejected(
        reject('forbidden', 'Only a team lead edits plan templates.', {
          numbers: { role: context.actor.role },
        }).rejection,
      );
    }
    return applied(`Saved plan template ${args.template.name}`, put('planTemplates', args.template));
  },
});

export const customerMutations = [
  createCustomer,
  updateCustomer,
  createContract,
  updateContract,
  createContact,
  updateContact,
  createProject,
  updateProject,
  savePlanTemplate,
] as const;
