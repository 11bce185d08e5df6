// The team server's integration suite on the embedded engine (PGlite): runs in `npm test`.
import { describeServer } from './support/serverSuite';
import { openTestDatabase } from './support/testDatabase';

describeServer('pglite', () => openTestDatabase('pglite'));
