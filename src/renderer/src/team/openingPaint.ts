// The view the console opens on (Today or the grid) paints from its stored snapshot; reading every
// record and loading the core's business clock wait until that paint, so they do not compete with
// it for the one main thread. Any other view opens without waiting.
let release: (() => void) | null = null;
let held = false;
const painted = new Promise<void>((resolve) => {
  release = resolve;
});

/** At start-up, when the console opens on a view that paints from a snapshot. */
export function holdUntilOpeningPaint(maxWaitMs: number): void {
  held = true;
  // Never wait for ever: a view without a snapshot paints nothing worth waiting for.
  window.setTimeout(openingViewPainted, maxWaitMs);
}

/** Called by the opening view once its first frame with data is on screen. */
export function openingViewPainted(): void {
  release?.();
  release = null;
}

export function afterOpeningPaint(task: () => void): void {
  if (!held || release === null) task();
  else void painted.then(task);
}
