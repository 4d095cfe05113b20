// The main window's options and its remembered size and place. Pure apart from the small state
// file, so restoring onto a monitor that is gone can be tested without one.
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import { z } from 'zod';
import { webPreferences } from './security.js';

const windowBounds = z.object({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
  maximized: z.boolean().default(false),
});
export type WindowBounds = z.output<typeof windowBounds>;

export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
export const MIN_SIZE = { width: 960, height: 600 } as const;
/** Matches the renderer's background so a slow first paint shows no white flash. */
export const BACKGROUND_COLOR = '#f7f7f5';
/** How much of the window's top must lie on a screen to be reachable: enough to grab and drag. */
const VISIBLE_GRIP = { width: 160, height: 40 };

export function mainWindowOptions(
  saved: WindowBounds | null,
  displays: readonly { workArea: Rectangle }[],
  web: { preloadPath: string; devTools: boolean },
): BrowserWindowConstructorOptions {
  const base: BrowserWindowConstructorOptions = {
    ...DEFAULT_SIZE,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Koe',
    backgroundColor: BACKGROUND_COLOR,
    // Shown on 'ready-to-show', so the staff member never sees a half-drawn window.
    show: false,
    webPreferences: webPreferences(web.preloadPath, { devTools: web.devTools }),
  };
  const display = saved ? displays.find((d) => gripVisible(saved, d.workArea)) : undefined;
  if (!saved || !display) return base;
  // A window bigger than its screen (the monitor was swapped for a smaller one) is shrunk to fit.
  const area = display.workArea;
  return {
    ...base,
    x: saved.x,
    y: saved.y,
    width: clamp(saved.width, Math.min(MIN_SIZE.width, area.width), area.width),
    height: clamp(saved.height, Math.min(MIN_SIZE.height, area.height), area.height),
  };
}

/** True when the title-bar strip of the saved window overlaps this work area enough to use. */
function gripVisible(bounds: WindowBounds, area: Rectangle): boolean {
  const left = Math.max(bounds.x, area.x);
  const right = Math.min(bounds.x + bounds.width, area.x + area.width);
  const top = Math.max(bounds.y, area.y);
  const bottom = Math.min(bounds.y + VISIBLE_GRIP.height, area.y + area.height);
  return right - left >= Math.min(VISIBLE_GRIP.width, bounds.width) && bottom - top >= Math.min(VISIBLE_GRIP.height, bounds.height);
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}

/** The saved bounds, or null when there are none or the file is unreadable: never a crash. */
export function loadWindowState(file: string): WindowBounds | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = windowBounds.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Written synchronously while the window closes (the app may exit right after) and atomically
 * (a crash mid-write leaves the old file, not half a file).
 */
export function saveWindowState(file: string, bounds: WindowBounds): void {
  const valid = windowBounds.parse(bounds);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(valid), { mode: 0o600 });
  fs.renameSync(temp, file);
}
