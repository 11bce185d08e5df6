import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../support/fastCheck';
import { planImport, recordColumns, recordsCsvTable } from '../../src/core/csvImport';
import { runMutation, type MutationRequest } from '../../src/core/mutations';
import {
  channelKinds,
  contactRoles,
  type Contact,
  type Contract,
  type CustomerBook,
} from '../../src/core/records';
import { csvText, parseCsv } from '../../src/renderer/src/exports/csvText';
import { applyToBook } from '../../src/server/customerBook';
import { aBook, aContext } from '../support/fixtures';

const now = '2026-06-01T08:00:00.000Z';
const context = aContext(now);

function plan(text: string, books: readonly CustomerBook[] = []) {
  const parsed = parseCsv(text);
  return planImport(parsed.columns, parsed.rows, books, context);
}

/** Applies the planned requests one after the other with the core mutations, as the console does. */
function applied(requests: readonly MutationRequest[], start: readonly CustomerBook[] = []): CustomerBook[] {
  const books = new Map(start.map((book) => [book.customer.id, structuredClone(book)]));
  for (const request of requests) {
    const args = request.args as {
      customer?: { id: string };
      contract?: Contract;
      contact?: Contact;
      customerId?: string;
      id?: string;
    };
    const customerId =
      args.customer?.id ??
      args.contract?.customerId ??
      args.contact?.customerId ??
      args.customerId ??
      args.id ??
      '';
    const book = books.get(customerId) ?? null;
    const outcome = runMutation(request, () => book, context);
    if (!outcome.ok) throw new Error(outcome.rejection.message);
    const next = applyToBook(book, outcome.changes);
    if (next) books.set(customerId, next);
  }
  return [...books.values()];
}

const header = recordColumns.join(',');
function line(cells: Partial<Record<(typeof recordColumns)[number], string>>): string {
  return recordColumns.map((column) => cells[column] ?? '').join(',');
}

const goodFile = [
  header,
  line({
    record: 'contact',
    customer_id: 'c-1',
    contact_id: 'k-1',
    name: 'Anna Keller',
    role: 'engineering',
    email: 'anna@helvetia.example',
    phones: '+41712345678',
    primary: 'yes',
  }),
  line({
    record: 'customer',
    customer_id: 'c-1',
    name: 'Helvetia Payments AG',
    country: 'CH',
    region: 'SG',
    time_zone: 'Europe/Zurich',
    tam_user_id: 'tam-1',
    channels: 'ticket;email',
  }),
  line({
    record: 'contract',
    customer_id: 'c-1',
    contract_id: 'k-c1',
    plan_id: 'edge-mission-critical',
    start_date: '2026-01-01',
    term_months: '36',
  }),
].join('\r\n');

describe('CSV import of customers, contracts and contacts', () => {
  it('a good file plans a create for each row, customers first, and applies to those records', () => {
    const result = plan(goodFile);
    expect(result.errors).toEqual([]);
    expect(result.actions.map((action) => [action.row, action.record, action.action])).toEqual([
      [2, 'contact', 'create'],
      [3, 'customer', 'create'],
      [4, 'contract', 'create'],
    ]);
    expect(result.requests.map((request) => request.name)).toEqual([
      'createCustomer',
      'createContract',
      'createContact',
    ]);
    const [book] = applied(result.requests);
    expect(book?.customer).toMatchObject({
      name: 'Helvetia Payments AG',
      region: 'SG',
      channels: ['ticket', 'email'],
    });
    expect(book?.contract).toMatchObject({ planId: 'edge-mission-critical', termMonths: 36 });
    expect(book?.contacts).toEqual([
      {
        id: 'k-1',
        customerId: 'c-1',
        name: 'Anna Keller',
        role: 'engineering',
        email: 'anna@helvetia.example',
        phones: ['+41712345678'],
        primary: true,
      },
    ]);
  });

  it('one bad row names its row, column and reason, and nothing is planned to be written', () => {
    const text = [
      goodFile,
      line({
        record: 'contact',
        customer_id: 'c-1',
        contact_id: 'k-2',
        name: 'Luca Frei',
        role: 'engineering',
        email: 'luca at helvetia',
        phones: '',
      }),
    ].join('\r\n');
    const result = plan(text);
    expect(result.errors).toEqual([{ row: 5, column: 'email', message: 'must be an email address' }]);
    expect(result.requests).toEqual([]);
  });

  it('a rule of the mutations is refused in the preview: a Mission Critical term of 6 months', () => {
    const text = goodFile.replace(',36,', ',6,');
    const result = plan(text);
    expect(result.errors).toEqual([
      {
        row: 4,
        column: 'term_months',
        message: 'Edge Mission Critical is reserved capacity of at least 12 months; this term is 6.',
      },
    ]);
    expect(result.requests).toEqual([]);
  });

  it('rows that cannot be read say why: unknown record kind, a phone without country code, a contact of nobody, bad JSON', () => {
    const text = [
      header,
      line({ record: 'supplier', customer_id: 'x' }),
      line({
        record: 'contact',
        customer_id: 'c-9',
        contact_id: 'k-9',
        name: 'Nobody',
        role: 'billing',
        email: 'n@example.com',
      }),
      line({
        record: 'contact',
        customer_id: 'c-9',
        contact_id: 'k-8',
        name: 'Local',
        role: 'billing',
        email: 'l@example.com',
        phones: '0712345678',
      }),
      line({
        record: 'contract',
        customer_id: 'c-9',
        contract_id: 'k',
        plan_id: 'edge-enterprise',
        start_date: '2026-02-30',
        term_months: '12',
        add_ons: '"[oops',
      }),
    ].join('\r\n');
    const result = plan(text);
    expect(result.errors).toEqual([
      { row: 2, column: 'record', message: 'must be customer, contract or contact, not "supplier"' },
      { row: 3, column: 'customer_id', message: 'customer c-9 is neither in the console nor in this file' },
      {
        row: 4,
        column: 'phones',
        message: '0: must be an E.164 number with country and area code, e.g. +41712345678',
      },
      { row: 5, column: 'add_ons', message: 'is not valid JSON' },
    ]);
  });

  it('a quote that never closes and a row with more cells than the header are reported by row', () => {
    const extra = `${line({ record: 'customer', customer_id: 'c-2', name: 'Alpen AG' })},surplus`;
    const unclosed = line({ record: 'customer', customer_id: 'c-1', name: '"Alpen AG' });
    const parsed = parseCsv([header, extra, unclosed].join('\r\n'));
    expect(parsed.problems).toEqual([
      { row: 3, message: 'Quoted field unterminated' },
      {
        row: 2,
        message: `Too many fields: expected ${recordColumns.length} fields but parsed ${recordColumns.length + 1}`,
      },
    ]);
  });

  it('a row without its trailing empty cells reads them as empty', () => {
    const short = 'customer,c-1,Alpen AG,CH,,Europe/Zurich';
    const result = plan([header, short].join('\r\n'));
    expect(result.errors).toEqual([]);
    expect(result.actions.map((action) => [action.row, action.action, action.label])).toEqual([
      [2, 'create', 'Alpen AG'],
    ]);
  });

  it('an existing customer is updated with only what changed; an identical row changes nothing', () => {
    const existing = aBook(
      { id: 'c-1', name: 'Helvetia Payments', tamUserId: 'tam-1', channels: ['ticket', 'email'] },
      { id: 'k-c1', customerId: 'c-1' },
    );
    const result = plan(goodFile, [existing]);
    expect(result.errors).toEqual([]);
    expect(result.actions.map((action) => [action.record, action.action, action.changes])).toEqual([
      ['contact', 'create', []],
      ['customer', 'update', ['name']],
      ['contract', 'unchanged', []],
    ]);
    expect(result.requests[0]).toEqual({
      name: 'updateCustomer',
      version: 1,
      args: { id: 'c-1', patch: { name: 'Helvetia Payments AG' } },
    });
  });

  it('a second contract for a customer that has one is refused with the mutation s words', () => {
    const existing = aBook({ id: 'c-1' }, { id: 'other-contract', customerId: 'c-1' });
    const result = plan(goodFile, [existing]);
    expect(result.errors).toEqual([
      {
        row: 4,
        column: 'customer_id',
        message: 'Helvetia Payments AG already has a contract; change it instead.',
      },
    ]);
  });
});

describe('CSV export and import round trip (property)', () => {
  const id = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,11}$/);
  const text = fc.string({
    minLength: 1,
    maxLength: 40,
    unit: fc.constantFrom('a', 'Z', ' ', ',', '"', ';', '\n', 'ü', '1'),
  });
  const name = text.map((value) => value.trim()).filter((value) => value.length > 0);
  const bookArbitrary = (customerId: string) =>
    fc
      .record({
        name,
        country: fc.constantFrom('CH', 'DE', 'US', 'BR'),
        region: fc.constantFrom(null, 'SG', 'ZH'),
        timeZone: fc.constantFrom('Europe/Zurich', 'America/New_York', 'America/Sao_Paulo'),
        tamUserId: fc.constantFrom(null, 'tam-1', 'tam-2'),
        channels: fc.subarray([...channelKinds]),
        notes: fc.oneof(fc.constant(''), text),
        archived: fc.boolean(),
        contract: fc.option(
          fc.record({
            planId: fc.constantFrom('edge-enterprise', 'edge-mission-critical', 'identity-custom'),
            startDate: fc
              .date({ min: new Date('2024-01-01'), max: new Date('2027-12-31'), noInvalidDate: true })
              .map((date) => date.toISOString().slice(0, 10)),
            termMonths: fc.integer({ min: 12, max: 60 }),
            addOns: fc.array(
              fc.record({
                kind: fc.constantFrom('goLiveEvents', 'trainingDays', 'tamHoursPerWeek', 'slackChannel'),
                quantity: fc.integer({ min: 0, max: 20 }),
                contractYear: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
              }),
              { maxLength: 3 },
            ),
            included: fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }),
          }),
          { nil: null },
        ),
        contacts: fc.uniqueArray(
          fc.record({
            id,
            name,
            role: fc.constantFrom(...contactRoles),
            local: fc.stringMatching(/^[a-z]{1,8}$/),
            phones: fc.array(fc.stringMatching(/^\+[1-9]\d{7,14}$/), { maxLength: 2 }),
            primary: fc.boolean(),
          }),
          { selector: (contact) => contact.id, maxLength: 3 },
        ),
      })
      .map((drawn): CustomerBook => {
        const base = aBook(
          {
            id: customerId,
            name: drawn.name,
            country: drawn.country,
            region: drawn.region,
            timeZone: drawn.timeZone,
            tamUserId: drawn.tamUserId,
            channels: drawn.channels,
            notes: drawn.notes,
            archived: drawn.archived,
          },
          null,
        );
        const contract: Contract | null = drawn.contract
          ? {
              id: `${customerId}-contract`,
              customerId,
              planId: drawn.contract.planId,
              startDate: drawn.contract.startDate,
              termMonths: drawn.contract.termMonths,
              overrides:
                drawn.contract.included === null
                  ? {}
                  : { included: { goLiveEvents: drawn.contract.included } },
              addOns: drawn.contract.addOns.map((addOn, index) => ({
                id: `${customerId}-a${index}`,
                ...addOn,
              })),
            }
          : null;
        const contacts: Contact[] = drawn.contacts.map((contact) => ({
          // Contact ids are unique across the team, not just within one customer.
          id: `${customerId}-${contact.id}`,
          customerId,
          name: contact.name,
          role: contact.role,
          email: `${contact.local}@example.com`,
          phones: contact.phones,
          primary: contact.primary,
        }));
        return { ...base, contract, contacts };
      });

  it('export, then import into an empty console, gives the same customers, contracts and contacts', () => {
    fc.assert(
      fc.property(
        fc
          .uniqueArray(id, { minLength: 1, maxLength: 4 })
          .chain((ids) => fc.tuple(...ids.map((customerId) => bookArbitrary(customerId)))),
        (books) => {
          const file = csvText(recordsCsvTable(books));
          const result = plan(file);
          expect(result.errors).toEqual([]);
          const imported = applied(result.requests);
          const records = (list: readonly CustomerBook[]) =>
            list
              .map((book) => ({ customer: book.customer, contract: book.contract, contacts: book.contacts }))
              .sort((a, b) => (a.customer.id < b.customer.id ? -1 : 1));
          expect(records(imported)).toEqual(records(books));
          // Importing the same file again changes nothing.
          const again = plan(file, imported);
          expect(again.errors).toEqual([]);
          expect(again.requests).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });
});
