// The desktop app menu's commands (and their accelerators) in the console: each one runs as the
// same console command a shortcut or the palette runs. The browser build has no app menu.
import { useEffect } from 'react';
import type { MenuCommand } from '../../../preload/api';
import { runConsoleCommand } from '../keyboard/consoleCommands';
import { desktopApi } from './consoleApi';

export function useMenuCommands(): void {
  useEffect(() => {
    const api = desktopApi();
    if (!api) return undefined;
    return api.onMenuCommand((command: MenuCommand) => runConsoleCommand(command));
  }, []);
}
