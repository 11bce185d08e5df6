// Needs attention on a real Dexie (fake-indexeddb): a change the team server refused stays until
// the TAM acts on it, and each action goes through the one write path and resolves the entry once.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MutationRequest } from '../../src/core/mutations';
import type { Rejection } from '../../src/core/rejection';
import {
  askLeadForException,
  bookAsBillable,
  decideExceptionRequest,
  discardRefusedChange,
  markRebooked,
} from '../../src/renderer/src/attention/attentionActions';
import { canBookAsBillable, ruleHeadline } from '../../src/renderer/src/attention/ruleInWords';
import { translatorFor } from '../../src/renderer/src/i18n/resources';
import { groupByDay } from '../../src/renderer/src/activity/activityDays';
import {
  countOpenExceptionRequests,
  countRejectedEntries,
  readActivity,
  readExceptionRequests,
  readRejectedEntries,
} from '../../src/renderer/src/db/attention';
import { readCustomerBook } from '../../src/renderer/src/db/books';
import { applyLocalMutation, applyLocalMutations } from '../../src/renderer/src/db/localMutations';
import { db, resetConsoleDatabase, type OutboxEntry } from '../../src/renderer/src/db/schema';
import { saveSettings } from '../../src/renderer/src/db/settings';

const now = '2026-04-01T08:00:00.000Z';

const setup: MutationRequest[] = [
  {
    name: 'createCustomer',
    version: 1,
    args: {
      customer: {
        id: 'cust-1',
        name: 'Bahia Payments Ltda',
        country: 'BR',
        region: 'SP',
        timeZone: 'America/Sao_Paulo',
        tamUserId: 'tam-01',
        channels: ['ticket'],
      },
    },
  },
  {
    name: 'createContract',
    version: 1,
    args: {
      contract: {
        id: 'contract-1',
        customerId: 'cust-1',
        planId: 'edge-mission-critical',
        startDate: '2025-04-01',
        termMonths: 36,
      },
    },
  },
];

const lastUnitTaken: Rejection = {
  code: 'allowance-exhausted',
  message:
    'No Go Live events left in contract year 2 (5 included + 0 bought, 5 used, 0 reserved); book it as billable or pick another year.',
  field: 'acceptBillable',
  numbers: { contractYear: 2, included: 5, addOn: 0, used: 5, reserved: 0, remaining: 0 },
};

const bookLaunch: MutationRequest = {
  name: 'requestGoLive',
  version: 1,
  args: {
    id: 'golive-aa11',
    customerId: 'cust-1',
    title: 'Black Friday',
    date: '2026-04-10',
    time: '10:00',
    durationMinutes: 240,
  },
};

/** What the sync client does with a server rejection: mark the entry and take back its local effect. */
async function refuseOnServer(
  mutationId: number,
  rejection: Rejection,
  bookingId: string,
): Promise<OutboxEntry> {
  const entry = await db.outbox.where('mutationId').equals(mutationId).first();
  if (!entry?.seq) throw new Error('no such outbox entry');
  await db.outbox.update(entry.seq, { status: 'rejected', rejection });
  await db.goLiveBookings.delete(bookingId);
  return { ...entry, status: 'rejected', rejection };
}

async function refusedLaunch(): Promise<OutboxEntry> {
  await applyLocalMutations(setup, now);
  const booked = await applyLocalMutation(bookLaunch, now);
  if (!booked.ok) throw new Error(booked.rejection.message);
  return refuseOnServer(booked.mutationIds[0] ?? 0, lastUnitTaken, 'golive-aa11');
}

async function outboxEntry(mutationId: number): Promise<OutboxEntry | undefined> {
  return db.outbox.where('mutationId').equals(mutationId).first();
}

beforeEach(async () => {
  await resetConsoleDatabase();
  await saveSettings({ userId: 'tam-01', userName: 'Ana Lima', role: 'tam', timeZone: 'Europe/Zurich' });
});

const english = translatorFor('en');

describe('the rule in words', () => {
  it('an exhausted Go Live allowance reads with its numbers', () => {
    expect(ruleHeadline(english, 'requestGoLive', lastUnitTaken)).toBe(
      'Go Live allowance: 5 of 5 used in contract year 2',
    );
  });

  it('reserved units are named, and add-ons count as available', () => {
    const numbers = { contractYear: 1, included: 5, addOn: 2, used: 4, reserved: 3, remaining: 0 };
    expect(ruleHeadline(english, 'requestGoLive', { ...lastUnitTaken, numbers })).toBe(
      'Go Live allowance: 4 of 7 used, 3 reserved in contract year 1',
    );
  });

  it('short notice reads as the notice given against the 72 h needed', () => {
    const notice = {
      code: 'go-live-notice',
      message: '…',
      numbers: { requiredHours: 72, noticeMinutes: 41 * 60 + 5 },
    };
    expect(ruleHeadline(english, 'requestGoLive', notice)).toBe(
      'Go Live notice: 41 h 5 min given, 72 h needed',
    );
  });

  it('billable is offered only when the rule was the allowance', () => {
    expect(canBookAsBillable('requestGoLive', lastUnitTaken)).toBe(true);
    expect(canBookAsBillable('requestGoLive', { code: 'go-live-notice', message: '' })).toBe(false);
    expect(canBookAsBillable('createContact', lastUnitTaken)).toBe(false);
  });
});

describe('Needs attention', () => {
  it('a refused change is listed with its rule until the TAM acts; applied and pending ones are not', async () => {
    const entry = await refusedLaunch();
    const listed = await readRejectedEntries();
    expect(listed.map((e) => [e.mutationId, e.rejection?.code])).toEqual([
      [entry.mutationId, 'allowance-exhausted'],
    ]);
    expect(await countRejectedEntries()).toBe(1);
  });

  it('book as billable re-issues the same Go Live with acceptBillable under a new id, and resolves the entry', async () => {
    const entry = await refusedLaunch();
    const outcome = await bookAsBillable(entry, now);
    expect(outcome.ok).toBe(true);
    const queued = await db.outbox.orderBy('seq').last();
    const args = queued?.args as Record<string, unknown>;
    expect(queued).toMatchObject({
      name: 'requestGoLive',
      status: 'pending',
      mutationId: entry.mutationId + 1,
    });
    expect(args).toMatchObject({
      title: 'Black Friday',
      date: '2026-04-10',
      time: '10:00',
      acceptBillable: true,
    });
    expect(args['id']).toMatch(/^golive-[0-9a-f]{16}$/);
    expect(args['id']).not.toBe('golive-aa11');
    expect(await outboxEntry(entry.mutationId)).toMatchObject({ status: 'resolved', resolution: 'billable' });
    expect(await readRejectedEntries()).toEqual([]);
    expect((await readCustomerBook('cust-1'))?.goLiveBookings).toHaveLength(1);
  });

  it('a refusal of the re-issued change leaves the entry in the inbox', async () => {
    const entry = await refusedLaunch();
    await saveSettings({ userId: 'tam-01', userName: 'Ana Lima', role: 'tam', timeZone: 'Europe/Zurich' });
    // 2026-04-10 10:00 in São Paulo is long past by then: the notice rule refuses it locally.
    const outcome = await bookAsBillable(entry, '2026-05-01T08:00:00.000Z');
    expect(outcome).toMatchObject({ ok: false, refusal: { code: 'go-live-notice' } });
    expect(await outboxEntry(entry.mutationId)).toMatchObject({ status: 'rejected' });
  });

  it('asking a lead writes an exception request the team syncs, and the lead grants it', async () => {
    const entry = await refusedLaunch();
    const asked = await askLeadForException(entry, 'Launch moved by the customer', now);
    expect(asked.ok).toBe(true);
    expect(await outboxEntry(entry.mutationId)).toMatchObject({
      status: 'resolved',
      resolution: 'exceptionAsked',
    });
    const queued = await db.outbox.orderBy('seq').last();
    expect(queued).toMatchObject({ name: 'askForException', status: 'pending', customerId: 'cust-1' });
    const [request] = await readExceptionRequests('tam-01', false, now);
    expect(request).toMatchObject({
      status: 'open',
      note: 'Launch moved by the customer',
      rule: { code: 'allowance-exhausted', numbers: { used: 5 } },
      mutation: { name: 'requestGoLive', args: { id: 'golive-aa11' } },
    });
    if (!request) throw new Error('no request');

    // A TAM cannot decide it; a lead (on the same console, for the test) can, once.
    expect(await decideExceptionRequest(request, 'grant', '', now)).toMatchObject({
      ok: false,
      refusal: { code: 'forbidden' },
    });
    await saveSettings({
      userId: 'lead-01',
      userName: 'Lea Keller',
      role: 'lead',
      timeZone: 'Europe/Zurich',
    });
    expect(await countOpenExceptionRequests()).toBe(1);
    expect(await readExceptionRequests('lead-01', true, now)).toHaveLength(1);
    expect((await decideExceptionRequest(request, 'grant', 'Once, goodwill', now)).ok).toBe(true);
    expect(await countOpenExceptionRequests()).toBe(0);
    const decided = await db.exceptionRequests.get(request.id);
    expect(decided).toMatchObject({
      status: 'granted',
      decidedBy: 'lead-01',
      decisionNote: 'Once, goodwill',
    });
  });

  it('discard resolves it once; a second action on the same entry is refused', async () => {
    const entry = await refusedLaunch();
    expect((await discardRefusedChange(entry)).ok).toBe(true);
    expect(await outboxEntry(entry.mutationId)).toMatchObject({
      status: 'resolved',
      resolution: 'discarded',
    });
    expect(await discardRefusedChange(entry)).toMatchObject({
      ok: false,
      refusal: { code: 'already-resolved' },
    });
    expect(await markRebooked(entry, 'x')).toMatchObject({ ok: false });
  });

  it('a pending change cannot be resolved: only refused ones are', async () => {
    await applyLocalMutations(setup, now);
    const pending = await outboxEntry(1);
    if (!pending) throw new Error('no entry');
    expect((await discardRefusedChange(pending)).ok).toBe(false);
    expect(await outboxEntry(1)).toMatchObject({ status: 'pending' });
  });
});

describe('Activity', () => {
  it('lists every change newest first, and only those not yet at the team when asked', async () => {
    const entry = await refusedLaunch();
    await discardRefusedChange(entry);
    const first = await outboxEntry(1);
    if (first?.seq) await db.outbox.update(first.seq, { status: 'applied' });
    const all = await readActivity(false);
    expect(all.map((e) => [e.mutationId, e.status])).toEqual([
      [3, 'resolved'],
      [2, 'pending'],
      [1, 'applied'],
    ]);
    expect((await readActivity(true)).map((e) => e.mutationId)).toEqual([2]);
  });

  it('groups changes by their day in my zone, not in UTC', () => {
    const entry = (mutationId: number, clientTime: string) => ({ mutationId, clientTime }) as OutboxEntry;
    // 23:30 UTC on 1 Apr is already 2 Apr in Zurich (UTC+2).
    const groups = groupByDay(
      [
        entry(3, '2026-04-01T23:30:00.000Z'),
        entry(2, '2026-04-01T21:00:00.000Z'),
        entry(1, '2026-03-31T08:00:00.000Z'),
      ],
      'Europe/Zurich',
    );
    expect(groups.map((group) => [group.day, group.entries.map((e) => e.mutationId)])).toEqual([
      ['2026-04-02', [3]],
      ['2026-04-01', [2]],
      ['2026-03-31', [1]],
    ]);
  });
});
