// What the desktop app's preload offers, and what the browser build does without it: the
// preload's `window.consoleApi` is absent under `npm run web`, and every use checks for it.
import type { ConsoleApi, ConsoleWindow } from '../../../preload/api';

export function desktopApi(): ConsoleApi | null {
  return (window as ConsoleWindow).consoleApi ?? null;
}

export function isDesktop(): boolean {
  return desktopApi() !== null;
}
