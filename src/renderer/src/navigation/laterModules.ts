// The parts the first paint does not need are split into chunks that load when first shown. Once
// the opening view has painted, all of them are fetched in idle time: a view opened later, perhaps
// offline (where the browser build can fetch nothing more), is then already in memory.
import { afterOpeningPaint } from '../team/openingPaint';

export const laterModules = {
  firstStart: () => import('../firstStart/FirstStartView'),
  customerDetail: () => import('../customer/CustomerDetailView'),
  schedule: () => import('../schedule/ScheduleView'),
  settings: () => import('../settings/SettingsView'),
  syncStatus: () => import('../sync/SyncStatus'),
  attention: () => import('../attention/AttentionView'),
  activity: () => import('../activity/ActivityView'),
  statement: () => import('../exports/StatementView'),
  customersExportMenu: () => import('../exports/CustomersExportMenu'),
  createCustomerForm: () => import('../forms/CreateCustomerForm'),
  allowanceBurnDown: () => import('../charts/AllowanceBurnDown'),
  tamHoursChart: () => import('../charts/TamHoursChart'),
  objectivesChart: () => import('../charts/ObjectivesChart'),
};

/** One module at a time when the main thread is idle, so typing and scrolling never wait for them. */
export function prefetchLaterModules(): void {
  afterOpeningPaint(() => {
    const queue = Object.values(laterModules);
    // Chromium and Electron have requestIdleCallback; a short timeout stands in elsewhere.
    const idle = (task: () => void) =>
      typeof window.requestIdleCallback === 'function'
        ? window.requestIdleCallback(task)
        : globalThis.setTimeout(task, 50);
    const next = () => {
      const load = queue.shift();
      if (!load) return;
      // A chunk that cannot be fetched now is fetched again when its view is first shown.
      void load()
        .catch(() => undefined)
        .then(() => idle(next));
    };
    idle(next);
  });
}
