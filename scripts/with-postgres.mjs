// Starts a private PostgreSQL cluster (Debian's postgresql) on a free localhost port in a temp
// folder, runs a command with DATABASE_URL and TEST_DATABASE_URL pointing at it, then stops it.
//   node scripts/with-postgres.mjs npx vitest run test/server
// Also importable: `startPostgresCluster()` for the bench.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The newest installed server's bin folder, e.g. /usr/lib/postgresql/15/bin. */
export function findPostgresBin() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      'PostgreSQL is not installed: run `bash scripts/ensure-system.sh postgresql` (Debian: apt-get install postgresql).',
    );
  }
  return join(root, versions[0], 'bin');
}

function freePort() {
  return new Promise((resolvePort, rejectPort) => {
    const server = createServer();
    server.unref();
    server.on('error', rejectPort);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

// PostgreSQL refuses to run as root: as root, run its tools as the postgres user.
function runAsOwner(command, args) {
  const asRoot = process.getuid?.() === 0;
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  const result = spawnSync(file, argv, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} failed (${result.status}): ${result.stderr || result.stdout}`);
  }
  return result.stdout;
}

/**
 * initdb + start on a free port. Returns the connection URL and stop(), which removes the folder.
 * @returns {Promise<{ url: string; port: number; dir: string; stop: () => void }>}
 */
export async function startPostgresCluster() {
  const bin = findPostgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'tam-pg-'));
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const { uid, gid } = postgresIds();
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  runAsOwner(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-locale',
    '--no-sync',
  ]);
  let lastError;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    try {
      runAsOwner(join(bin, 'pg_ctl'), [
        '-D',
        data,
        '-l',
        join(dir, 'postgres.log'),
        '-o',
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`,
        '-w',
        'start',
      ]);
      let stopped = false;
      const stop = () => {
        if (stopped) return;
        stopped = true;
        try {
          runAsOwner(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      };
      return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, dir, stop };
    } catch (error) {
      lastError = error; // most likely the port was taken meanwhile: try another
    }
  }
  rmSync(dir, { recursive: true, force: true });
  throw lastError;
}

function postgresIds() {
  const out = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const outGroup = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (out.status !== 0)
    throw new Error('There is no postgres user: install PostgreSQL (apt-get install postgresql).');
  return { uid: Number(out.stdout.trim()), gid: Number(outGroup.stdout.trim()) };
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (!command) {
    console.error('usage: node scripts/with-postgres.mjs <command> [args...]');
    process.exit(2);
  }
  const cluster = await startPostgresCluster();
  const env = { ...process.env, DATABASE_URL: cluster.url, TEST_DATABASE_URL: cluster.url };
  const child = spawn(command, args, { stdio: 'inherit', env });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => {
    cluster.stop();
    process.exit(code ?? (signal ? 1 : 0));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
