import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { customerStatus } from '../../src/core/customerStatus';
import { planTemplates } from '../../src/core/plans';
import type { CustomerBook, GoLiveBooking, Ticket, TrainingDay } from '../../src/core/records';
import { statementColumns, statementCsvTable, usageStatement } from '../../src/core/usageStatement';
import { csvText } from '../../src/renderer/src/exports/csvText';
import { aBook } from '../support/fixtures';

const now = '2026-06-01T08:00:00.000Z';

function goLive(n: number): GoLiveBooking {
  const day = String(n + 1).padStart(2, '0');
  return {
    id: `gl-${n}`,
    customerId: 'cust-1',
    projectId: null,
    title: `Launch ${n}`,
    requestedAt: `2026-02-${day}T09:00:00.000Z`,
    startsAt: `2026-03-${day}T09:00:00.000Z`,
    endsAt: `2026-03-${day}T12:00:00.000Z`,
    timeZone: 'Europe/Zurich',
    status: 'booked',
    cancelledAt: null,
    billableAccepted: n >= 5,
    reservationId: null,
    bookedBy: 'tam-1',
    notes: '',
  };
}

function training(id: string, date: string, attendees: string[]): TrainingDay {
  return {
    id,
    customerId: 'cust-1',
    date,
    topic: `Training ${id}`,
    attendees,
    status: 'held',
    billableAccepted: false,
  };
}

/** Business-critical down answered 45 minutes after opening: 30 minutes late, two credit days. */
const lateTicket: Ticket = {
  id: 't-1',
  customerId: 'cust-1',
  projectId: null,
  title: 'Checkout down',
  openedAt: '2026-02-10T10:00:00.000Z',
  severityHistory: [
    { severity: 'business-critical-down', at: '2026-02-10T10:00:00.000Z', by: null, reason: '' },
  ],
  firstResponseAt: '2026-02-10T10:45:00.000Z',
  awaitingCustomerSince: null,
  escalations: [],
  status: 'resolved',
  resolvedAt: '2026-02-11T10:00:00.000Z',
  resolution: 'customer-confirmed',
  customerConfirmedAt: '2026-02-11T10:00:00.000Z',
};

function missionCriticalBook(): CustomerBook {
  const base = aBook(
    {},
    {
      addOns: [
        { id: 'a-1', kind: 'trainingDays', quantity: 1, contractYear: 1, note: 'PO 4711' },
        { id: 'a-2', kind: 'slackChannel', quantity: 1, contractYear: null },
        { id: 'a-3', kind: 'goLiveEvents', quantity: 2, contractYear: 2 },
      ],
    },
  );
  return {
    ...base,
    goLiveBookings: Array.from({ length: 6 }, (_, n) => goLive(n)),
    trainingDays: [
      training('td-1', '2026-04-01', ['Anna', 'Luca']),
      training('td-2', '2026-04-02', ['Anna']),
    ],
    tickets: [lateTicket],
  };
}

describe('usage statement of a contract year', () => {
  it('shows included, add-ons, each entry, what remains and the billable overage, with the ledger s figures', () => {
    const book = missionCriticalBook();
    const result = usageStatement(book, planTemplates, now);
    if (!result.ok) throw new Error(result.reason);
    const statement = result.statement;
    expect(statement.contractYear).toMatchObject({ index: 1, from: '2026-01-01', to: '2027-01-01' });
    const goLives = statement.lines.find((line) => line.kind === 'goLiveEvents');
    expect(goLives).toMatchObject({ included: 5, addOn: 0, available: 5, used: 6, remaining: 0, overage: 1 });
    const trainingLine = statement.lines.find((line) => line.kind === 'trainingDays');
    expect(trainingLine).toMatchObject({
      included: 2,
      addOn: 1,
      available: 3,
      used: 2,
      remaining: 1,
      overage: 0,
    });
    // The sixth Go Live, requested last, is the billable one.
    const billable = statement.entries.filter((entry) => entry.billable);
    expect(billable.map((entry) => entry.what)).toEqual(['Launch 5']);
    expect(statement.entries.find((entry) => entry.recordId === 'td-1')?.who).toBe('2 attendees');
    expect(statement.addOns.map((addOn) => [addOn.kind, addOn.appliesTo])).toEqual([
      ['trainingDays', 'this year'],
      ['slackChannel', 'every year'],
    ]);
    // The same figures as the console's ledger for this year.
    const ledgerYear = customerStatus(book, planTemplates, now).ledger.years[0];
    for (const line of statement.lines) {
      const ledgerLine = ledgerYear?.lines[line.kind];
      expect([line.used, line.remaining, line.overage]).toEqual([
        ledgerLine?.used,
        ledgerLine?.remaining,
        ledgerLine?.overage,
      ]);
    }
  });

  it('lists the service credits and the term extension they caused', () => {
    const result = usageStatement(missionCriticalBook(), planTemplates, now);
    if (!result.ok) throw new Error(result.reason);
    expect(result.statement.credits).toEqual([
      expect.objectContaining({
        ticketId: 't-1',
        minutesLate: 30,
        creditDays: 2,
        deadline: '2026-02-10T10:15:00.000Z',
      }),
    ]);
    expect(result.statement.term).toEqual({
      start: '2026-01-01',
      baseEnd: '2029-01-01',
      creditDays: 2,
      endWithCredits: '2029-01-03',
    });
  });

  it('the second contract year has its own add-ons and no use yet', () => {
    const result = usageStatement(missionCriticalBook(), planTemplates, now, 2);
    if (!result.ok) throw new Error(result.reason);
    expect(result.statement.lines.find((line) => line.kind === 'goLiveEvents')).toMatchObject({
      available: 7,
      used: 0,
      remaining: 7,
    });
    expect(result.statement.entries).toEqual([]);
  });

  it('a customer without a contract, or a year the term lacks, is refused in words', () => {
    expect(usageStatement(aBook({}, null), planTemplates, now)).toEqual({
      ok: false,
      reason: 'Helvetia Payments AG has no contract yet.',
    });
    expect(usageStatement(missionCriticalBook(), planTemplates, now, 4)).toMatchObject({
      ok: false,
      reason: 'The term has 3 contract years; there is no year 4.',
    });
  });

  it('the CSV is RFC 4180 with plain dates, dot decimals and one row per entry', () => {
    const result = usageStatement(
      {
        ...missionCriticalBook(),
        tamTimeEntries: [
          {
            id: 'tt-1',
            customerId: 'cust-1',
            userId: 'tam-1',
            date: '2026-03-03',
            minutes: 100,
            activity: 'advice',
            note: 'WAF, "bot" rules',
          },
        ],
      },
      planTemplates,
      now,
    );
    if (!result.ok) throw new Error(result.reason);
    const text = csvText(statementCsvTable(result.statement));
    expect(text.split('\r\n')[0]).toBe(statementColumns.join(','));
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const entries = parsed.data.filter((row) => row['section'] === 'entry');
    expect(entries).toHaveLength(result.statement.entries.length);
    const tamRow = entries.find((row) => row['kind'] === 'tamHours');
    expect(tamRow).toMatchObject({
      date: '2026-03-03',
      quantity: '1.67',
      unit: 'hours',
      item: 'TAM time: advice (WAF, "bot" rules)',
    });
    // Mission Critical has no TAM hours: the advice is billable, as is the sixth Go Live.
    expect(entries.filter((row) => row['charge'] === 'billable').map((row) => row['item'])).toEqual([
      'TAM time: advice (WAF, "bot" rules)',
      'Launch 5',
    ]);
    expect(parsed.data.find((row) => row['section'] === 'term')).toMatchObject({
      date: '2029-01-03',
      credit_days: '2',
    });
  });
});
