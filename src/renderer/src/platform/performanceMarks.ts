// Performance marks for the renderer bench (bench/rendererBench.ts): set after the next frame, so a
// mark means "painted with this data", not just "rendered". `then` runs right after the mark.
export function markPainted(name: string, detail: Record<string, unknown> = {}, then?: () => void): void {
  window.requestAnimationFrame(() => {
    performance.mark(name, { detail });
    then?.();
  });
}
