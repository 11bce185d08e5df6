// Everything one page of the console needs to write and sync, imported together: after
// vi.resetModules() one dynamic import of this file evaluates a fresh copy of the renderer's
// modules (their own `db`, their own sync engine), as a reload of the page does.
export { applyLocalMutation } from '../../../src/renderer/src/db/localMutations';
export { switchConsoleDatabase } from '../../../src/renderer/src/db/schema';
export { saveSettings } from '../../../src/renderer/src/db/settings';
export { SyncEngine } from '../../../src/renderer/src/sync/syncEngine';
export { httpSyncTransport } from '../../../src/renderer/src/sync/syncTransport';
export { readRejectedEntries } from '../../../src/renderer/src/db/attention';
export { readCustomerBook } from '../../../src/renderer/src/db/books';
