import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_SIZE,
  loadWindowState,
  parseWindowState,
  placeWindow,
  saveWindowState,
  serializeWindowState,
  type WindowState,
} from '../../src/main/windowState';

const laptop = { workArea: { x: 0, y: 25, width: 1440, height: 875 } };
// An external monitor to the right of the laptop.
const monitor = { workArea: { x: 1440, y: 0, width: 2560, height: 1440 } };

const state = (x: number, y: number, width: number, height: number, maximized = false): WindowState => ({
  bounds: { x, y, width, height },
  maximized,
});

describe('the saved window state is validated on load', () => {
  it('a state the console wrote comes back as it was', () => {
    const saved = state(100, 80, 1200, 760, true);
    expect(parseWindowState(serializeWindowState(saved))).toEqual(saved);
  });

  it.each([
    ['no file', null],
    ['an empty file', ''],
    ['text that is not JSON', 'window at 100,80'],
    ['JSON that is not an object', '[1, 2, 3]'],
    [
      'another version',
      JSON.stringify({ version: 2, bounds: { x: 0, y: 0, width: 900, height: 600 }, maximized: false }),
    ],
    ['no version', JSON.stringify({ bounds: { x: 0, y: 0, width: 900, height: 600 }, maximized: false })],
    [
      'fractional pixels',
      JSON.stringify({ version: 1, bounds: { x: 0.5, y: 0, width: 900, height: 600 }, maximized: false }),
    ],
    [
      'a width as text',
      JSON.stringify({ version: 1, bounds: { x: 0, y: 0, width: '900', height: 600 }, maximized: false }),
    ],
    [
      'a window narrower than the console can be',
      JSON.stringify({ version: 1, bounds: { x: 0, y: 0, width: 20, height: 600 }, maximized: false }),
    ],
    [
      'a window a million pixels wide',
      JSON.stringify({ version: 1, bounds: { x: 0, y: 0, width: 1e6, height: 600 }, maximized: false }),
    ],
    [
      'a position far off any screen',
      JSON.stringify({ version: 1, bounds: { x: -1e9, y: 0, width: 900, height: 600 }, maximized: false }),
    ],
    [
      'maximized as a string',
      JSON.stringify({ version: 1, bounds: { x: 0, y: 0, width: 900, height: 600 }, maximized: 'yes' }),
    ],
    [
      'an extra field',
      JSON.stringify({
        version: 1,
        bounds: { x: 0, y: 0, width: 900, height: 600 },
        maximized: false,
        zoom: 3,
      }),
    ],
  ])('%s gives no saved state', (_case, text) => {
    expect(parseWindowState(text)).toBeNull();
  });
});

describe('the window opens on a display that is there', () => {
  it('without a saved state, the default size is centred on the primary display', () => {
    expect(DEFAULT_WINDOW_SIZE).toEqual({ width: 1280, height: 800 });
    // Whole pixels: (1440 - 1280) / 2 across, 25 + floor((875 - 800) / 2) down.
    expect(placeWindow(null, [laptop, monitor], laptop)).toEqual(state(80, 62, 1280, 800));
  });

  it('on a display smaller than the default size, the first window fills its work area', () => {
    const netbook = { workArea: { x: 0, y: 0, width: 1024, height: 600 } };
    expect(placeWindow(null, [netbook], netbook)).toEqual(state(0, 0, 1024, 600));
  });

  it('a window that fits where it was stays exactly there', () => {
    const saved = state(1600, 100, 1800, 1100, false);
    expect(placeWindow(saved, [laptop, monitor], laptop)).toEqual(saved);
  });

  it('a window left on an unplugged monitor comes back to the primary display, still maximized', () => {
    const saved = state(1600, 100, 1800, 1100, true);
    const placed = placeWindow(saved, [laptop], laptop);
    expect(placed.maximized).toBe(true);
    expect(placed.bounds).toEqual({ x: 80, y: 62, width: 1280, height: 800 });
  });

  it('a window half off the right edge is moved fully onto that display', () => {
    expect(placeWindow(state(3500, 200, 1000, 700), [laptop, monitor], laptop).bounds).toEqual({
      x: 4000 - 1000,
      y: 200,
      width: 1000,
      height: 700,
    });
  });

  it('a window above the menu bar is moved below it', () => {
    expect(placeWindow(state(100, -300, 1000, 700), [laptop], laptop).bounds).toEqual({
      x: 100,
      y: 25,
      width: 1000,
      height: 700,
    });
  });

  it('a window larger than the display it is on shrinks to the work area', () => {
    expect(placeWindow(state(0, 0, 2500, 1400), [laptop], laptop).bounds).toEqual({
      x: 0,
      y: 25,
      width: 1440,
      height: 875,
    });
  });

  it('a window spanning two displays goes to the one showing most of it', () => {
    const placed = placeWindow(state(1000, 100, 1600, 900), [laptop, monitor], laptop);
    expect(placed.bounds).toEqual({ x: 1440, y: 100, width: 1600, height: 900 });
  });
});

describe('the window state file', () => {
  it('is written whole and read back, keeping the size a maximized window returns to', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tam-window-')), 'nested', 'window-state.json');
    saveWindowState(file, {
      getNormalBounds: () => ({ x: 40, y: 60, width: 1100, height: 700 }),
      isMaximized: () => true,
    });
    expect(loadWindowState(file)).toEqual(state(40, 60, 1100, 700, true));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 1 });
  });

  it('a damaged file is ignored rather than stopping the console from starting', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tam-window-')), 'window-state.json');
    writeFileSync(file, '{"version":1,"bounds":');
    expect(loadWindowState(file)).toBeNull();
  });
});
