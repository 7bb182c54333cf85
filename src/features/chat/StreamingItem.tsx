import { useStore } from 'zustand';
import { useT } from '../../i18n/useT.ts';
import { LazyMarkdownMessage } from '../markdown/LazyMarkdownMessage.tsx';
import { useChatApp } from './chatContext.ts';
import { useMarkdownLabels } from './MessageItem.tsx';

/** The answer being written: a typing indicator until the first token, then the text so far. */
export function StreamingItem() {
  const t = useT();
  const { chat } = useChatApp();
  const streaming = useStore(chat, (s) => s.streaming);
  const labels = useMarkdownLabels();
  if (!streaming) return null;
  const waiting = streaming.text === '';
  const status = streaming.stopped
    ? t('chat.stopping')
    : streaming.phase === 'retrying'
      ? t('chat.retrying', { attempt: streaming.attempt })
      : streaming.phase === 'saving'
        ? t('chat.saving')
        : streaming.phase === 'searching'
          ? t('chat.searching')
          : undefined;
  return (
    <div className="message from-assistant streaming" data-testid="streaming-answer" aria-busy={!streaming.stopped}>
      <span className="visually-hidden">{t('chat.assistant')}: </span>
      <div className="bubble">
        {waiting && !streaming.stopped ? (
          <span className="typing" data-testid="typing-indicator" role="status" aria-label={t('chat.typing')}>
            <span />
            <span />
            <span />
          </span>
        ) : (
          <LazyMarkdownMessage className="message-text" text={streaming.text} streaming={!streaming.stopped} labels={labels} />
        )}
      </div>
      {status && (
        <p className="message-meta" role="status" data-testid="streaming-status">
          {status}
        </p>
      )}
    </div>
  );
}
