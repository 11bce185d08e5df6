// Electron entry point: security first, then one console window on app://console with its menu,
// IPC handlers and remembered placement. Anything with a rule in it lives in a module of its own.
import { hardenSession } from './security';
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, safeStorage, screen } from 'electron';
import { MENU_COMMAND_CHANNEL, type MenuCommand } from '../preload/api';
import { appMenuTemplate } from './appMenu';
import { APP_ENTRY_URL } from './appProtocol';
import { consoleIpcHandlers } from './consoleIpcHandlers';
import { isTrustedSender, registerIpcHandlers, type IpcIncident } from './ipc';
import { nativeNotifications } from './notifications';
import { outboxMirrorStore } from './outboxMirror';
import { hardenedWebPreferences } from './securityPolicy';
import { statementPdfSaver } from './statementPdf';
import { safeStorageCipher, syncCredentialStore } from './syncCredentials';
import { userDataPaths, type UserDataPaths } from './userDataFiles';
import { loadWindowState, MIN_WINDOW_SIZE, placeWindow, saveWindowState } from './windowState';

const isDevelopment = !app.isPackaged;
const rendererRoot = join(__dirname, '../renderer');
const preloadScript = join(__dirname, '../preload/index.js');

let mainWindow: BrowserWindow | null = null;

function showMainWindow(): void {
  if (mainWindow === null) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function sendMenuCommand(command: MenuCommand): void {
  if (mainWindow === null) return;
  showMainWindow();
  mainWindow.webContents.send(MENU_COMMAND_CHANNEL, command);
}

function reportIpcIncident(incident: IpcIncident): void {
  if (incident.kind === 'foreign-sender') {
    console.warn(`Refused ${incident.channel} from ${incident.frameUrl ?? 'a closed frame'}`);
  } else {
    console.error(`${incident.channel} failed:`, incident.error);
  }
}

function createMainWindow(paths: UserDataPaths): BrowserWindow {
  const placement = placeWindow(
    loadWindowState(paths.windowState),
    screen.getAllDisplays(),
    screen.getPrimaryDisplay(),
  );
  const window = new BrowserWindow({
    ...placement.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'TAM Console',
    backgroundColor: '#ffffff',
    webPreferences: hardenedWebPreferences({ preload: preloadScript, devTools: isDevelopment }),
  });
  if (placement.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    try {
      saveWindowState(paths.windowState, window);
    } catch (error) {
      console.error('Could not remember the window position:', error);
    }
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

function startConsole(): void {
  const paths = userDataPaths(app.getPath('userData'));
  hardenSession(rendererRoot);
  registerIpcHandlers(
    ipcMain,
    consoleIpcHandlers({
      appInfo: { name: app.getName(), version: app.getVersion(), platform: process.platform },
      notifications: nativeNotifications(Notification, showMainWindow),
      credentials: syncCredentialStore(
        paths.syncCredentials,
        safeStorageCipher(safeStorage, process.platform),
      ),
      outbox: outboxMirrorStore(paths.outboxMirror),
      saveStatementPdf: statementPdfSaver({
        printWindowToPdf: (options) => mainWindow?.webContents.printToPDF(options) ?? null,
        chooseSavePath: async (defaultFileName) => {
          const options = {
            defaultPath: join(app.getPath('documents'), defaultFileName),
            filters: [{ name: 'PDF', extensions: ['pdf'] }],
          };
          const choice = mainWindow
            ? await dialog.showSaveDialog(mainWindow, options)
            : await dialog.showSaveDialog(options);
          return choice.canceled || !choice.filePath ? null : choice.filePath;
        },
        writeFile: (path, data) => writeFile(path, data),
      }),
    }),
    (event) => isTrustedSender(event, mainWindow?.webContents.id),
    reportIpcIncident,
  );
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({ platform: process.platform, isDevelopment, sendCommand: sendMenuCommand }),
    ),
  );
  mainWindow = createMainWindow(paths);
  app.on('activate', () => {
    if (mainWindow === null) mainWindow = createMainWindow(paths);
  });
}

// One console per user: a second start brings the first window forward and exits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', showMainWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  void app.whenReady().then(startConsole);
}
