import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations } from '../../src/server/db/migrations';

const dirs: string[] = [];
function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tam-migrations-'));
  dirs.push(dir);
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('migration files', () => {
  it('the shipped migrations are numbered 1, 2, 3… without a gap', () => {
    const migrations = loadMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.map((each) => each.version)).toEqual(migrations.map((_, index) => index + 1));
  });

  it('run in the order of their numbers, with a checksum of each', () => {
    const migrations = loadMigrations(
      folderWith({ '0002_second.sql': 'SELECT 2', '0001_first.sql': 'SELECT 1' }),
    );
    expect(migrations.map((each) => each.name)).toEqual(['first', 'second']);
    expect(migrations[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a missing number or a file not named like 0001_name.sql is refused', () => {
    expect(() => loadMigrations(folderWith({ '0001_first.sql': '', '0003_third.sql': '' }))).toThrow(
      /out of sequence/,
    );
    expect(() => loadMigrations(folderWith({ '1_first.sql': '' }))).toThrow(/not named like/);
  });
});
