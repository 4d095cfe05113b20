// A modal on the native <dialog>: the browser traps focus, makes the page behind inert and
// closes on Esc, so keyboard users can never get lost behind an overlay.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** For dialogs that must be answered (sign in again): Esc does nothing. */
  dismissible?: boolean;
  description?: string;
  wide?: boolean;
}

export function Dialog({ title, onClose, children, dismissible = true, description, wide = false }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();
  // The element focused before the dialog opened (read on first render, before any autoFocus
  // inside it) gets focus back when it closes.
  const [returnTo] = useState(() => document.activeElement);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    // showModal focuses the first focusable element; a dialog whose safest or most useful
    // control is another one marks it with data-autofocus (React's autoFocus runs too early,
    // while the dialog is still closed and nothing in it can take focus).
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (returnTo instanceof HTMLElement && returnTo.isConnected) returnTo.focus();
    };
  }, [returnTo]);

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      aria-describedby={description ? descId : undefined}
      onCancel={(e) => {
        e.preventDefault();
        if (dismissible) onClose();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {description ? (
        <p id={descId} className="dialog-description">
          {description}
        </p>
      ) : null}
      {children}
    </dialog>
  );
}
