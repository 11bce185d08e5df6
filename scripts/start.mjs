// `npm start`: launch the built desktop app with Electron. Electron fetches its runtime on
// first use; where that cannot happen (no network to its download host), say so in one line
// and point at the browser build, instead of a stack trace.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronPath;
try {
  electronPath = require('electron');
} catch (error) {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  console.error(`Electron could not be started here (${reason}).`);
  console.error('Run the same console in your browser instead: npm run web');
  process.exit(1);
}
const child = spawn(electronPath, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
