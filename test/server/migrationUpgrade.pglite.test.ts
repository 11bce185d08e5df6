// The server's database upgrades from every released schema, on the embedded engine (`npm test`).
import { describeMigrationUpgrades } from './support/migrationUpgradeSuite';
import { openTestDatabase } from './support/testDatabase';

describeMigrationUpgrades('pglite', () => openTestDatabase('pglite'));
