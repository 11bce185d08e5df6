// The first paint without reading every record: Today and the customers grid as last computed,
// shown while the team's books load, only when nothing was written since (team revision) and for
// the same person and zone. Replaced by the live figures as soon as the books are in memory.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef } from 'react';
import type { Instant } from '../../../core/time';
import {
  customerRow,
  rowFields,
  snapshotRow,
  type CustomerFields,
  type CustomerFigures,
  type CustomerRow,
} from '../customers/customerRows';
import type { Settings } from '../db/schema';
import type { TeamBooks } from '../db/teamBooks';
import {
  readViewSnapshot,
  takePrefetchedSnapshot,
  writeViewSnapshot,
  type SnapshotView,
} from '../db/viewSnapshot';
import { todayDigest, type TodayDigest } from '../today/todayDigest';
import { openingViewPainted } from './openingPaint';
import { loadStatusOf, type StatusOf } from './useStatusOf';

// 2: flags as data (reason, count), worded in the chosen language when shown.
const FORMAT = 2;
/** A snapshot older than this is rewritten even when nothing changed: time moves the figures. */
const REFRESH_MS = 5 * 60_000;
/** Computing the figures of every customer waits for a quiet moment. */
const QUIET_MS = 2_000;

type TodayData = { timeZone: string; today: TodayDigest };
type GridRow = { fields: CustomerFields; figures: CustomerFigures };
/** The rows as one JSON text: a single string is read back many times faster than 5,000 objects. */
type GridData = { timeZone: string; rowsJson: string };

/** The stored data of a view when it still describes the book for me, else null (also while reading). */
function useStoredView(
  settings: Settings,
  view: SnapshotView,
): { computedAt: Instant; data: unknown } | null {
  // The first read is the one main.tsx started before React mounted.
  const stored = useLiveQuery(() => takePrefetchedSnapshot(view) ?? readViewSnapshot(view), [view]);
  const snapshot = stored?.snapshot;
  const valid =
    snapshot &&
    snapshot.format === FORMAT &&
    snapshot.teamRevision === stored.teamRevision &&
    snapshot.userId === settings.userId &&
    (snapshot.data as { timeZone?: string }).timeZone === settings.timeZone;
  // Read, and nothing to paint from it: the opening view waits for the books, so hold nothing back.
  const readWithoutSnapshot = stored !== undefined && !valid;
  useEffect(() => {
    if (readWithoutSnapshot) openingViewPainted();
  }, [readWithoutSnapshot]);
  return valid ? { computedAt: snapshot.computedAt, data: snapshot.data } : null;
}

/** My Today as last computed, while it still holds. */
export function useTodaySnapshot(settings: Settings): { computedAt: Instant; today: TodayDigest } | null {
  const stored = useStoredView(settings, 'today');
  return stored ? { computedAt: stored.computedAt, today: (stored.data as TodayData).today } : null;
}

/** The customers grid's rows as last computed, while they still hold. */
export function useGridSnapshot(settings: Settings): { computedAt: Instant; rows: CustomerRow[] } | null {
  const stored = useStoredView(settings, 'grid');
  const data = stored ? (stored.data as GridData) : null;
  const rows = useMemo(() => {
    if (!data) return null;
    const parsed = JSON.parse(data.rowsJson) as GridRow[];
    return parsed.map((row) => snapshotRow(row.fields, row.figures));
  }, [data]);
  return stored && rows ? { computedAt: stored.computedAt, rows } : null;
}

/** Runs `step` in idle slices until it says it is done; returns the cancel. */
function inIdleSlices(step: () => boolean): () => void {
  let cancelled = false;
  const schedule = (run: () => void) =>
    typeof requestIdleCallback === 'function'
      ? requestIdleCallback(run, { timeout: 1000 })
      : window.setTimeout(run, 0);
  const slice = () => {
    if (cancelled) return;
    const until = performance.now() + 8;
    while (performance.now() < until) if (step()) return;
    schedule(slice);
  };
  schedule(slice);
  return () => {
    cancelled = true;
  };
}

/**
 * Keeps the snapshot current: after changes, and every few minutes, once things are quiet. The
 * figures of every customer are computed a few at a time in idle moments, so typing never waits.
 */
export function useViewSnapshotWriter(team: TeamBooks | null, now: Instant, settings: Settings): void {
  const written = useRef<{ teamRevision: number; at: number; userId: string; timeZone: string } | null>(null);
  useEffect(() => {
    if (!team) return undefined;
    const me = { userId: settings.userId, timeZone: settings.timeZone };
    const isFresh = (last: typeof written.current) =>
      last !== null &&
      last.teamRevision === team.teamRevision &&
      last.userId === me.userId &&
      last.timeZone === me.timeZone &&
      Date.parse(now) - last.at < REFRESH_MS;
    if (isFresh(written.current)) return undefined;
    let cancelSlices: (() => void) | null = null;
    const timer = window.setTimeout(() => {
      void Promise.all([readViewSnapshot('grid'), loadStatusOf()]).then(([{ snapshot }, statusOf]) => {
        // A snapshot stored by an earlier start may still hold: then there is nothing to do.
        if (snapshot && snapshot.format === FORMAT && snapshot.userId === me.userId) {
          const stored = {
            teamRevision: snapshot.teamRevision,
            at: Date.parse(snapshot.computedAt),
            userId: snapshot.userId,
            timeZone: (snapshot.data as GridData).timeZone,
          };
          if (isFresh(stored)) {
            written.current = stored;
            return;
          }
        }
        const rows: GridRow[] = [];
        let index = 0;
        cancelSlices = inIdleSlices(() => {
          const book = team.books[index];
          if (book) {
            const row = customerRow(book, team.templates, statusOf);
            rows.push({ fields: rowFields(row), figures: row.figures(now) });
            index += 1;
            return false;
          }
          save(rows, statusOf);
          return true;
        });
      });
    }, QUIET_MS);

    function save(rows: GridRow[], statusOf: StatusOf) {
      if (!team) return;
      // Every status is memoized by now, so the digest is quick.
      const today = todayDigest({
        books: team.books,
        statusOf: (book) => statusOf(book, team.templates, now),
        templates: team.templates,
        now,
        me,
        scope: 'mine',
      });
      written.current = { teamRevision: team.teamRevision, at: Date.parse(now), ...me };
      const stored = (data: TodayData | GridData) => ({
        format: FORMAT,
        teamRevision: team.teamRevision,
        computedAt: now,
        userId: me.userId,
        data,
      });
      void Promise.all([
        writeViewSnapshot('today', stored({ timeZone: me.timeZone, today })),
        writeViewSnapshot('grid', stored({ timeZone: me.timeZone, rowsJson: JSON.stringify(rows) })),
      ]).then(
        () => performance.mark('console:snapshot-saved'),
        (error: unknown) => console.warn('The view snapshots were not saved', error),
      );
    }

    return () => {
      window.clearTimeout(timer);
      cancelSlices?.();
    };
  }, [team, now, settings.userId, settings.timeZone]);
}
