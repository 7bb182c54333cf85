// A modal dialog in a portal (so no transformed or clipped ancestor can misplace it): focus moves
// in when it opens, Tab and Shift+Tab stay inside, Escape closes, and focus goes back to what had
// it before (or to `returnFocus` when that is gone, e.g. the button of a deleted row).
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), a[href], [tabindex]:not([tabindex="-1"])';

interface ModalProps {
  labelledBy: string;
  describedBy?: string | undefined;
  className?: string | undefined;
  onClose(): void;
  /** Where focus goes when the element that opened the dialog no longer exists. */
  returnFocus?: (() => HTMLElement | null | undefined) | undefined;
  children: ReactNode;
  testId?: string | undefined;
}

export function Modal({ labelledBy, describedBy, className, onClose, returnFocus, children, testId }: ModalProps) {
  const dialogRef = useRef<HTMLDivElement>(null);
  const fallback = useRef(returnFocus);
  useEffect(() => {
    fallback.current = returnFocus;
  }, [returnFocus]);

  // Kept across React's development double run of effects, which must not change the opener.
  const openerRef = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    const active = document.activeElement;
    // Safari does not focus a clicked button, so the opener may be the body: then use the fallback.
    if (active instanceof HTMLElement && active !== document.body && !dialog?.contains(active)) openerRef.current = active;
    const autofocus = dialog?.querySelector<HTMLElement>('[data-autofocus]');
    (autofocus ?? dialog?.querySelector<HTMLElement>(FOCUSABLE) ?? dialog)?.focus();
    return () => {
      // After the commit that removed the dialog, so a row that was deleted is really gone; not at
      // all when the dialog stays (the development re-run of effects).
      requestAnimationFrame(() => {
        if (dialog?.isConnected) return;
        const opener = openerRef.current;
        opener?.focus();
        // Gone, or disabled while its action runs (a document being deleted).
        if (!opener || document.activeElement !== opener) fallback.current?.()?.focus();
      });
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab') return;
    event.stopPropagation();
    const focusable = [...(dialogRef.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    if (event.shiftKey && (document.activeElement === first || document.activeElement === dialogRef.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div
      className="documents-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={dialogRef}
        className={`documents-dialog${className ? ` ${className}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        {...(describedBy ? { 'aria-describedby': describedBy } : {})}
        {...(testId ? { 'data-testid': testId } : {})}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        {children}
      </div>
    </div>,
    document.body,
  );
}
