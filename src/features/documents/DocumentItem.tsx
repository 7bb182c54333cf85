import { useId } from 'react';
import { useStore } from 'zustand';
import type { DocumentRecord } from '../../domain/types.ts';
import { languageStore } from '../../i18n/i18n.ts';
import { useT } from '../../i18n/useT.ts';
import { AUTO_SUMMARY_MAX_CHARS, type DocumentsStore } from '../../stores/documentsStore.ts';
import { errorKey } from '../chat/errorText.ts';
import { encodingName, formatBytes, formatCount, formatDate } from './format.ts';
import { DocumentIcon, ExternalIcon, SummaryIcon, TextIcon, TrashIcon } from './icons.tsx';
import { SummaryView } from './SummaryView.tsx';

interface Props {
  store: DocumentsStore;
  document: DocumentRecord;
  onViewText(document: DocumentRecord): void;
  onDelete(document: DocumentRecord): void;
}

/** What was read: type, size, pages or rows, language and encoding. */
function useFacts(document: DocumentRecord): string[] {
  const t = useT();
  const language = useStore(languageStore, (s) => s.language);
  const facts = [t(`documents.type.${document.type}`), formatBytes(document.size, language)];
  if (document.pages !== undefined) facts.push(document.pages === 1 ? t('documents.page') : t('documents.pages', { count: formatCount(document.pages, language) }));
  if (document.rows !== undefined) facts.push(t('documents.rows', { count: formatCount(document.rows, language) }));
  if (document.columns?.length) facts.push(t('documents.columns', { count: formatCount(document.columns.length, language) }));
  if (document.language) facts.push(t(`documents.language.${document.language}`));
  if (document.encoding && document.type !== 'pdf') facts.push(encodingName(document.encoding));
  return facts;
}

export function DocumentItem({ store, document, onViewText, onDelete }: Props) {
  const t = useT();
  const language = useStore(languageStore, (s) => s.language);
  const indexAvailable = useStore(store, (s) => s.indexAvailable);
  const summarizing = useStore(store, (s) => s.summaries[document.id]?.running === true);
  const removing = useStore(store, (s) => s.removing[document.id] === true);
  const facts = useFacts(document);
  const nameId = useId();
  const name = document.fileName;
  const index = document.indexState ?? 'none';
  const showIndex = indexAvailable || index !== 'none';
  const usable = document.status !== 'error';
  // Visible words first, then the file name for readers: "View text: 보고서.pdf".
  const nameSuffix = `: ${name}`;

  return (
    <li className="document-item" data-testid="document-item" data-status={document.status} data-index={index} aria-labelledby={nameId} aria-busy={removing || summarizing}>
      <div className="document-head">
        <DocumentIcon />
        <span id={nameId} className="document-name">
          {name}
        </span>
      </div>
      <p className="document-facts">
        {facts.join(' · ')}
        <span className="visually-hidden"> · </span>
        <time className="document-date" dateTime={document.createdAt}>
          {formatDate(document.createdAt, language)}
        </time>
      </p>
      <div className="document-badges">
        {document.status === 'error' ? (
          <span className="document-badge bad">{t('documents.status.error')}</span>
        ) : document.status !== 'ready' ? (
          <span className="document-badge busy">{t(`documents.status.${document.status}`)}</span>
        ) : null}
        {showIndex && (
          <span className={`document-badge index-${index}`} data-testid="index-state">
            {t(`documents.index.${index}`)}
          </span>
        )}
      </div>
      {document.status === 'error' && document.errorCode && <p className="error-text document-error">{t(errorKey(document.errorCode))}</p>}
      {index === 'failed' && document.indexError && <p className="hint">{t('documents.indexFailedReason', { reason: document.indexError })}</p>}

      <SummaryView store={store} document={document} />

      <div className="document-actions" role="group" aria-label={t('documents.actionsFor', { name })}>
        <button type="button" className="secondary small" disabled={!usable} data-testid="view-text" onClick={() => onViewText(document)}>
          <TextIcon />
          <span>{t('documents.viewText')}</span>
          <span className="visually-hidden">{nameSuffix}</span>
        </button>
        <button type="button" className="secondary small" data-testid="open-original" onClick={() => store.getState().openOriginal(document.id)}>
          <ExternalIcon />
          <span>{t('documents.openOriginal')}</span>
          <span className="visually-hidden">{nameSuffix}</span>
        </button>
        {!summarizing && usable && !document.summary && (document.textLength ?? 0) > AUTO_SUMMARY_MAX_CHARS && (
          <p className="document-note" data-testid="summary-not-started">
            {t('documents.summaryLarge')}
          </p>
        )}
        {!summarizing && usable && (
          <button type="button" className="secondary small" data-testid="summarize" onClick={() => void store.getState().summarize(document.id)}>
            <SummaryIcon />
            <span>{document.summary ? t('documents.summarizeAgain') : t('documents.summarize')}</span>
            <span className="visually-hidden">{nameSuffix}</span>
          </button>
        )}
        <button type="button" className="secondary small danger" disabled={removing} data-testid="delete-document" onClick={() => onDelete(document)}>
          <TrashIcon />
          <span>{removing ? t('documents.deleting') : t('documents.delete')}</span>
          <span className="visually-hidden">{nameSuffix}</span>
        </button>
      </div>
    </li>
  );
}
