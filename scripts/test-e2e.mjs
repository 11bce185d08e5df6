// `npm run test:e2e`: install what the suites need from the system (Chromium; PostgreSQL
// once the sync server lands), build the app, then run the e2e suites in real Chromium.
import { spawnSync } from 'node:child_process';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', shell: false });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('bash', ['scripts/ensure-system.sh', 'chromium']);
run('npx', ['electron-vite', 'build']);
run('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.mts', ...process.argv.slice(2)]);
