import { Fragment, useLayoutEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { ChatNote } from '../../stores/chatStore.ts';
import { useT } from '../../i18n/useT.ts';
import { useChatApp } from './chatContext.ts';
import { MessageItem } from './MessageItem.tsx';
import { ModelListNote } from './ModelListNote.tsx';
import { StreamingItem } from './StreamingItem.tsx';

/** Within this many pixels of an edge counts as being at it. */
const EDGE = 120;

function NoteItem({ note }: { note: ChatNote }) {
  const t = useT();
  if (note.kind === 'model-list') return <ModelListNote note={note} />;
  return (
    <li className="marker" data-testid="memory-cleared">
      <span>{t('chat.memoryCleared')}</span>
    </li>
  );
}

export function MessageList() {
  const t = useT();
  const { chat } = useChatApp();
  const messages = useStore(chat, (s) => s.messages);
  const notes = useStore(chat, (s) => s.notes);
  const pending = useStore(chat, (s) => s.pendingQuestion);
  const replacing = useStore(chat, (s) => s.streaming?.replacesId);
  const streamedText = useStore(chat, (s) => s.streaming?.text);
  const phase = useStore(chat, (s) => s.historyPhase);
  const hasOlder = useStore(chat, (s) => s.olderCursor !== undefined);
  const loadingOlder = useStore(chat, (s) => s.loadingOlder);
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const firstId = useRef<string | undefined>(undefined);
  const heightBefore = useRef(0);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const first = messages[0]?.id;
    if (firstId.current !== undefined && first !== firstId.current && !pinned.current) {
      // Older messages came in above: keep what the reader was looking at in place.
      el.scrollTop += el.scrollHeight - heightBefore.current;
    } else if (pinned.current) {
      el.scrollTop = el.scrollHeight;
    }
    firstId.current = first;
    heightBefore.current = el.scrollHeight;
  }, [messages, notes, pending, streamedText]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < EDGE;
    heightBefore.current = el.scrollHeight;
    if (el.scrollTop < EDGE && hasOlder && !loadingOlder) void chat.getState().loadOlder();
  };

  const notesAfter = (id: string | undefined) => notes.filter((n) => n.afterMessageId === id);
  const empty = phase === 'ready' && messages.length === 0 && notes.length === 0 && !pending;

  return (
    <div className="message-scroller" ref={scroller} onScroll={onScroll}>
      {hasOlder && (
        <div className="older">
          <button type="button" className="link-button" disabled={loadingOlder} onClick={() => void chat.getState().loadOlder()}>
            {loadingOlder ? t('chat.loadingOlder') : t('chat.loadOlder')}
          </button>
        </div>
      )}
      {phase === 'loading' && <p className="muted center" role="status">{t('chat.historyLoading')}</p>}
      {empty && <p className="empty-chat">{t('chat.empty')}</p>}
      <ol className="messages" aria-label={t('chat.messages')} role="log" aria-live="polite">
        {notesAfter(undefined).map((note) => (
          <NoteItem key={note.id} note={note} />
        ))}
        {messages.map((message) =>
          message.id === replacing ? null : (
            <Fragment key={message.id}>
              <MessageItem message={message} />
              {notesAfter(message.id).map((note) => (
                <NoteItem key={note.id} note={note} />
              ))}
            </Fragment>
          ),
        )}
        {pending && <MessageItem message={pending} />}
        <StreamingItem />
      </ol>
    </div>
  );
}
