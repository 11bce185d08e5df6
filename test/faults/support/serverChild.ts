// Starts and kills the team server as a child process (out/faults/server.mjs, bundled once from
// serverProcess.ts by globalSetup) on a fixed port, so consoles reconnect to the same address.
// Two standby processes boot in the background while one serves; a restart hands the port to
// the oldest standby, so fifty kills do not cost fifty boots of waiting.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export const faultServerBundle = 'out/faults/server.mjs';

const STANDBYS = 2;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export type ServerChild = {
  url: string;
  port: number;
  /** A fresh process takes the port; resolves once it listens. */
  start(): Promise<void>;
  /** SIGKILL: no shutdown hook runs, open transactions die with their connections. */
  kill(): Promise<void>;
  /** Kills the serving process and every standby. */
  stop(): Promise<void>;
  starts: number;
};

type Booting = { process: ChildProcess; ready: Promise<void>; output: () => string };

export async function serverChild(databaseUrl: string, clock: string): Promise<ServerChild> {
  const port = await freePort();
  const standbys: Booting[] = [];
  let serving: ChildProcess | null = null;

  function boot(): Booting {
    const child = spawn(process.execPath, [faultServerBundle], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        FAULT_SERVER_CLOCK: clock,
        FAULT_STANDBY: '1',
        DATABASE_POOL_SIZE: '8',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const ready = waitFor(child, () => output, 'ready');
    ready.catch(() => undefined); // awaited when it is this process's turn
    return { process: child, ready, output: () => output };
  }

  const handle: ServerChild = {
    url: `http://127.0.0.1:${port}`,
    port,
    starts: 0,
    async start() {
      if (serving) throw new Error('the server is already running');
      while (standbys.length < STANDBYS) standbys.push(boot());
      const next = standbys.shift() as Booting;
      standbys.push(boot());
      await next.ready;
      next.process.stdin?.write('listen\n');
      await waitFor(next.process, next.output, 'listening');
      serving = next.process;
      handle.starts += 1;
    },
    async kill() {
      const running = serving;
      serving = null;
      if (running) await killNow(running);
    },
    async stop() {
      await handle.kill();
      await Promise.all(standbys.splice(0).map((standby) => killNow(standby.process)));
    },
  };
  return handle;
}

function waitFor(child: ChildProcess, output: () => string, line: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const check = () => {
      if (output().includes(`${line}`)) {
        child.stdout?.off('data', check);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code, signal) =>
      reject(new Error(`the server exited (${code ?? signal}): ${output()}`)),
    );
    check();
  });
}

function killNow(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  return exited;
}
