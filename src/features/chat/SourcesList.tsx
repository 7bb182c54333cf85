import { useId } from 'react';
import { useStore } from 'zustand';
import type { Citation, Message } from '../../domain/types.ts';
import { useT } from '../../i18n/useT.ts';
import { useChatApp } from './chatContext.ts';

/** One cited document: its number in the answer, name, page, the passage, and a link to the original. */
function Source({ citation }: { citation: Citation }) {
  const t = useT();
  const { documents } = useChatApp();
  const open = () => documents.getState().openOriginal(citation.documentId);
  return (
    <li className="source" data-testid="source">
      <span className="source-number" aria-hidden="true">
        [{citation.index}]
      </span>
      <div className="source-body">
        <button type="button" className="link-button source-title" onClick={open} data-testid="source-open">
          {citation.title}
          {citation.page !== undefined && <span className="source-page"> · {t('chat.sourcePage', { page: citation.page })}</span>}
          <span className="visually-hidden"> ({t('chat.sourceOpens')})</span>
        </button>
        {citation.excerpt && <p className="source-excerpt">{citation.excerpt}</p>}
      </div>
    </li>
  );
}

/** Where an answer from documents came from; hidden or shown for every answer at once. */
export function SourcesList({ message }: { message: Message }) {
  const t = useT();
  const id = useId();
  const { settings } = useChatApp();
  const shown = useStore(settings, (s) => s.settings.showSources);
  const citations = message.citations ?? [];
  if (citations.length === 0) return null;
  const toggle = () => settings.getState().update({ showSources: !shown });
  return (
    <section className="sources" aria-labelledby={`${id}-title`} data-testid="sources">
      <div className="sources-header">
        <h3 id={`${id}-title`} className="sources-title">
          {t('chat.sources', { count: citations.length })}
        </h3>
        <button type="button" className="link-button small" aria-expanded={shown} aria-controls={`${id}-list`} onClick={toggle} data-testid="sources-toggle">
          {shown ? t('chat.sourcesHide') : t('chat.sourcesShow')}
        </button>
      </div>
      {shown && (
        <ol id={`${id}-list`} className="source-list">
          {citations.map((citation) => (
            <Source key={citation.index} citation={citation} />
          ))}
        </ol>
      )}
    </section>
  );
}
