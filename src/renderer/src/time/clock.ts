// The renderer's clock: the real time, read in one place, and hooks that re-render as it moves.
// Derived views (statuses, countdowns) take `now` from here so they recompute on a steady beat.
import { useEffect, useState } from 'react';
import type { Instant } from '../../../core/time';

export function currentInstant(): Instant {
  return new Date().toISOString();
}

/**
 * The current time, rounded up to `stepMs` so memoized work keyed by it recomputes once per step.
 * Up, not down: a deadline never shows more time left than there is.
 */
function steppedInstant(stepMs: number): Instant {
  return new Date(Math.ceil(Date.now() / stepMs) * stepMs).toISOString();
}

/** The time, refreshed every `stepMs` (default one minute). */
export function useNow(stepMs = 60_000): Instant {
  const [now, setNow] = useState(() => steppedInstant(stepMs));
  useEffect(() => {
    const timer = window.setInterval(() => setNow(steppedInstant(stepMs)), Math.min(stepMs, 15_000));
    return () => window.clearInterval(timer);
  }, [stepMs]);
  return now;
}

/** This machine's zone, the default for "my zone" on first start. */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
