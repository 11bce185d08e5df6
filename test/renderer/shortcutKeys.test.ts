import { describe, expect, it } from 'vitest';
import { shortcuts } from '../../src/preload/shortcuts';
import {
  acceleratorLabel,
  matchesAccelerator,
  shortcutFor,
  typesIntoFields,
} from '../../src/renderer/src/keyboard/shortcutKeys';

type Press = { key: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean; shiftKey?: boolean };
const press = ({ key, ctrlKey = false, metaKey = false, altKey = false, shiftKey = false }: Press) => ({
  key,
  ctrlKey,
  metaKey,
  altKey,
  shiftKey,
});

describe('keyboard shortcuts in the window', () => {
  it('Ctrl+K opens the palette on Windows and Linux, Cmd+K on macOS, and not the other way round', () => {
    expect(matchesAccelerator('CmdOrCtrl+K', press({ key: 'k', ctrlKey: true }), false)).toBe(true);
    expect(matchesAccelerator('CmdOrCtrl+K', press({ key: 'k', metaKey: true }), true)).toBe(true);
    expect(matchesAccelerator('CmdOrCtrl+K', press({ key: 'k', metaKey: true }), false)).toBe(false);
    expect(matchesAccelerator('CmdOrCtrl+K', press({ key: 'k', ctrlKey: true }), true)).toBe(false);
    expect(matchesAccelerator('CmdOrCtrl+K', press({ key: 'k' }), false)).toBe(false);
  });

  it('Shift is part of a letter shortcut: Ctrl+S is not Ctrl+Shift+S', () => {
    expect(
      matchesAccelerator('CmdOrCtrl+Shift+S', press({ key: 'S', ctrlKey: true, shiftKey: true }), false),
    ).toBe(true);
    expect(matchesAccelerator('CmdOrCtrl+Shift+S', press({ key: 's', ctrlKey: true }), false)).toBe(false);
  });

  it('"?" is the character, whichever keyboard layout needs Shift for it', () => {
    expect(matchesAccelerator('?', press({ key: '?', shiftKey: true }), false)).toBe(true);
    expect(matchesAccelerator('?', press({ key: '?' }), false)).toBe(true);
    expect(matchesAccelerator('?', press({ key: '?', ctrlKey: true }), false)).toBe(false);
  });

  it('a key typed into a field stays a character there, a Ctrl shortcut still works', () => {
    expect(typesIntoFields('?')).toBe(true);
    expect(typesIntoFields('F1')).toBe(false);
    expect(typesIntoFields('CmdOrCtrl+K')).toBe(false);
    const options = { isMac: false, inField: true, menuHandlesItsOwn: false };
    expect(shortcutFor(shortcuts, press({ key: '?', shiftKey: true }), options)).toBeNull();
    expect(shortcutFor(shortcuts, press({ key: 'k', ctrlKey: true }), options)?.command).toBe('palette:open');
  });

  it('in the desktop app the menu fires its own accelerators; the window only handles "?"', () => {
    const options = { isMac: false, inField: false, menuHandlesItsOwn: true };
    expect(shortcutFor(shortcuts, press({ key: 'k', ctrlKey: true }), options)).toBeNull();
    expect(shortcutFor(shortcuts, press({ key: 'F1' }), options)).toBeNull();
    expect(shortcutFor(shortcuts, press({ key: '?', shiftKey: true }), options)?.command).toBe(
      'help:shortcuts',
    );
  });

  it('every shortcut of the table is reachable by its own key press in the browser build', () => {
    const options = { isMac: false, inField: false, menuHandlesItsOwn: false };
    for (const shortcut of shortcuts) {
      const parts = shortcut.accelerator.split('+');
      const key = parts.at(-1) ?? '';
      const pressed = press({
        key: parts.includes('Shift')
          ? key.toUpperCase()
          : key.toLowerCase() === 'f1'
            ? 'F1'
            : key.toLowerCase(),
        ctrlKey: parts.includes('CmdOrCtrl'),
        shiftKey: parts.includes('Shift'),
      });
      expect(shortcutFor(shortcuts, pressed, options)?.command, shortcut.accelerator).toBe(shortcut.command);
    }
  });

  it('labels read as the platform writes them', () => {
    expect(acceleratorLabel('CmdOrCtrl+Shift+S', false)).toBe('Ctrl+Shift+S');
    expect(acceleratorLabel('CmdOrCtrl+Shift+S', true)).toBe('⌘⇧S');
    expect(acceleratorLabel('CmdOrCtrl+,', false)).toBe('Ctrl+,');
    expect(acceleratorLabel('F1', true)).toBe('F1');
  });
});
