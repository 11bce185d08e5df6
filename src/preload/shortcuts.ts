// Every keyboard shortcut of the console in one table. The app menu (src/main/appMenu.ts) takes its
// accelerators from here; the renderer binds the same keys and lists them in the help sheet.
// No Node or Electron imports: main and the renderer both bundle this file.
import type { MenuCommand } from './api';

export type ShortcutMenu = 'file' | 'view' | 'help';

export type Shortcut = {
  command: MenuCommand;
  /** Electron's accelerator syntax ("CmdOrCtrl+K"); the renderer reads the same string. */
  accelerator: string;
  /** The menu that shows it; null for a key only the window knows (never typed into a field). */
  menu: ShortcutMenu | null;
  /** The menu item's label (the app menu is in English; the help sheet translates by command). */
  menuLabel: string;
};

export const shortcuts: readonly Shortcut[] = [
  { command: 'palette:open', accelerator: 'CmdOrCtrl+K', menu: 'view', menuLabel: 'Command Palette…' },
  { command: 'goLive:book', accelerator: 'CmdOrCtrl+G', menu: 'file', menuLabel: 'Book Go Live…' },
  {
    command: 'goLive:reserve',
    accelerator: 'CmdOrCtrl+Shift+G',
    menu: 'file',
    menuLabel: 'Reserve Go Live Units…',
  },
  {
    command: 'review:schedule',
    accelerator: 'CmdOrCtrl+Shift+S',
    menu: 'file',
    menuLabel: 'Schedule Review Series…',
  },
  { command: 'ticket:log', accelerator: 'CmdOrCtrl+Shift+L', menu: 'file', menuLabel: 'Log Ticket…' },
  { command: 'view:today', accelerator: 'CmdOrCtrl+1', menu: 'view', menuLabel: 'Today' },
  { command: 'view:customers', accelerator: 'CmdOrCtrl+2', menu: 'view', menuLabel: 'Customers' },
  { command: 'view:schedule', accelerator: 'CmdOrCtrl+3', menu: 'view', menuLabel: 'Schedule' },
  { command: 'view:settings', accelerator: 'CmdOrCtrl+,', menu: 'view', menuLabel: 'Settings' },
  { command: 'help:shortcuts', accelerator: 'F1', menu: 'help', menuLabel: 'Keyboard Shortcuts' },
  // A menu item has one accelerator, so `?` stays in the window, like in most web apps.
  { command: 'help:shortcuts', accelerator: '?', menu: null, menuLabel: 'Keyboard Shortcuts' },
];

/** The shortcut the menu shows for a command. */
export function menuShortcut(command: MenuCommand): Shortcut {
  const found = shortcuts.find((shortcut) => shortcut.command === command && shortcut.menu !== null);
  if (!found) throw new Error(`No menu shortcut for ${command}`);
  return found;
}
