// A book with a mutation's changes: what a batch's next mutation and a form's preview see.
import { describe, expect, it } from 'vitest';
import { bookWithChanges } from '../../src/core/mutations/bookChanges';
import type { TamTimeEntry } from '../../src/core/records';
import { aBook, aContract, aCustomer } from '../support/fixtures';

const entry: TamTimeEntry = {
  id: 'time-1',
  customerId: 'cust-1',
  userId: 'tam-1',
  date: '2026-04-01',
  minutes: 60,
  activity: 'advice',
  note: '',
};

describe('a book with changes', () => {
  it('adds new records, replaces a record with the same id, and leaves the original book alone', () => {
    const book = aBook();
    const once = bookWithChanges(book, { put: [{ table: 'tamTimeEntries', record: entry }], delete: [] });
    const twice = bookWithChanges(once, {
      put: [{ table: 'tamTimeEntries', record: { ...entry, minutes: 90 } }],
      delete: [],
    });
    expect(book.tamTimeEntries).toEqual([]);
    expect(once?.tamTimeEntries).toEqual([entry]);
    expect(twice?.tamTimeEntries).toEqual([{ ...entry, minutes: 90 }]);
  });

  it('takes a changed customer and contract, and a new customer starts an empty book', () => {
    const book = aBook();
    const renamed = bookWithChanges(book, {
      put: [
        { table: 'customers', record: aCustomer({ name: 'Renamed AG' }) },
        { table: 'contracts', record: aContract({ termMonths: 12 }) },
      ],
      delete: [],
    });
    expect(renamed?.customer.name).toBe('Renamed AG');
    expect(renamed?.contract?.termMonths).toBe(12);
    expect(book.customer.name).toBe('Helvetia Payments AG');
    const fresh = bookWithChanges(null, { put: [{ table: 'customers', record: aCustomer() }], delete: [] });
    expect(fresh?.contract).toBeNull();
    expect(fresh?.tickets).toEqual([]);
  });

  it('removes deleted records, and a deleted customer leaves no book', () => {
    const book = { ...aBook(), tamTimeEntries: [entry] };
    expect(
      bookWithChanges(book, { put: [], delete: [{ table: 'tamTimeEntries', id: 'time-1' }] })?.tamTimeEntries,
    ).toEqual([]);
    expect(
      bookWithChanges(book, { put: [], delete: [{ table: 'contracts', id: 'contract-1' }] })?.contract,
    ).toBeNull();
    expect(bookWithChanges(book, { put: [], delete: [{ table: 'customers', id: 'cust-1' }] })).toBeNull();
  });
});
