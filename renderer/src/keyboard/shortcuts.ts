// The one map of keyboard shortcuts: the workspace's key handler and the `?` help dialog both
// read it, so the help can never list a key that does nothing or miss one that does.
import type { MessageKey } from '../i18n/ja.js';

export type CommandId =
  | 'next'
  | 'prev'
  | 'extendNext'
  | 'extendPrev'
  | 'select'
  | 'selectAll'
  | 'open'
  | 'tag'
  | 'status'
  | 'assign'
  | 'transfer'
  | 'group'
  | 'note'
  | 'reply'
  | 'search'
  | 'back'
  | 'help';

export interface Shortcut {
  id: CommandId;
  /** `KeyboardEvent.key` values; the first is the one shown in the help. */
  keys: string[];
  shift?: boolean;
  /** Runs even while typing in a field (only Esc: typing must never trigger commands). */
  inFields?: boolean;
  label: MessageKey;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'next', keys: ['j', 'ArrowDown'], label: 'keys.next' },
  { id: 'prev', keys: ['k', 'ArrowUp'], label: 'keys.prev' },
  { id: 'extendNext', keys: ['J', 'ArrowDown'], shift: true, label: 'keys.extendNext' },
  { id: 'extendPrev', keys: ['K', 'ArrowUp'], shift: true, label: 'keys.extendPrev' },
  { id: 'select', keys: ['x', ' '], label: 'keys.select' },
  { id: 'selectAll', keys: ['*'], label: 'keys.selectAll' },
  { id: 'open', keys: ['Enter', 'o'], label: 'keys.open' },
  { id: 'tag', keys: ['t'], label: 'keys.tag' },
  { id: 'status', keys: ['s'], label: 'keys.status' },
  { id: 'assign', keys: ['a'], label: 'keys.assign' },
  { id: 'transfer', keys: ['m'], label: 'keys.transfer' },
  { id: 'group', keys: ['g'], label: 'keys.group' },
  { id: 'note', keys: ['n'], label: 'keys.note' },
  { id: 'reply', keys: ['r'], label: 'keys.reply' },
  { id: 'search', keys: ['/'], label: 'keys.search' },
  { id: 'back', keys: ['Escape'], inFields: true, label: 'keys.back' },
  { id: 'help', keys: ['?'], label: 'keys.help' },
];

export interface KeyInput {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/**
 * The command for a key press, or null. `inField` is true when focus is in a text input, a
 * select or a textarea: then only Esc counts. Ctrl/Cmd/Alt combinations are left to the
 * browser and the system (copy, paste, zoom).
 */
export function commandFor(e: KeyInput, inField: boolean): CommandId | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  for (const s of SHORTCUTS) {
    if (inField && !s.inFields) continue;
    if (!s.keys.includes(e.key)) continue;
    // Letters carry their own case (J is Shift+j); named keys (arrows) need the flag checked.
    if (e.key.length > 1 && Boolean(s.shift) !== e.shiftKey) continue;
    return s.id;
  }
  return null;
}

/** How a key is written in the help dialog. */
export function keyLabel(key: string): string {
  switch (key) {
    case 'ArrowDown':
      return '↓';
    case 'ArrowUp':
      return '↑';
    case 'Escape':
      return 'Esc';
    case ' ':
      return 'Space';
    default:
      return key;
  }
}

/** The key combinations of a shortcut as the help shows them, e.g. ["Shift+J", "Shift+↓"]. */
export function shortcutLabels(s: Shortcut): string[] {
  return s.keys.map((k) => (s.shift ? `Shift+${keyLabel(k.length === 1 ? k.toUpperCase() : k)}` : keyLabel(k)));
}
