// `npm run test:faults`: the team server under faults (SIGKILL, a lossy proxy, duplicated and
// reordered pushes, skewed clocks), the Go Live quota property and API fuzzing, on a private
// PostgreSQL cluster. Figures go to test-results/faults-figures.json (docs/RELIABILITY.md).
import { spawnSync } from 'node:child_process';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', shell: false });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('bash', ['scripts/ensure-system.sh', 'postgresql']);
run('node', [
  'scripts/with-postgres.mjs',
  'npx',
  'vitest',
  'run',
  '--config',
  'vitest.faults.config.mts',
  ...process.argv.slice(2),
]);
