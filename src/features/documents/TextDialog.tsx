import { useEffect, useId } from 'react';
import { useStore } from 'zustand';
import type { DocumentRecord } from '../../domain/types.ts';
import { languageStore } from '../../i18n/i18n.ts';
import { useT } from '../../i18n/useT.ts';
import type { DocumentsStore } from '../../stores/documentsStore.ts';
import { errorKey } from '../chat/errorText.ts';
import { formatCount } from './format.ts';
import { CloseIcon } from './icons.tsx';
import { Modal } from './Modal.tsx';

/** The extracted text exactly as stored, so the user can check what was read from the file. */
export function TextDialog({ store, document, onClose }: { store: DocumentsStore; document: DocumentRecord; onClose(): void }) {
  const t = useT();
  const language = useStore(languageStore, (s) => s.language);
  const entry = useStore(store, (s) => s.texts[document.id]);
  const titleId = useId();
  const hintId = useId();
  const { id } = document;

  useEffect(() => {
    void store.getState().readText(id);
    return () => store.getState().forgetText(id);
  }, [store, id]);

  return (
    <Modal labelledBy={titleId} describedBy={hintId} className="text-dialog" onClose={onClose} testId="text-dialog">
      <div className="dialog-head">
        <h2 id={titleId}>{t('documents.textTitle', { name: document.fileName })}</h2>
        <button type="button" className="icon-button" aria-label={t('documents.closeDialog')} onClick={onClose}>
          <CloseIcon />
        </button>
      </div>
      <p id={hintId} className="hint">
        {t('documents.textHint')}
        {entry?.text !== undefined && ` (${t('documents.characters', { count: formatCount(entry.text.length, language) })})`}
      </p>
      {entry?.phase === 'ready' ? (
        // Focusable so the keyboard can scroll it; lang follows the document, for the right voice and fonts.
        <pre className="extracted-text" tabIndex={0} lang={document.language} data-testid="extracted-text">
          {entry.text}
        </pre>
      ) : entry?.phase === 'error' ? (
        <p className="error-text" role="alert">
          {t('documents.textFailed', { reason: t(errorKey(entry.error ?? 'unknown')) })}
        </p>
      ) : (
        <p className="muted" role="status">
          {t('documents.textLoading')}
        </p>
      )}
    </Modal>
  );
}
