// The window opens where the TAM left it: size, position and maximized, kept in a small JSON in
// userData. What comes back from disk is validated and placed on a display that is still there.
import { z } from 'zod';
import { readTextFileIfPresent, writeFileAtomically } from './userDataFiles';

export type Rect = { x: number; y: number; width: number; height: number };
export type WindowState = { bounds: Rect; maximized: boolean };
export type DisplayArea = { workArea: Rect };

export const MIN_WINDOW_SIZE = { width: 800, height: 560 } as const;
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 800 } as const;
// Larger than any real display arrangement; beyond it the file is damaged, not a big monitor.
const MAX_COORDINATE = 100_000;

const coordinate = z.number().int().min(-MAX_COORDINATE).max(MAX_COORDINATE);
const windowStateSchema = z.strictObject({
  version: z.literal(1),
  bounds: z.strictObject({
    x: coordinate,
    y: coordinate,
    width: z.number().int().min(MIN_WINDOW_SIZE.width).max(MAX_COORDINATE),
    height: z.number().int().min(MIN_WINDOW_SIZE.height).max(MAX_COORDINATE),
  }),
  maximized: z.boolean(),
});

/** The saved state, or null when the text is missing, not JSON, or not a state we wrote. */
export function parseWindowState(text: string | null): WindowState | null {
  if (text === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = windowStateSchema.safeParse(json);
  return parsed.success ? { bounds: parsed.data.bounds, maximized: parsed.data.maximized } : null;
}

export function serializeWindowState(state: WindowState): string {
  const { x, y, width, height } = state.bounds;
  const rounded = {
    x: Math.round(x),
    y: Math.round(y),
    width: Math.round(width),
    height: Math.round(height),
  };
  return `${JSON.stringify({ version: 1, bounds: rounded, maximized: state.maximized }, null, 2)}\n`;
}

function overlapArea(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), Math.max(low, high));
}

function centered(area: Rect, width: number, height: number): Rect {
  const w = Math.min(width, area.width);
  const h = Math.min(height, area.height);
  return {
    x: area.x + Math.floor((area.width - w) / 2),
    y: area.y + Math.floor((area.height - h) / 2),
    width: w,
    height: h,
  };
}

/**
 * Where to open the window. The saved bounds go to the display they overlap most, shrunk to
 * its work area and moved fully onto it (a monitor may have been unplugged or rearranged).
 * Bounds on no display at all, or no saved state, give the default size centred on the primary.
 */
export function placeWindow(
  saved: WindowState | null,
  displays: readonly DisplayArea[],
  primary: DisplayArea,
): WindowState {
  const fallback = {
    bounds: centered(primary.workArea, DEFAULT_WINDOW_SIZE.width, DEFAULT_WINDOW_SIZE.height),
    maximized: false,
  };
  if (saved === null) return fallback;
  let best: DisplayArea | null = null;
  let bestOverlap = 0;
  for (const display of displays) {
    const overlap = overlapArea(saved.bounds, display.workArea);
    if (overlap > bestOverlap) {
      best = display;
      bestOverlap = overlap;
    }
  }
  if (best === null) return { ...fallback, maximized: saved.maximized };
  const area = best.workArea;
  const width = Math.min(saved.bounds.width, area.width);
  const height = Math.min(saved.bounds.height, area.height);
  return {
    bounds: {
      x: clamp(saved.bounds.x, area.x, area.x + area.width - width),
      y: clamp(saved.bounds.y, area.y, area.y + area.height - height),
      width,
      height,
    },
    maximized: saved.maximized,
  };
}

export function loadWindowState(file: string): WindowState | null {
  try {
    return parseWindowState(readTextFileIfPresent(file));
  } catch {
    return null;
  }
}

/** The parts of a BrowserWindow whose state is kept. */
export type StatefulWindow = { getNormalBounds(): Rect; isMaximized(): boolean };

export function saveWindowState(file: string, window: StatefulWindow): void {
  // Normal bounds: a maximized window remembers the size it returns to.
  writeFileAtomically(
    file,
    serializeWindowState({ bounds: window.getNormalBounds(), maximized: window.isMaximized() }),
  );
}
