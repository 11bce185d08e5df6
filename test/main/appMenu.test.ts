import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from '../../src/main/appMenu';
import { menuCommands, type MenuCommand } from '../../src/preload/api';
import { shortcuts } from '../../src/preload/shortcuts';

function menuFor(platform: string, isDevelopment = false) {
  const sent: MenuCommand[] = [];
  const template = appMenuTemplate({ platform, isDevelopment, sendCommand: (command) => sent.push(command) });
  const items: MenuItemConstructorOptions[] = [];
  const walk = (list: MenuItemConstructorOptions[]) =>
    list.forEach((item) => {
      items.push(item);
      if (Array.isArray(item.submenu)) walk(item.submenu);
    });
  walk(template);
  const item = (id: MenuCommand) => items.find((candidate) => candidate.id === id);
  return { template, items, item, sent };
}

describe('the application menu', () => {
  it.each([
    ['view:today', 'Today', 'CmdOrCtrl+1'],
    ['view:customers', 'Customers', 'CmdOrCtrl+2'],
    ['view:schedule', 'Schedule', 'CmdOrCtrl+3'],
    ['view:settings', 'Settings', 'CmdOrCtrl+,'],
    ['goLive:book', 'Book Go Live…', 'CmdOrCtrl+G'],
    ['goLive:reserve', 'Reserve Go Live Units…', 'CmdOrCtrl+Shift+G'],
    ['review:schedule', 'Schedule Review Series…', 'CmdOrCtrl+Shift+S'],
    ['ticket:log', 'Log Ticket…', 'CmdOrCtrl+Shift+L'],
    ['palette:open', 'Command Palette…', 'CmdOrCtrl+K'],
    ['help:shortcuts', 'Keyboard Shortcuts', 'F1'],
  ] as const)('%s is "%s" on %s, and sends that command to the window', (id, label, accelerator) => {
    const { item, sent } = menuFor('win32');
    const entry = item(id);
    expect(entry).toMatchObject({ label, accelerator });
    if (entry?.click) Reflect.apply(entry.click, undefined, []);
    expect(sent).toEqual([id]);
  });

  it('every menu command of the contract is in the menu', () => {
    const { item } = menuFor('linux');
    expect(menuCommands.filter((id) => item(id) === undefined)).toEqual([]);
  });

  it('the menu shows exactly the accelerators of the shortcut table the window also reads', () => {
    const { items } = menuFor('linux');
    const inMenu = items
      .filter((entry) => entry.accelerator !== undefined)
      .map((entry) => `${String(entry.id)} ${String(entry.accelerator)}`)
      .sort();
    const inTable = shortcuts
      .filter((shortcut) => shortcut.menu !== null)
      .map((shortcut) => `${shortcut.command} ${shortcut.accelerator}`)
      .sort();
    expect(inMenu).toEqual(inTable);
  });

  it('no two shortcuts of the table share keys', () => {
    const keys = shortcuts.map((shortcut) => shortcut.accelerator);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('no two items share a shortcut', () => {
    const accelerators = menuFor('darwin', true)
      .items.map((entry) => entry.accelerator)
      .filter((accelerator) => accelerator !== undefined);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('View has Reload, and Toggle Developer Tools only in development', () => {
    const roles = (isDevelopment: boolean) =>
      menuFor('linux', isDevelopment).items.map((entry) => entry.role);
    expect(roles(false)).toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('macOS gets its app menu and Edit menu, so Cmd+C and Cmd+V work', () => {
    const { template } = menuFor('darwin');
    expect(template[0]).toEqual({ role: 'appMenu' });
    expect(template.map((entry) => entry.role)).toContain('editMenu');
  });

  it('Windows and Linux quit from the File menu', () => {
    const { template } = menuFor('win32');
    expect(template[0]?.label).toBe('File');
    expect(menuFor('win32').items.map((entry) => entry.role)).toContain('quit');
  });
});
