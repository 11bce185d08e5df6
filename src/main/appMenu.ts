// The application menu and its shortcuts. Console commands go to the renderer as `menu:command`
// events (window.consoleApi.onMenuCommand); the rest are Electron's standard roles.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../preload/api';

export type AppMenuOptions = {
  platform: string;
  /** Unpackaged builds only: adds Toggle Developer Tools. */
  isDevelopment: boolean;
  sendCommand(command: MenuCommand): void;
};

export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const command = (label: string, accelerator: string, id: MenuCommand): MenuItemConstructorOptions => ({
    id,
    label,
    accelerator,
    click: () => options.sendCommand(id),
  });
  const separator: MenuItemConstructorOptions = { type: 'separator' };

  return [
    ...(isMac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    {
      label: 'File',
      submenu: [
        command('Book Go Live…', 'CmdOrCtrl+G', 'goLive:book'),
        command('Reserve Go Live Units…', 'CmdOrCtrl+Shift+G', 'goLive:reserve'),
        separator,
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    // Cut, copy and paste only work on macOS when the Edit menu has them.
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        command('Today', 'CmdOrCtrl+1', 'view:today'),
        command('Customers', 'CmdOrCtrl+2', 'view:customers'),
        command('Schedule', 'CmdOrCtrl+3', 'view:schedule'),
        command('Settings', 'CmdOrCtrl+,', 'view:settings'),
        separator,
        command('Command Palette…', 'CmdOrCtrl+K', 'palette:open'),
        separator,
        { role: 'reload' },
        ...(options.isDevelopment ? [{ role: 'toggleDevTools' } satisfies MenuItemConstructorOptions] : []),
        separator,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        separator,
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
}
