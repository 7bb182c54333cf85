import { useStore } from 'zustand';
import { useT } from '../../i18n/useT.ts';
import type { DocumentsStore } from '../../stores/documentsStore.ts';
import { DocumentIcon } from './icons.tsx';
import './documents.css';

interface Props {
  store: DocumentsStore;
  open: boolean;
  onClick(): void;
  className?: string | undefined;
}

/** Opens the documents drawer; shows how many documents there are and when something is running. */
export function DocumentsButton({ store, open, onClick, className }: Props) {
  const t = useT();
  const count = useStore(store, (s) => s.documents.length);
  const busy = useStore(store, (s) => Object.values(s.uploads).some((u) => u.running) || Object.values(s.summaries).some((e) => e.running));
  return (
    <button
      type="button"
      className={`secondary small documents-button${className ? ` ${className}` : ''}`}
      aria-haspopup="dialog"
      aria-expanded={open}
      data-testid="documents-open"
      data-busy={busy}
      onClick={onClick}
    >
      <DocumentIcon />
      {/* Visible words are the accessible name; on a phone the word is only visually hidden. */}
      <span className="documents-button-label">{t('documents.open')}</span>
      {count > 0 && (
        <>
          {' '}
          <span className="documents-count">{count}</span>
        </>
      )}
      {busy && <span className="documents-busy-dot" aria-hidden="true" />}
    </button>
  );
}
