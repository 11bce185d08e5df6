// Activity's days: my changes grouped by the day they were made on, in my zone.
import type { OutboxEntry } from '../db/schema';
import { dateInZone } from '../time/zonedFormat';

/** Entries grouped by their day in my zone, in the order given. */
export function groupByDay(
  entries: readonly OutboxEntry[],
  zone: string,
): { day: string; entries: OutboxEntry[] }[] {
  const groups: { day: string; entries: OutboxEntry[] }[] = [];
  for (const entry of entries) {
    const day = dateInZone(entry.clientTime, zone);
    const last = groups[groups.length - 1];
    if (last && last.day === day) last.entries.push(entry);
    else groups.push({ day, entries: [entry] });
  }
  return groups;
}
