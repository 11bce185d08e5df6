// The window's keyboard shortcuts, from the one table the app menu also reads. In the desktop app
// the menu fires its own accelerators, so the window only handles keys the menu does not have.
import { useEffect } from 'react';
import { shortcuts } from '../../../preload/shortcuts';
import { desktopApi } from '../platform/consoleApi';
import { runConsoleCommand } from './consoleCommands';
import { shortcutFor } from './shortcutKeys';

export function isMacPlatform(): boolean {
  const platform = desktopApi()?.platform;
  return platform ? platform === 'darwin' : /Mac|iPhone|iPad/.test(navigator.platform);
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useShortcutKeys(): void {
  useEffect(() => {
    const isMac = isMacPlatform();
    const menuHandlesItsOwn = desktopApi() !== null;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const shortcut = shortcutFor(shortcuts, event, {
        isMac,
        inField: isEditable(event.target),
        menuHandlesItsOwn,
      });
      if (!shortcut) return;
      event.preventDefault();
      runConsoleCommand(shortcut.command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
