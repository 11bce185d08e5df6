// The model of a team the fault suites compare the server with: the same core mutations, run in
// order in memory (src/core/mutations runMutation) on plain maps of records, at the server's clock.
// A workload generator makes each model console's operations from a seed.
import { runMutation } from '../../../src/core/mutations';
import type { Actor, Changes } from '../../../src/core/mutations/mutation';
import { planTemplates } from '../../../src/core/plans';
import { emptyBook, type CustomerBook, type TableName } from '../../../src/core/records';
import type { MutationResult } from '../../../src/core/syncProtocol';
import { aContract, aCustomer } from '../../support/fixtures';

export type Operation = { name: string; version: number; args: unknown; clientTime: string };

/** What the model expects of one mutation: applied, or rejected with this rule's code. */
export type Verdict = { status: 'applied' } | { status: 'rejected'; code: string };

type StoredRecord = { table: TableName; record: { id: string } & Record<string, unknown> };

/** Records keyed `table/id`, as a pull from 0 would show the live ones. */
export class ModelTeam {
  readonly records = new Map<string, StoredRecord>();

  /** Runs one mutation as the server would, at `now`, and returns its verdict. */
  apply(operation: Operation, actor: Actor, now: string): Verdict {
    const outcome = runMutation(
      operation,
      (scope) => ('customerId' in scope ? this.book(scope.customerId) : null),
      {
        now,
        clientTime: operation.clientTime,
        actor,
        templates: planTemplates,
      },
    );
    if (!outcome.ok) return { status: 'rejected', code: outcome.rejection.code };
    this.write(outcome.changes);
    return { status: 'applied' };
  }

  private write(changes: Changes): void {
    for (const { table, record } of changes.put) {
      this.records.set(`${table}/${record.id}`, { table, record: record as StoredRecord['record'] });
    }
    for (const { table, id } of changes.delete) this.records.delete(`${table}/${id}`);
  }

  /** A customer's book from the model's records; null when there is no such customer. */
  book(customerId: string): CustomerBook | null {
    const customer = this.records.get(`customers/${customerId}`);
    if (!customer) return null;
    const book = emptyBook(customer.record as unknown as CustomerBook['customer']);
    for (const { table, record } of this.records.values()) {
      if (table === 'customers' || table === 'planTemplates' || record.customerId !== customerId) continue;
      if (table === 'contracts') book.contract = record as unknown as NonNullable<CustomerBook['contract']>;
      else (book[table] as unknown[]).push(record);
    }
    return book;
  }

  /** `table/id` → record, sorted, for comparing with what the server serves. */
  snapshot(): Record<string, unknown> {
    return Object.fromEntries(
      [...this.records.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, value]) => [key, value.record]),
    );
  }
}

/** The verdict of a result the server returned. */
export function verdictOf(result: MutationResult): Verdict {
  return result.status === 'applied'
    ? { status: 'applied' }
    : { status: 'rejected', code: result.rejection.code };
}

/** A small seeded generator (mulberry32), so a failing run can be repeated from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export type Workload = {
  /** The next operation this console queues. */
  next(): Operation;
};

const goLiveDates = [
  '2026-03-10',
  '2026-03-17',
  '2026-04-14',
  '2026-05-12',
  '2026-06-09',
  '2026-09-15',
  '2026-11-10',
  '2027-02-09',
];

/**
 * A console's operations on its own customers (prefix), a realistic mix with rejections on
 * purpose: Go Live bookings beyond a small allowance, cancellations, reservations, contacts of a
 * customer that does not exist, a customer created twice. `clientTime` is the console's clock.
 */
export function consoleWorkload(prefix: string, random: () => number, clientTime: () => string): Workload {
  const customers: string[] = [];
  const contacts: { customerId: string; id: string }[] = [];
  const bookings: { customerId: string; id: string }[] = [];
  let serial = 0;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const operation = (name: string, args: unknown): Operation => ({
    name,
    version: 1,
    args,
    clientTime: clientTime(),
  });
  return {
    next() {
      serial += 1;
      const roll = random();
      if (customers.length === 0 || roll < 0.08) {
        const id = roll < 0.01 && customers.length > 0 ? pick(customers) : `${prefix}-c${serial}`;
        if (!customers.includes(id)) customers.push(id);
        return operation('createCustomer', { customer: aCustomer({ id, name: `Customer ${id}` }) });
      }
      const customerId = pick(customers);
      if (roll < 0.16) {
        return operation('createContract', {
          contract: aContract({
            id: `contract-${customerId}`,
            customerId,
            overrides: { included: { goLiveEvents: 2 } },
          }),
        });
      }
      if (roll < 0.3) {
        const id = `${prefix}-k${serial}`;
        // Now and then a contact of a customer nobody created: a rejection.
        const owner = roll < 0.18 ? `${prefix}-nobody` : customerId;
        contacts.push({ customerId: owner, id });
        return operation('createContact', {
          contact: {
            id,
            customerId: owner,
            name: `Contact ${id}`,
            role: 'engineering',
            email: `${id}@example.com`,
            phones: [],
            primary: false,
          },
        });
      }
      if (roll < 0.42 && contacts.length > 0) {
        const contact = pick(contacts);
        return operation('updateContact', {
          customerId: contact.customerId,
          id: contact.id,
          patch: { name: `Renamed ${serial}` },
        });
      }
      if (roll < 0.5) {
        return operation('updateCustomer', { id: customerId, patch: { notes: `Note ${serial}` } });
      }
      if (roll < 0.75) {
        const id = `${prefix}-gl${serial}`;
        bookings.push({ customerId, id });
        return operation('requestGoLive', {
          id,
          customerId,
          title: `Launch ${serial}`,
          date: pick(goLiveDates),
          time: '10:00',
          durationMinutes: 60,
          acceptBillable: random() < 0.3,
        });
      }
      if (roll < 0.85 && bookings.length > 0) {
        const booking = pick(bookings);
        return operation('cancelGoLive', { customerId: booking.customerId, id: booking.id, reason: 'moved' });
      }
      return operation('reserveAllowance', {
        id: `${prefix}-res${serial}`,
        customerId,
        quantity: 1,
        validForDays: 14,
      });
    },
  };
}
