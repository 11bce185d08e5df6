// `npm run scan:electron`: runs Electronegativity (Doyensec's Electron security scanner) over the
// desktop shell and the renderer, prints a summary, and fails on any HIGH finding that
// electronegativity.config.json does not suppress with a written reason.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const config = JSON.parse(readFileSync('electronegativity.config.json', 'utf8'));
const electronVersion = createRequire(import.meta.url)('electron/package.json').version;

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let at = 0; at < text.length; at += 1) {
    const char = text[at];
    if (quoted) {
      if (char === '"' && text[at + 1] === '"') {
        field += '"';
        at += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field.trim());
      field = '';
    } else if (char === '\n') {
      row.push(field.trim());
      rows.push(row);
      row = [];
      field = '';
    } else if (char !== '\r') field += char;
  }
  if (field || row.length > 0) rows.push([...row, field.trim()]);
  return rows;
}

// One scan of src (so the renderer's CSP in index.html counts for the shell), kept to the inputs.
const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'));
const output = join(dir, 'findings.csv');
const scan = spawnSync(
  'npx',
  [
    'electronegativity',
    '--input',
    'src',
    '--output',
    output,
    '--relative',
    '--electron-version',
    electronVersion,
    '--verbose',
    'false',
  ],
  { encoding: 'utf8' },
);
let csv;
try {
  csv = readFileSync(output, 'utf8');
} catch {
  console.error(scan.stdout, scan.stderr);
  console.error('Electronegativity did not write its findings.');
  process.exit(1);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const [header, ...lines] = parseCsv(csv).filter((row) => row.length > 1);
const column = (name) => header.findIndex((title) => title.trim() === name);
const inputs = config.inputs.map((input) => relative('src', resolve(input)));
const findings = lines
  .map((row) => ({
    check: row[column('issue')],
    severity: row[column('severity')],
    confidence: row[column('confidence')],
    file: row[column('filename')],
    location: row[column('location')],
    description: row[column('description')],
  }))
  .filter(
    (finding) => finding.file === 'N/A' || inputs.some((input) => finding.file.startsWith(`${input}/`)),
  );

const suppressionOf = (finding) =>
  config.suppressions.find((each) => each.check === finding.check && each.file === finding.file);
const unsuppressed = findings.filter((finding) => !suppressionOf(finding));
const failing = unsuppressed.filter((finding) => finding.severity === 'HIGH');

const count = (list, severity) => list.filter((finding) => finding.severity === severity).length;
console.log(`Electronegativity (Electron ${electronVersion}) over ${config.inputs.join(', ')}:`);
console.log(
  `  ${findings.length} findings: ${count(findings, 'HIGH')} high, ${count(findings, 'MEDIUM')} medium, ${count(findings, 'LOW') + count(findings, 'INFORMATIONAL')} low/info; ` +
    `${findings.length - unsuppressed.length} suppressed with a reason; ${failing.length} high left.`,
);
for (const finding of findings) {
  const suppression = suppressionOf(finding);
  const where = `${finding.file}:${finding.location}`;
  console.log(
    `  ${suppression ? 'suppressed' : finding.severity.padEnd(10)} ${finding.check} ${where} — ${finding.description}`,
  );
  if (suppression) console.log(`             reason: ${suppression.reason}`);
}
if (failing.length > 0) {
  console.error(
    `${failing.length} HIGH finding(s): fix them, or suppress a false positive with its reason in electronegativity.config.json.`,
  );
  process.exit(1);
}
