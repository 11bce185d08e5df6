// Preload: exposes only the named methods of the IPC contract (src/preload/api.ts).
import { contextBridge } from 'electron';
import type { ConsoleApi } from './api';

const api: ConsoleApi = {
  platform: process.platform,
};

contextBridge.exposeInMainWorld('consoleApi', api);
