// Turns key presses anywhere in the window into workspace commands, through the one map in
// shortcuts.ts. Typing in a field never triggers a command (only Esc does), and Enter/Space
// stay with a focused button or checkbox.
import { useEffect, useRef } from 'react';
import { commandFor, type CommandId } from './shortcuts.js';

export type CommandHandlers = Partial<Record<CommandId, () => void>>;

function isTextField(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(el.type);
  return false;
}

function isActivatable(el: Element | null): boolean {
  return el instanceof HTMLButtonElement || el instanceof HTMLAnchorElement || el?.tagName === 'SUMMARY' || (el instanceof HTMLInputElement && !isTextField(el));
}

export function useShortcuts(handlers: CommandHandlers, enabled: boolean): void {
  // The latest handlers without re-subscribing on every render.
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });

  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      // A modal dialog handles its own keys (Esc closes it); the workspace behind is inert.
      if (document.querySelector('dialog[open]')) return;
      const active = document.activeElement;
      const command = commandFor(e, isTextField(active));
      if (!command) return;
      if ((e.key === 'Enter' || e.key === ' ') && isActivatable(active)) return;
      // Arrows move the list only from the list itself; elsewhere they keep scrolling the page.
      if (e.key.startsWith('Arrow') && active !== document.body && !active?.closest('[role=listbox]')) return;
      const run = ref.current[command];
      if (!run) return;
      e.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
