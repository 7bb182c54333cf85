import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { HistoryText } from './historyText.ts';

interface Props {
  text: HistoryText;
  onConfirm(): void;
  onCancel(): void;
}

const matches = (typed: string, word: string) => typed.normalize('NFC').trim().toLowerCase() === word.normalize('NFC').toLowerCase();

/**
 * A modal that asks for the confirm word before anything is deleted. Focus moves into it on open,
 * Tab stays inside, Escape cancels; the opener gets focus back when it closes (see HistoryPanel).
 */
export function ConfirmDeleteDialog({ text, onConfirm, onCancel }: Props) {
  const [typed, setTyped] = useState('');
  const dialogRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const inputId = useId();
  const ready = matches(typed, text.confirmWord);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
      return;
    }
    if (event.key !== 'Tab') return;
    const focusable = [...(dialogRef.current?.querySelectorAll<HTMLElement>('input, button:not(:disabled)') ?? [])];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  };

  return (
    <div className="history-backdrop">
      <div
        ref={dialogRef}
        className="history-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>{text.dialogTitle}</h2>
        <p id={bodyId}>{text.dialogBody}</p>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (ready) onConfirm();
          }}
        >
          <label className="field" htmlFor={inputId}>
            <span>{text.confirmLabel(text.confirmWord)}</span>
          </label>
          <input
            id={inputId}
            ref={inputRef}
            value={typed}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setTyped(event.target.value)}
          />
          <div className="history-actions">
            <button type="button" className="secondary" onClick={onCancel}>
              {text.cancel}
            </button>
            <button type="submit" className="history-danger" disabled={!ready}>
              {text.confirmDelete}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
