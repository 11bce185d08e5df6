// The team's books in memory follow Dexie: a change reloads only the customer it touched, and the
// other books keep their identity so their memoized status is reused.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MutationRequest } from '../../src/core/mutations';
import { startWithDemoBook } from '../../src/renderer/src/db/firstStart';
import { applyLocalMutation, applyLocalMutations } from '../../src/renderer/src/db/localMutations';
import { resetConsoleDatabase } from '../../src/renderer/src/db/schema';
import { saveSettings } from '../../src/renderer/src/db/settings';
import {
  currentTeamBooks,
  forgetTeamBooks,
  subscribeTeamBooks,
  type TeamBooks,
} from '../../src/renderer/src/db/teamBooks';

const now = '2026-04-01T08:00:00.000Z';

function newCustomer(id: string, name: string): MutationRequest[] {
  return [
    {
      name: 'createCustomer',
      version: 1,
      args: {
        customer: {
          id,
          name,
          country: 'CH',
          region: 'SG',
          timeZone: 'Europe/Zurich',
          tamUserId: 'tam-01',
          channels: [],
        },
      },
    },
    {
      name: 'createContract',
      version: 1,
      args: {
        contract: {
          id: `${id}-contract`,
          customerId: id,
          planId: 'edge-mission-critical',
          startDate: '2026-01-01',
          termMonths: 12,
        },
      },
    },
  ];
}

/** Resolves with the books once `ready` holds for them. */
function booksWhen(ready: (books: TeamBooks) => boolean): Promise<TeamBooks> {
  return new Promise((resolve) => {
    const check = () => {
      const books = currentTeamBooks();
      if (books && ready(books)) {
        unsubscribe();
        resolve(books);
      }
    };
    const unsubscribe = subscribeTeamBooks(check);
    check();
  });
}

let keepAlive: (() => void) | null = null;

beforeEach(async () => {
  forgetTeamBooks();
  await resetConsoleDatabase();
  await saveSettings({ userId: 'tam-01', userName: 'Ana Lima', role: 'tam', timeZone: 'Europe/Zurich' });
  await applyLocalMutations([...newCustomer('c-a', 'Alpine AG'), ...newCustomer('c-b', 'Bahia Ltda')], now);
  // One subscriber for the whole test keeps the live query running between the reads below.
  keepAlive = subscribeTeamBooks(() => undefined);
});

afterEach(() => {
  keepAlive?.();
  keepAlive = null;
});

describe("the team's books in memory", () => {
  it('hold every customer with its records, by name', async () => {
    const team = await booksWhen((books) => books.books.length === 2);
    expect(team.books.map((book) => book.customer.name)).toEqual(['Alpine AG', 'Bahia Ltda']);
    expect(team.byId.get('c-b')?.contract?.planId).toBe('edge-mission-critical');
  });

  it("after a booking only that customer's book is new; the other keeps its identity", async () => {
    const before = await booksWhen((books) => books.books.length === 2);
    const booked = await applyLocalMutation(
      {
        name: 'requestGoLive',
        version: 1,
        args: {
          id: 'gl-1',
          customerId: 'c-b',
          title: 'Launch',
          date: '2026-04-10',
          time: '10:00',
          durationMinutes: 120,
        },
      },
      now,
    );
    expect(booked.ok).toBe(true);
    const after = await booksWhen((books) => (books.byId.get('c-b')?.goLiveBookings.length ?? 0) === 1);
    expect(after.byId.get('c-a')).toBe(before.byId.get('c-a'));
    expect(after.byId.get('c-b')).not.toBe(before.byId.get('c-b'));
  });

  it('a new customer appears in name order', async () => {
    await booksWhen((books) => books.books.length === 2);
    await applyLocalMutations(newCustomer('c-c', 'Aurora GmbH'), now);
    const after = await booksWhen((books) => books.books.length === 3);
    expect(after.books.map((book) => book.customer.name)).toEqual(['Alpine AG', 'Aurora GmbH', 'Bahia Ltda']);
  });

  it('after loading the demo book, a booking made on one of its customers shows in the books', async () => {
    forgetTeamBooks();
    keepAlive?.();
    await resetConsoleDatabase();
    const settings = {
      userId: 'tam-01',
      userName: 'Ana Lima',
      role: 'tam',
      timeZone: 'Europe/Zurich',
      syncServerUrl: null,
    } as const;
    const loaded = await startWithDemoBook(settings, { customers: 12, today: '2026-04-01', now });
    keepAlive = subscribeTeamBooks(() => undefined);
    const before = await booksWhen((books) => books.books.length === loaded);
    const customer = before.books.find((book) => book.contract !== null)?.customer;
    expect(customer).toBeDefined();
    const booked = await applyLocalMutation(
      {
        name: 'requestGoLive',
        version: 1,
        args: {
          id: 'gl-demo',
          customerId: customer?.id ?? '',
          title: 'Demo launch',
          date: '2026-04-10',
          time: '10:00',
          durationMinutes: 60,
          acceptBillable: true,
        },
      },
      now,
    );
    expect(booked.ok ? 'booked' : booked.rejection.message).toBe('booked');
    const after = await booksWhen((books) =>
      (books.byId.get(customer?.id ?? '')?.goLiveBookings ?? []).some((booking) => booking.id === 'gl-demo'),
    );
    expect(after.books.length).toBe(loaded);
  });
});
