// The server's database upgrades from every released schema, on real PostgreSQL (`npm run
// test:e2e` sets TEST_DATABASE_URL); skipped without it.
import { describe } from 'vitest';
import { describeMigrationUpgrades } from './support/migrationUpgradeSuite';
import { openTestDatabase } from './support/testDatabase';

describe.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL (TEST_DATABASE_URL)', () => {
  describeMigrationUpgrades('postgres', () => openTestDatabase('postgres'));
});
