// The window's side of the shortcut table (src/preload/shortcuts.ts): whether a key press is an
// accelerator, and how to print one for this platform (⌘K on macOS, Ctrl+K elsewhere).
import type { Shortcut } from '../../../preload/shortcuts';

type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

type ParsedAccelerator = { commandOrControl: boolean; shift: boolean; alt: boolean; key: string };

function parseAccelerator(accelerator: string): ParsedAccelerator {
  // "CmdOrCtrl+," splits into ["CmdOrCtrl", ","]; a lone "+" key is not in the table.
  const parts = accelerator.split('+');
  const key = parts.pop() ?? '';
  return {
    commandOrControl: parts.includes('CmdOrCtrl') || parts.includes('CommandOrControl'),
    shift: parts.includes('Shift'),
    alt: parts.includes('Alt'),
    key: key.toLowerCase(),
  };
}

/** A printable key without Ctrl/Cmd or Alt ("?") would be typed into a field: it never fires there. */
export function typesIntoFields(accelerator: string): boolean {
  const parsed = parseAccelerator(accelerator);
  return !parsed.commandOrControl && !parsed.alt && parsed.key.length === 1;
}

export function matchesAccelerator(accelerator: string, press: KeyPress, isMac: boolean): boolean {
  const parsed = parseAccelerator(accelerator);
  const commandOrControl = isMac ? press.metaKey && !press.ctrlKey : press.ctrlKey && !press.metaKey;
  if (parsed.commandOrControl !== commandOrControl) return false;
  if (!parsed.commandOrControl && (press.ctrlKey || press.metaKey)) return false;
  if (parsed.alt !== press.altKey) return false;
  // A punctuation key such as "?" needs Shift on one layout and not on another: its character decides.
  const isCharacter = parsed.key.length === 1 && !/[a-z0-9]/.test(parsed.key);
  if (!isCharacter && parsed.shift !== press.shiftKey) return false;
  return press.key.toLowerCase() === parsed.key;
}

const macSymbols: Record<string, string> = { CmdOrCtrl: '⌘', CommandOrControl: '⌘', Shift: '⇧', Alt: '⌥' };

/** "Ctrl+Shift+S" or "⌘⇧S": the keys as the platform writes them. */
export function acceleratorLabel(accelerator: string, isMac: boolean): string {
  const parts = accelerator.split('+');
  const key = (parts.pop() ?? '').toUpperCase();
  if (isMac) return [...parts.map((part) => macSymbols[part] ?? part), key].join('');
  return [
    ...parts.map((part) => (part === 'CmdOrCtrl' || part === 'CommandOrControl' ? 'Ctrl' : part)),
    key,
  ].join('+');
}

/** The first shortcut that a key press triggers, if any. */
export function shortcutFor(
  table: readonly Shortcut[],
  press: KeyPress,
  options: { isMac: boolean; inField: boolean; menuHandlesItsOwn: boolean },
): Shortcut | null {
  return (
    table.find(
      (shortcut) =>
        // The desktop menu fires its own accelerators; the window handles the rest.
        !(options.menuHandlesItsOwn && shortcut.menu !== null) &&
        !(options.inField && typesIntoFields(shortcut.accelerator)) &&
        matchesAccelerator(shortcut.accelerator, press, options.isMac),
    ) ?? null
  );
}
