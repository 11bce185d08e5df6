// Before the fault suites: bundle the server's child-process entry once (a bundled start takes a
// second or two, tsx several), and start a fresh figures file.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { faultServerBundle } from './support/serverChild';

export default async function setup(): Promise<void> {
  rmSync('test-results/faults-figures.json', { force: true });
  await build({
    entryPoints: ['test/faults/support/serverProcess.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: faultServerBundle,
    logLevel: 'warning',
  });
}
