import { describe, expect, it } from 'vitest';
import { findPlanTemplate } from '../../src/core/plans';
import { runMutation, parseMutation, mutationNames } from '../../src/core/mutations';
import type { CustomerBook } from '../../src/core/records';
import { aBook, aContext, aCustomer } from '../support/fixtures';

const now = '2026-11-21T09:00:00.000Z';

function run(
  name: string,
  args: unknown,
  book: CustomerBook | null,
  role: 'tam' | 'lead' | 'advisor' = 'tam',
) {
  return runMutation({ name, version: 1, args }, () => book, aContext(now, role));
}

describe('customer mutations', () => {
  it('creating a customer puts exactly that customer', () => {
    const outcome = run('createCustomer', { customer: aCustomer() }, null);
    expect(outcome.ok && outcome.changes.put).toEqual([{ table: 'customers', record: aCustomer() }]);
  });

  it('a customer id that exists already is refused', () => {
    const outcome = run('createCustomer', { customer: aCustomer() }, aBook());
    expect(!outcome.ok && outcome.rejection.code).toBe('already-exists');
  });

  it('an unknown time zone is refused and names the field', () => {
    const outcome = run('createCustomer', { customer: { ...aCustomer(), timeZone: 'Mars/Olympus' } }, null);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.rejection).toMatchObject({ code: 'invalid-input', field: 'customer.timeZone' });
      expect(outcome.rejection.message).toContain('IANA');
    }
  });

  it('a phone number without country code is refused', () => {
    const book = aBook();
    const outcome = run(
      'createContact',
      {
        contact: {
          id: 'c1',
          customerId: book.customer.id,
          name: 'Anna Keller',
          role: 'it-operations',
          email: 'anna@example.ch',
          phones: ['071 123 45 67'],
        },
      },
      book,
    );
    expect(!outcome.ok && outcome.rejection.field).toBe('contact.phones.0');
  });

  it('a contact with an E.164 number is added', () => {
    const book = aBook();
    const outcome = run(
      'createContact',
      {
        contact: {
          id: 'c1',
          customerId: book.customer.id,
          name: 'Anna Keller',
          role: 'it-operations',
          email: 'anna@example.ch',
          phones: ['+41711234567'],
        },
      },
      book,
    );
    expect(outcome.ok && outcome.changes.put[0]?.table).toBe('contacts');
  });

  it('a Mission Critical contract shorter than 12 months is refused with the minimum', () => {
    const book = aBook({}, null);
    const outcome = run(
      'createContract',
      {
        contract: {
          id: 'k1',
          customerId: book.customer.id,
          planId: 'edge-mission-critical',
          startDate: '2026-01-01',
          termMonths: 6,
        },
      },
      book,
    );
    expect(!outcome.ok && outcome.rejection).toMatchObject({
      code: 'invalid-input',
      field: 'contract.termMonths',
      numbers: { minimumTermMonths: 12, termMonths: 6 },
    });
  });

  it('a contract on an unknown plan is refused', () => {
    const book = aBook({}, null);
    const outcome = run(
      'createContract',
      {
        contract: {
          id: 'k1',
          customerId: book.customer.id,
          planId: 'gold',
          startDate: '2026-01-01',
          termMonths: 12,
        },
      },
      book,
    );
    expect(!outcome.ok && outcome.rejection).toMatchObject({ code: 'not-found', field: 'contract.planId' });
  });

  it('the DDoS-protection add-on is refused on a plan without a Security Response Team', () => {
    const book = aBook({}, { planId: 'edge-enterprise' });
    const outcome = run(
      'updateContract',
      {
        customerId: book.customer.id,
        patch: { addOns: [{ id: 'x', kind: 'ddosProtection', quantity: 1, contractYear: null }] },
      },
      book,
    );
    expect(!outcome.ok && outcome.rejection.code).toBe('not-in-plan');
  });

  it('changing the term keeps the add-ons and overrides the patch does not name', () => {
    const addOn = { id: 'addon-1', kind: 'goLiveEvents' as const, quantity: 2, contractYear: null };
    const book = aBook({}, { termMonths: 36, addOns: [addOn], overrides: { included: { trainingDays: 4 } } });
    const outcome = run('updateContract', { customerId: 'cust-1', patch: { termMonths: 24 } }, book);
    expect(outcome.ok && outcome.changes.put[0]?.record).toMatchObject({
      termMonths: 24,
      addOns: [addOn],
      overrides: { included: { trainingDays: 4 } },
    });
    expect(outcome.ok && outcome.summary).toBe('Changed contract: termMonths');
  });

  it('changing the region keeps the notes and leaves an archived customer archived', () => {
    const book = aBook({ notes: 'Prefers calls on Tuesdays', archived: true });
    const outcome = run('updateCustomer', { id: 'cust-1', patch: { region: 'ZH' } }, book);
    expect(outcome.ok && outcome.changes.put[0]?.record).toMatchObject({
      region: 'ZH',
      notes: 'Prefers calls on Tuesdays',
      archived: true,
    });
    expect(outcome.ok && outcome.summary).toBe('Updated Helvetia Payments AG: region');
  });

  it('a mutation on a customer that does not exist is refused, not applied', () => {
    const outcome = run('updateCustomer', { id: 'nobody', patch: { name: 'X' } }, null);
    expect(!outcome.ok && outcome.rejection.code).toBe('not-found');
  });

  it('only a lead edits plan templates', () => {
    const template = findPlanTemplate('edge-mission-critical');
    expect(run('savePlanTemplate', { template }, null, 'advisor')).toMatchObject({
      ok: false,
      rejection: { code: 'forbidden' },
    });
    expect(run('savePlanTemplate', { template }, null, 'lead').ok).toBe(true);
  });
});

describe('the mutation registry', () => {
  it('an unknown mutation name is its own error', () => {
    expect(parseMutation({ name: 'bookEverything', version: 1, args: {} })).toMatchObject({
      ok: false,
      rejection: { code: 'unknown-mutation', field: 'name' },
    });
  });

  it('an unknown version of a known mutation asks the client to update', () => {
    const parsed = parseMutation({ name: 'createCustomer', version: 99, args: {} });
    expect(!parsed.ok && parsed.rejection).toMatchObject({ code: 'unknown-mutation', field: 'version' });
  });

  it('names every mutation the console needs', () => {
    expect(mutationNames).toEqual(
      expect.arrayContaining([
        'createCustomer',
        'updateCustomer',
        'createContract',
        'createContact',
        'createProject',
        'savePlanTemplate',
      ]),
    );
  });
});
