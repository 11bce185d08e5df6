// `npm start`: launch the built desktop app with Electron. Electron fetches its runtime on
// first use; where that cannot happen (no route to its download host), say so in one line
// and point at the browser build, instead of a stack trace.
import { spawn, spawnSync } from 'node:child_process';

// Resolving 'electron' triggers the runtime download; do it in a child so its noise stays there.
const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
  encoding: 'utf8',
  timeout: 300_000,
});
if (probe.status !== 0 || !probe.stdout) {
  const reason =
    `${probe.stderr ?? ''}`.match(
      /(ENOTFOUND[^\n]*|fetch failed|Electron failed to install correctly)/,
    )?.[0] ?? 'no runtime';
  console.error(`Electron's runtime is not available on this machine (${reason}).`);
  console.error('Open the same console in your browser instead: npm run web');
  process.exit(1);
}
const child = spawn(probe.stdout, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
