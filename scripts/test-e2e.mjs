// `npm run test:e2e`: install what the suites need from the system (Chromium, PostgreSQL), build
// the app, then run the e2e suites in real Chromium and the team server's suite on real PostgreSQL.
import { spawnSync } from 'node:child_process';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', shell: false });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('bash', ['scripts/ensure-system.sh', 'chromium', 'postgresql', 'pdftoppm']);
run('npx', ['electron-vite', 'build']);
// A private PostgreSQL cluster for the team server's suite, stopped again when the run ends.
run('node', [
  'scripts/with-postgres.mjs',
  'npx',
  'vitest',
  'run',
  '--config',
  'vitest.e2e.config.mts',
  ...process.argv.slice(2),
]);
