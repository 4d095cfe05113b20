// A modal on the native <dialog>: the browser traps focus, makes the page behind inert and
// closes on Esc, so keyboard users can never get lost behind an overlay.
import { useEffect, useId, useRef, type ReactNode } from 'react';

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
  // The element focused before the dialog opened gets focus back when it closes.
  const returnTo = useRef<Element | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    returnTo.current = document.activeElement;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      if (returnTo.current instanceof HTMLElement && returnTo.current.isConnected) returnTo.current.focus();
    };
  }, []);

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
