// The steps of sync (reads, writes, time on the wire) as performance measures, for
// bench/syncBench.ts, which prints them per sample so each figure can be explained. Off unless the
// page set `globalThis.__tamSyncTrace` (the bench's init script does): a console records nothing.
type Traced = { __tamSyncTrace?: boolean };

export function tracing(): boolean {
  return (globalThis as Traced).__tamSyncTrace === true;
}

/** Records the step `name` from `startedAt` (performance.now()) until now. */
export function traceStep(name: string, startedAt: number, detail?: Record<string, unknown>): void {
  if (!tracing()) return;
  performance.measure(`sync:${name}`, { start: startedAt, end: performance.now(), detail });
}
