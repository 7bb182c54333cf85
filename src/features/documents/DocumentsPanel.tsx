import { useEffect, useId, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { DocumentRecord } from '../../domain/types.ts';
import { languageStore, translate } from '../../i18n/i18n.ts';
import { useT } from '../../i18n/useT.ts';
import type { DocumentsStore } from '../../stores/documentsStore.ts';
import { errorKey } from '../chat/errorText.ts';
import { ConfirmRemoveDialog } from './ConfirmRemoveDialog.tsx';
import { DocumentDropZone } from './DocumentDropZone.tsx';
import { DocumentItem } from './DocumentItem.tsx';
import { formatBytes } from './format.ts';
import { ModelLabelContext, type ModelLabel } from './modelLabel.ts';
import { CloseIcon, PaperclipIcon } from './icons.tsx';
import { TextDialog } from './TextDialog.tsx';
import { UploadCard } from './UploadCard.tsx';
import './documents.css';

export const ACCEPTED_FILES = '.txt,.pdf,.csv,text/plain,text/csv,application/pdf';

export interface DocumentsPanelProps {
  store: DocumentsStore;
  /** Shows a close button (when the panel sits in a drawer). */
  onClose?: (() => void) | undefined;
  /** The id of the panel's heading, for a surrounding dialog's aria-labelledby. */
  titleId?: string | undefined;
  /** Names a model for "Summary by …", e.g. from the settings store's catalogue. */
  modelLabel?: ModelLabel | undefined;
}

/** Says when an upload finished or was cancelled; progress itself is not read out step by step. */
function useUploadAnnouncement(store: DocumentsStore): string {
  const language = useStore(languageStore, (s) => s.language);
  const [message, setMessage] = useState('');
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        for (const [id, entry] of Object.entries(previous.uploads)) {
          if (state.uploads[id] || !entry.running) continue;
          const stored = state.documents.some((d) => d.id === id);
          setMessage(translate(language, stored ? 'documents.uploadDone' : 'documents.uploadCancelled', { name: entry.fileName }));
        }
      }),
    [store, language],
  );
  return message;
}

/** Attach or drop files, follow their uploads, and work with the documents already stored. */
export function DocumentsPanel({ store, onClose, titleId, modelLabel }: DocumentsPanelProps) {
  const t = useT();
  const language = useStore(languageStore, (s) => s.language);
  const phase = useStore(store, (s) => s.phase);
  const documents = useStore(store, (s) => s.documents);
  const uploads = useStore(store, (s) => s.uploads);
  const indexAvailable = useStore(store, (s) => s.indexAvailable);
  const limit = useStore(store, (s) => s.maxUploadBytes);
  const failure = useStore(store, (s) => s.failure);
  const announcement = useUploadAnnouncement(store);
  const [viewing, setViewing] = useState<DocumentRecord>();
  const [confirming, setConfirming] = useState<DocumentRecord>();
  const fileInput = useRef<HTMLInputElement>(null);
  const attachButton = useRef<HTMLButtonElement>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);
  const ownTitleId = useId();
  const headingId = titleId ?? ownTitleId;
  const hintId = useId();
  const noteId = useId();

  useEffect(() => {
    if (store.getState().phase === 'idle') void store.getState().load();
  }, [store]);

  const focusAttach = () => requestAnimationFrame(() => attachButton.current?.focus());
  // A document still on its way in is shown by its upload card only.
  const listed = documents.filter((d) => !uploads[d.id]);
  const cards = Object.values(uploads);

  const panel = (
    <section className="documents-panel" aria-labelledby={headingId} data-testid="documents-panel">
      <DocumentDropZone store={store} className="documents-drop">
        <div className="documents-head">
          <h2 id={headingId}>{t('documents.title')}</h2>
          {onClose && (
            <button type="button" className="icon-button" aria-label={t('documents.close')} data-testid="documents-close" onClick={onClose}>
              <CloseIcon />
            </button>
          )}
        </div>
        <p className="muted">{t('documents.intro', { limit: formatBytes(limit, language) })}</p>

        {!indexAvailable && (
          <div className="documents-note" role="note" aria-labelledby={noteId} data-testid="no-index-note">
            <p id={noteId} className="documents-note-title">
              {t('documents.noIndexTitle')}
            </p>
            <p>{t('documents.noIndexBody')}</p>
          </div>
        )}

        <div className="documents-attach">
          <button ref={attachButton} type="button" aria-describedby={hintId} data-testid="attach-documents" onClick={() => fileInput.current?.click()}>
            <PaperclipIcon />
            <span>{t('documents.attach')}</span>
          </button>
          <span id={hintId} className="hint">
            {t('documents.dropHint')}
          </span>
          <input
            ref={fileInput}
            className="visually-hidden"
            type="file"
            multiple
            accept={ACCEPTED_FILES}
            tabIndex={-1}
            aria-hidden="true"
            data-testid="document-file-input"
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              // Cleared so choosing the same file again still fires a change.
              event.target.value = '';
              for (const file of files) void store.getState().upload(file);
            }}
          />
        </div>

        {cards.length > 0 && (
          <ul className="upload-cards" aria-label={t('documents.uploads')}>
            {cards.map((upload) => (
              <UploadCard key={upload.id} store={store} upload={upload} onGone={focusAttach} />
            ))}
          </ul>
        )}

        {failure && (
          <div className="documents-failure" role="alert">
            <p className="error-text">{t(`documents.failure.${failure.action}`, { reason: t(errorKey(failure.code)) })}</p>
            <div className="dialog-actions start">
              {failure.action === 'load' && (
                <button type="button" className="small" onClick={() => void store.getState().load()}>
                  {t('documents.retry')}
                </button>
              )}
              <button type="button" className="secondary small" onClick={() => store.getState().dismissFailure()}>
                {t('documents.dismiss')}
              </button>
            </div>
          </div>
        )}

        <h3 ref={listHeading} tabIndex={-1} className="documents-list-title">
          {t('documents.list')}
        </h3>
        {phase === 'loading' && listed.length === 0 ? (
          <p className="muted" role="status">
            {t('documents.loading')}
          </p>
        ) : listed.length === 0 && phase !== 'error' ? (
          <p className="muted">{t('documents.empty')}</p>
        ) : (
          <ul className="document-list" data-testid="document-list">
            {listed.map((document) => (
              <DocumentItem key={document.id} store={store} document={document} onViewText={setViewing} onDelete={setConfirming} />
            ))}
          </ul>
        )}
        <p className="visually-hidden" role="status" aria-live="polite">
          {announcement}
        </p>
      </DocumentDropZone>

      {viewing && <TextDialog store={store} document={viewing} onClose={() => setViewing(undefined)} />}
      {confirming && (
        <ConfirmRemoveDialog
          document={confirming}
          indexed={indexAvailable && (confirming.indexState ?? 'none') !== 'none'}
          returnFocus={() => listHeading.current}
          onCancel={() => setConfirming(undefined)}
          onConfirm={() => {
            setConfirming(undefined);
            void store.getState().remove(confirming.id);
          }}
        />
      )}
    </section>
  );
  return modelLabel ? <ModelLabelContext.Provider value={modelLabel}>{panel}</ModelLabelContext.Provider> : panel;
}
