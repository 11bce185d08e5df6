import { describe, expect, it } from 'vitest';
import {
  applyToBook,
  applyToTemplates,
  bookFromRows,
  BookTableNotLoaded,
  customerIdOf,
  recordInBook,
} from '../../src/server/customerBook';
import { planTemplates } from '../../src/core/plans';
import { aContract, aCustomer } from '../support/fixtures';

const customer = aCustomer({ id: 'c1' });
const contact = {
  id: 'k1',
  customerId: 'c1',
  name: 'Ana',
  role: 'engineering' as const,
  email: 'ana@example.com',
  phones: [],
  primary: true,
};

describe('a customer’s book on the server', () => {
  it('is put together from the customer’s rows, and is null without the customer record', () => {
    const book = bookFromRows([
      { table_name: 'customers', data: customer },
      { table_name: 'contracts', data: aContract({ customerId: 'c1' }) },
      { table_name: 'contacts', data: contact },
    ]);
    expect(book?.customer).toEqual(customer);
    expect(book?.contract?.planId).toBe('edge-mission-critical');
    expect(book?.contacts).toEqual([contact]);
    expect(bookFromRows([{ table_name: 'contacts', data: contact }])).toBeNull();
  });

  it('read with some tables only, the others throw BookTableNotLoaded instead of looking empty', () => {
    const book = bookFromRows(
      [
        { table_name: 'customers', data: customer },
        { table_name: 'contacts', data: contact },
      ],
      new Set(['contacts'] as const),
    );
    expect(book?.contacts).toEqual([contact]);
    expect(() => book?.projects).toThrow(BookTableNotLoaded);
    expect(() => book?.contract).toThrow(BookTableNotLoaded);
    expect(() => ({ ...book })).toThrow(BookTableNotLoaded);
    expect(() => recordInBook(book, 'tickets', 't1')).toThrow(BookTableNotLoaded);
    expect(() => applyToBook(book, { put: [], delete: [{ table: 'projects', id: 'p1' }] })).toThrow(
      BookTableNotLoaded,
    );
    // Its own tables change in place, the customer record too.
    const renamed = applyToBook(book, {
      put: [{ table: 'customers', record: { ...customer, name: 'Renamed AG' } }],
      delete: [],
    });
    expect(renamed).toBe(book);
    expect(renamed?.customer.name).toBe('Renamed AG');
  });

  it('keeps the later contract should two ever exist', () => {
    const book = bookFromRows([
      { table_name: 'contracts', data: aContract({ id: 'old', startDate: '2025-01-01' }) },
      { table_name: 'customers', data: customer },
      { table_name: 'contracts', data: aContract({ id: 'new', startDate: '2026-01-01' }) },
    ]);
    expect(book?.contract?.id).toBe('new');
  });

  it('sees a mutation’s changes before the next mutation of the same push runs', () => {
    const book = bookFromRows([{ table_name: 'customers', data: customer }]);
    const withContact = applyToBook(book, { put: [{ table: 'contacts', record: contact }], delete: [] });
    expect(recordInBook(withContact, 'contacts', 'k1')).toEqual(contact);
    const renamed = applyToBook(withContact, {
      put: [{ table: 'contacts', record: { ...contact, name: 'Ana B.' } }],
      delete: [],
    });
    expect(renamed?.contacts).toEqual([{ ...contact, name: 'Ana B.' }]);
    const without = applyToBook(renamed, { put: [], delete: [{ table: 'contacts', id: 'k1' }] });
    expect(without?.contacts).toEqual([]);
    expect(applyToBook(without, { put: [], delete: [{ table: 'customers', id: 'c1' }] })).toBeNull();
  });

  it('a created customer starts an empty book', () => {
    const book = applyToBook(null, { put: [{ table: 'customers', record: customer }], delete: [] });
    expect(book?.customer).toEqual(customer);
    expect(book?.contract).toBeNull();
  });

  it('knows which customer each record belongs to; templates belong to the team', () => {
    expect(customerIdOf('customers', customer)).toBe('c1');
    expect(customerIdOf('contacts', contact)).toBe('c1');
    expect(customerIdOf('planTemplates', planTemplates[0] ?? {})).toBeNull();
  });

  it('a saved template replaces the team’s earlier version of it', () => {
    const template = planTemplates[0];
    if (!template) throw new Error('no shipped template');
    const saved = applyToTemplates([template], {
      put: [{ table: 'planTemplates', record: { ...template, name: 'Renamed' } }],
      delete: [],
    });
    expect(saved.map((each) => each.name)).toEqual(['Renamed']);
  });
});
