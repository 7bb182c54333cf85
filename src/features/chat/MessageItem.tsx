import { memo } from 'react';
import { useStore } from 'zustand';
import type { Message } from '../../domain/types.ts';
import { useT } from '../../i18n/useT.ts';
import { languageStore } from '../../i18n/i18n.ts';
import { LazyMarkdownMessage } from '../markdown/LazyMarkdownMessage.tsx';
import { useChatApp } from './chatContext.ts';
import { CopyAnswerButton } from './CopyAnswerButton.tsx';
import { SourcesList } from './SourcesList.tsx';
import { errorKey } from './errorText.ts';
import { formatNumber, modelName } from './format.ts';

/** Labels of the code-block copy button inside rendered answers. */
export function useMarkdownLabels() {
  const t = useT();
  return { copy: t('markdown.copy'), copied: t('markdown.copied'), copyFailed: t('markdown.copyFailed') };
}

function AnswerMeta({ message }: { message: Message }) {
  const t = useT();
  const { settings } = useChatApp();
  const groups = useStore(settings, (s) => s.models);
  const language = useStore(languageStore, (s) => s.language);
  const parts: string[] = [];
  if (message.modelId) parts.push(modelName(groups, message.modelId));
  const { usage, timings } = message;
  if (usage?.inputTokens !== undefined || usage?.outputTokens !== undefined) {
    parts.push(t('chat.tokens', { input: formatNumber(usage.inputTokens ?? 0, language), output: formatNumber(usage.outputTokens ?? 0, language) }));
  }
  if (timings?.ttftMs !== undefined) parts.push(t('chat.ttft', { ms: formatNumber(Math.round(timings.ttftMs), language) }));
  if (timings) parts.push(t('chat.total', { seconds: (timings.totalMs / 1000).toFixed(1) }));
  return (
    <div className="answer-footer">
      <CopyAnswerButton text={message.text} />
      <p className="message-meta" data-testid="answer-meta">{parts.join(' · ')}</p>
    </div>
  );
}

function Incomplete({ message }: { message: Message }) {
  const t = useT();
  const { chat } = useChatApp();
  const busy = useStore(chat, (s) => s.streaming !== undefined);
  const stopped = message.errorCode === 'aborted';
  const label = stopped ? t('chat.stopped') : message.status === 'partial' ? t('chat.incomplete') : t('chat.failed');
  return (
    <div className="incomplete" role="status" data-testid="incomplete">
      <span className="incomplete-badge">{label}</span>
      {!stopped && message.errorCode && (
        <span className="incomplete-reason">
          {message.status === 'partial' && message.errorCode !== 'stream-cut'
            ? t('chat.cutBecause', { reason: t(errorKey(message.errorCode)) })
            : t(errorKey(message.errorCode))}
        </span>
      )}
      <button type="button" className="secondary small" disabled={busy} onClick={() => void chat.getState().retry(message.id)}>
        {t('chat.retry')}
      </button>
    </div>
  );
}

export const MessageItem = memo(function MessageItem({ message }: { message: Message }) {
  const t = useT();
  const labels = useMarkdownLabels();
  if (message.role === 'marker') {
    return (
      <div className="marker" data-testid="memory-cleared">
        <span>{t('chat.memoryCleared')}</span>
      </div>
    );
  }
  const mine = message.role === 'user';
  return (
    <div
      className={`message ${mine ? 'from-user' : 'from-assistant'}`}
      data-testid={mine ? 'user-message' : 'assistant-message'}
      data-status={message.status}
      data-error={message.errorCode}
    >
      <span className="visually-hidden">{mine ? t('chat.you') : t('chat.assistant')}: </span>
      {message.document && (
        <p className="summary-label" data-testid="summary-label">
          {t('chat.documentSummary', { name: message.document.fileName })}
        </p>
      )}
      <div className="bubble">
        {mine ? <p className="message-text">{message.text}</p> : <LazyMarkdownMessage className="message-text" text={message.text} streaming={false} labels={labels} />}
      </div>
      {!mine && message.status !== 'complete' && <Incomplete message={message} />}
      {!mine && message.retrieval && message.retrieval !== 'grounded' && (
        <p className="retrieval-note" data-testid="retrieval-note">
          {t(message.retrieval === 'no-passages' ? 'chat.retrievalNoPassages' : 'chat.retrievalUnavailable')}
        </p>
      )}
      {!mine && <SourcesList message={message} />}
      {!mine && <AnswerMeta message={message} />}
    </div>
  );
});
