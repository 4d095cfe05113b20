import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.js';
import { ja } from '../i18n/ja.js';
import { commandFor, SHORTCUTS, shortcutLabels, type KeyInput } from './shortcuts.js';

const press = (key: string, more: Partial<KeyInput> = {}): KeyInput => ({ key, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...more });

describe('shortcut map', () => {
  it('has the keys the office asked for', () => {
    const expected: [string, string][] = [
      ['j', 'next'],
      ['k', 'prev'],
      ['x', 'select'],
      ['t', 'tag'],
      ['s', 'status'],
      ['a', 'assign'],
      ['m', 'transfer'],
      ['/', 'search'],
      ['Escape', 'back'],
      ['?', 'help'],
    ];
    for (const [key, id] of expected) expect(commandFor(press(key), false), key).toBe(id);
  });

  it('never binds one key press to two commands', () => {
    const seen = new Map<string, string>();
    for (const s of SHORTCUTS) {
      for (const k of s.keys) {
        const combo = `${s.shift && k.length > 1 ? 'shift+' : ''}${k}`;
        expect(seen.get(combo), combo).toBeUndefined();
        seen.set(combo, s.id);
      }
    }
  });

  it('resolves every listed key back to its own command', () => {
    for (const s of SHORTCUTS) {
      for (const k of s.keys) {
        expect(commandFor(press(k, { shiftKey: Boolean(s.shift) || k === '?' || k === '*' }), false), `${s.id} ${k}`).toBe(s.id);
      }
    }
  });

  it('tells shift+arrow (extend) from arrow (move)', () => {
    expect(commandFor(press('ArrowDown'), false)).toBe('next');
    expect(commandFor(press('ArrowDown', { shiftKey: true }), false)).toBe('extendNext');
    expect(commandFor(press('J', { shiftKey: true }), false)).toBe('extendNext');
  });

  it('ignores letters typed in a field, but not Esc', () => {
    expect(commandFor(press('j'), true)).toBeNull();
    expect(commandFor(press('/'), true)).toBeNull();
    expect(commandFor(press('Escape'), true)).toBe('back');
  });

  it('leaves Ctrl, Cmd and Alt combinations to the system', () => {
    expect(commandFor(press('a', { ctrlKey: true }), false)).toBeNull();
    expect(commandFor(press('s', { metaKey: true }), false)).toBeNull();
  });

  it('has a help label in both languages for every shortcut', () => {
    for (const s of SHORTCUTS) {
      expect(ja[s.label]).toBeTruthy();
      expect(en[s.label]).toBeTruthy();
      expect(shortcutLabels(s).length).toBeGreaterThan(0);
    }
    expect(shortcutLabels(SHORTCUTS.find((s) => s.id === 'extendNext')!)).toEqual(['Shift+J', 'Shift+↓']);
  });
});
