// Small builders for tests: a customer, a contract and a mutation context.
import { planTemplates } from '../../src/core/plans';
import type { Contract, Customer, CustomerBook } from '../../src/core/records';
import { emptyBook } from '../../src/core/records';
import type { MutationContext, Role } from '../../src/core/mutations/mutation';
import type { Instant } from '../../src/core/time';

export function aCustomer(overrides: Partial<Customer> = {}): Customer {
  return {
    id: 'cust-1',
    name: 'Helvetia Payments AG',
    country: 'CH',
    region: 'SG',
    timeZone: 'Europe/Zurich',
    tamUserId: 'tam-1',
    channels: ['ticket', 'email'],
    notes: '',
    archived: false,
    ...overrides,
  };
}

export function aContract(overrides: Partial<Contract> = {}): Contract {
  return {
    id: 'contract-1',
    customerId: 'cust-1',
    planId: 'edge-mission-critical',
    startDate: '2026-01-01',
    termMonths: 36,
    overrides: {},
    addOns: [],
    ...overrides,
  };
}

export function aBook(
  customer: Partial<Customer> = {},
  contract: Partial<Contract> | null = {},
): CustomerBook {
  const book = emptyBook(aCustomer(customer));
  return {
    ...book,
    contract: contract === null ? null : aContract({ customerId: book.customer.id, ...contract }),
  };
}

export function aContext(now: Instant, role: Role = 'tam', clientTime: Instant = now): MutationContext {
  return { now, clientTime, actor: { userId: 'tam-1', role }, templates: planTemplates };
}
