import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ shell: { openExternal: vi.fn() } }));

import { BACKGROUND_COLOR, loadWindowState, mainWindowOptions, saveWindowState } from './window.js';

const web = { preloadPath: '/app/preload.cjs', devTools: false };
const laptop = { workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const rightMonitor = { workArea: { x: 1920, y: 0, width: 2560, height: 1400 } };

describe('mainWindowOptions', () => {
  it('uses the defaults without saved bounds', () => {
    const opts = mainWindowOptions(null, [laptop], web);
    expect(opts).toMatchObject({ width: 1280, height: 800, minWidth: 960, minHeight: 600, show: false, title: 'Koe', backgroundColor: BACKGROUND_COLOR });
    expect(opts.x).toBeUndefined();
    expect(opts.y).toBeUndefined();
  });

  it('restores bounds that are on a visible display', () => {
    const saved = { x: 2000, y: 100, width: 1400, height: 900, maximized: false };
    expect(mainWindowOptions(saved, [laptop, rightMonitor], web)).toMatchObject({ x: 2000, y: 100, width: 1400, height: 900 });
  });

  it('falls back to defaults when the display the window was on is gone', () => {
    const saved = { x: 2000, y: 100, width: 1400, height: 900, maximized: false };
    const opts = mainWindowOptions(saved, [laptop], web);
    expect(opts).toMatchObject({ width: 1280, height: 800 });
    expect(opts.x).toBeUndefined();
  });

  it('falls back when only a sliver or only the bottom of the window is on screen', () => {
    expect(mainWindowOptions({ x: 1900, y: 0, width: 1000, height: 800, maximized: false }, [laptop], web).x).toBeUndefined();
    expect(mainWindowOptions({ x: 100, y: -780, width: 1000, height: 800, maximized: false }, [laptop], web).x).toBeUndefined();
  });

  it('shrinks a window larger than its display', () => {
    const small = { workArea: { x: 0, y: 0, width: 1366, height: 728 } };
    const opts = mainWindowOptions({ x: 0, y: 0, width: 2500, height: 1400, maximized: true }, [small], web);
    expect(opts).toMatchObject({ x: 0, y: 0, width: 1366, height: 728 });
  });

  it('carries the hardened webPreferences with devtools per build', () => {
    expect(mainWindowOptions(null, [laptop], web).webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, devTools: false, preload: '/app/preload.cjs' });
    expect(mainWindowOptions(null, [laptop], { ...web, devTools: true }).webPreferences?.devTools).toBe(true);
  });
});

describe('window state file', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-window-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('round-trips', () => {
    const file = path.join(dir, 'sub', 'window-state.json');
    saveWindowState(file, { x: 10, y: 20, width: 1300, height: 820, maximized: true });
    expect(loadWindowState(file)).toEqual({ x: 10, y: 20, width: 1300, height: 820, maximized: true });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['window-state.json']);
  });

  it.each([
    ['missing', null],
    ['corrupt', '{"x": 1, "y":'],
    ['wrong shape', '{"x": "left", "y": 0, "width": 10, "height": 10}'],
    ['not an object', '42'],
    ['absurd size', '{"x": 0, "y": 0, "width": 1e12, "height": 10}'],
    ['empty', ''],
  ])('gives defaults for a %s file', (_label, content) => {
    const file = path.join(dir, 'window-state.json');
    if (content !== null) fs.writeFileSync(file, content);
    expect(loadWindowState(file)).toBeNull();
    expect(mainWindowOptions(loadWindowState(file), [laptop], web)).toMatchObject({ width: 1280, height: 800 });
  });

  it('treats an unreadable path (a directory) as no state', () => {
    expect(loadWindowState(dir)).toBeNull();
  });
});
