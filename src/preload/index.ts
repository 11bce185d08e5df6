// Preload: exposes `window.consoleApi`, the named methods of the IPC contract (./api.ts), and
// never ipcRenderer itself. It runs sandboxed, where only `electron` can be required: import
// nothing else at run time (types only from ./api, which pulls in zod).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type {
  ConsoleApi,
  IpcChannel,
  IpcRequest,
  IpcResponse,
  MENU_COMMAND_CHANNEL,
  MenuCommand,
} from './api';

function invoke<C extends IpcChannel>(channel: C, request: IpcRequest<C>): Promise<IpcResponse<C>> {
  // Channels without a payload send no argument at all: main accepts exactly one or none.
  return request === undefined ? ipcRenderer.invoke(channel) : ipcRenderer.invoke(channel, request);
}

const menuCommandChannel: typeof MENU_COMMAND_CHANNEL = 'menu:command';

const consoleApi: ConsoleApi = {
  platform: process.platform,
  appInfo: () => invoke('app:info', undefined),
  showNotification: (notification) => invoke('notify:show', notification),
  saveSyncCredentials: (credentials) => invoke('credentials:save', credentials),
  loadSyncCredentials: () => invoke('credentials:load', undefined),
  clearSyncCredentials: () => invoke('credentials:clear', undefined),
  mirrorOutbox: (mirror) => invoke('outbox:mirror', mirror),
  readOutboxMirror: () => invoke('outbox:readMirror', undefined),
  saveStatementPdf: (request) => invoke('statement:savePdf', request),
  onMenuCommand(callback) {
    // The IPC event stays here: it carries `sender`, which is ipcRenderer itself.
    const listener = (_event: IpcRendererEvent, command: MenuCommand) => callback(command);
    ipcRenderer.on(menuCommandChannel, listener);
    return () => {
      ipcRenderer.removeListener(menuCommandChannel, listener);
    };
  },
};

contextBridge.exposeInMainWorld('consoleApi', consoleApi);
