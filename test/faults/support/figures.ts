// The figures a fault or fuzz suite reports: printed, and kept in test-results/faults-figures.json
// so docs/RELIABILITY.md can quote the last run.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const figuresPath = 'test-results/faults-figures.json';

export type Figures = Record<string, number | string>;

export function recordFigures(suite: string, figures: Figures): void {
  mkdirSync('test-results', { recursive: true });
  let all: Record<string, Figures> = {};
  try {
    all = JSON.parse(readFileSync(figuresPath, 'utf8')) as Record<string, Figures>;
  } catch {
    // first suite of the run
  }
  all[suite] = { ...figures, at: new Date().toISOString() };
  writeFileSync(figuresPath, `${JSON.stringify(all, null, 2)}\n`);
  const line = Object.entries(figures)
    .map(([name, value]) => `${name}: ${value}`)
    .join(', ');
  console.log(`[figures] ${suite}: ${line}`);
}
