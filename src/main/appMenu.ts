// The application menu. Console commands and their accelerators come from the one shortcut table
// (src/preload/shortcuts.ts) and go to the renderer as `menu:command` events
// (window.consoleApi.onMenuCommand); the rest are Electron's standard roles.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../preload/api';
import { menuShortcut } from '../preload/shortcuts';

export type AppMenuOptions = {
  platform: string;
  /** Unpackaged builds only: adds Toggle Developer Tools. */
  isDevelopment: boolean;
  sendCommand(command: MenuCommand): void;
};

export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const command = (id: MenuCommand): MenuItemConstructorOptions => {
    const { menuLabel, accelerator } = menuShortcut(id);
    return { id, label: menuLabel, accelerator, click: () => options.sendCommand(id) };
  };
  const separator: MenuItemConstructorOptions = { type: 'separator' };

  return [
    ...(isMac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    {
      label: 'File',
      submenu: [
        command('goLive:book'),
        command('goLive:reserve'),
        command('review:schedule'),
        command('ticket:log'),
        separator,
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    // Cut, copy and paste only work on macOS when the Edit menu has them.
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        command('view:today'),
        command('view:customers'),
        command('view:schedule'),
        command('view:settings'),
        separator,
        command('palette:open'),
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
    { role: 'help', submenu: [command('help:shortcuts')] },
  ];
}
