import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CustomerBook } from '../../src/core/records';
import { customerIndex, findCustomers } from '../../src/renderer/src/keyboard/customerSearch';

// The search reads only the customer's id and name.
const bookNamed = (name: string, id = name): CustomerBook =>
  ({ customer: { id, name } }) as unknown as CustomerBook;

const index = customerIndex(
  [
    'Alpine Foods AG',
    'Aurora Banking Inc',
    'Bahia Health GmbH',
    'Helvetia Retail AG',
    'Nimbus Payments AG',
    'Panthera Retail AG',
  ].map((name) => bookNamed(name)),
);

describe('finding a customer in the palette', () => {
  it('names that start with the query come first, then a word that starts with it, then any match', () => {
    const names = findCustomers(index, 'he', 10).shown.map((entry) => entry.name);
    expect(names).toEqual(['Helvetia Retail AG', 'Bahia Health GmbH', 'Panthera Retail AG']);
  });

  it('case does not matter, and the count says how many more there are beyond the limit', () => {
    const result = findCustomers(index, 'AG', 2);
    expect(result.shown.map((entry) => entry.name)).toEqual(['Alpine Foods AG', 'Helvetia Retail AG']);
    expect(result.total).toBe(4);
  });

  it('every customer shown contains the query, and none that contains it is missed', () => {
    const names = fc.array(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 40 });
    fc.assert(
      fc.property(names, fc.string({ maxLength: 3 }), (list, query) => {
        const books = customerIndex(list.map((name, position) => bookNamed(name, `c${position}`)));
        const result = findCustomers(books, query, 1000);
        const needle = query.trim().toLowerCase();
        const expected = books.filter((entry) => entry.lower.includes(needle)).length;
        expect(result.total).toBe(expected);
        expect(result.shown.every((entry) => entry.lower.includes(needle))).toBe(true);
      }),
    );
  });
});
