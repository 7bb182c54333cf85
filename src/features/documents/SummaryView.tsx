import { useStore } from 'zustand';
import { useT } from '../../i18n/useT.ts';
import type { DocumentRecord } from '../../domain/types.ts';
import type { DocumentsStore } from '../../stores/documentsStore.ts';
import { errorKey } from '../chat/errorText.ts';
import { LazyMarkdownMessage } from '../markdown/LazyMarkdownMessage.tsx';
import { percentOf } from './format.ts';
import { useModelLabel } from './modelLabel.ts';
import { ProgressBar } from './ProgressBar.tsx';

/**
 * The summary of one document: while it runs, the parts done of the total and the text as it
 * streams, with Stop; once saved, the summary and the model that wrote it; or why it failed.
 */
export function SummaryView({ store, document }: { store: DocumentsStore; document: DocumentRecord }) {
  const t = useT();
  const entry = useStore(store, (s) => s.summaries[document.id]);
  const modelLabel = useModelLabel();

  if (entry?.running) {
    const progress = entry.progress;
    const many = progress !== undefined && progress.total > 1 && progress.phase !== 'final';
    const status = !progress
      ? t('documents.summarizing')
      : progress.phase === 'parts' && many
        ? t('documents.summaryParts', { done: progress.done, total: progress.total })
        : progress.phase === 'combine' && many
          ? t('documents.summaryCombine', { done: progress.done, total: progress.total })
          : t('documents.summaryFinal');
    return (
      <div className="document-summary running" data-testid="summary-running">
        <ProgressBar label={t('documents.summaryProgress')} value={many ? percentOf(progress.done, progress.total) : undefined} text={status} />
        <div className="summary-status">
          <span role="status">{status}</span>
          <button type="button" className="secondary small" aria-label={t('documents.stopSummaryOf', { name: document.fileName })} onClick={() => store.getState().cancelSummary(document.id)}>
            {t('documents.stopSummary')}
          </button>
        </div>
        {entry.text && <LazyMarkdownMessage key={progress?.phase ?? 'single'} className="summary-text" text={entry.text} streaming />}
      </div>
    );
  }
  if (entry?.error) {
    return (
      <div className="document-summary failed" role="alert">
        <p className="error-text">{t('documents.summaryFailed', { reason: t(errorKey(entry.error)) })}</p>
      </div>
    );
  }
  if (!document.summary) return null;
  return (
    <details className="document-summary" data-testid="summary" open>
      <summary>{t('documents.summary')}</summary>
      <LazyMarkdownMessage className="summary-text" text={document.summary} streaming={false} />
      {document.summaryModelId && <p className="hint">{t('documents.summaryBy', { model: modelLabel(document.summaryModelId) })}</p>}
    </details>
  );
}
