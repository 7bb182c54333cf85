import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { ChatNote } from '../../stores/chatStore.ts';
import type { Message } from '../../domain/types.ts';
import { useT } from '../../i18n/useT.ts';
import { useChatApp } from './chatContext.ts';
import { MessageItem } from './MessageItem.tsx';
import { ModelListNote } from './ModelListNote.tsx';
import { StreamingItem } from './StreamingItem.tsx';
import { useVirtualRows } from './useVirtualRows.ts';
import { ArrowDownIcon } from './icons.tsx';

type Row = { key: string; message: Message; note?: undefined } | { key: string; note: ChatNote; message?: undefined };

function NoteItem({ note }: { note: ChatNote }) {
  const t = useT();
  if (note.kind === 'model-list') return <ModelListNote note={note} />;
  return (
    <div className="marker" data-testid="memory-cleared">
      <span>{t('chat.memoryCleared')}</span>
    </div>
  );
}

/** Messages and command notes in reading order; the answer a Retry replaces is left out. */
function buildRows(messages: readonly Message[], notes: readonly ChatNote[], replacing: string | undefined): Row[] {
  const notesAfter = new Map<string | undefined, ChatNote[]>();
  for (const note of notes) notesAfter.set(note.afterMessageId, [...(notesAfter.get(note.afterMessageId) ?? []), note]);
  const rows: Row[] = (notesAfter.get(undefined) ?? []).map((note) => ({ key: `note-${note.id}`, note }));
  for (const message of messages) {
    if (message.id !== replacing) rows.push({ key: message.id, message });
    for (const note of notesAfter.get(message.id) ?? []) rows.push({ key: `note-${note.id}`, note });
  }
  return rows;
}

/**
 * The conversation, windowed: only rows near the viewport are in the DOM. It follows the stream
 * while the reader is at the bottom, and keeps the row being read in place when older pages load.
 */
export function MessageList() {
  const t = useT();
  const { chat } = useChatApp();
  const messages = useStore(chat, (s) => s.messages);
  const notes = useStore(chat, (s) => s.notes);
  const pending = useStore(chat, (s) => s.pendingQuestion);
  const streaming = useStore(chat, (s) => s.streaming !== undefined);
  const replacing = useStore(chat, (s) => s.streaming?.replacesId);
  const phase = useStore(chat, (s) => s.historyPhase);
  const hasOlder = useStore(chat, (s) => s.olderCursor !== undefined);
  const loadingOlder = useStore(chat, (s) => s.loadingOlder);

  const rows = useMemo(() => buildRows(messages, notes, replacing), [messages, notes, replacing]);
  const keys = useMemo(() => rows.map((row) => row.key), [rows]);
  const { scrollerRef, listRef, onScroll, jumpToLatest, atBottom, start, end, paddingTop, paddingBottom } = useVirtualRows({
    keys,
    // A new question or answer at the bottom is a change to follow like streamed text.
    tailVersion: `${pending?.id ?? ''}|${streaming}`,
    onNearTop: () => hasOlder && !loadingOlder && void chat.getState().loadOlder(),
  });

  const empty = phase === 'ready' && rows.length === 0 && !pending;

  return (
    <div className="message-area">
      <div
        className="message-scroller"
        ref={scrollerRef}
        onScroll={onScroll}
        tabIndex={0}
        role="region"
        aria-label={t('chat.messages')}
        data-testid="message-scroller"
      >
        {hasOlder && (
          <div className="older">
            <button type="button" className="link-button" disabled={loadingOlder} onClick={() => void chat.getState().loadOlder()}>
              {loadingOlder ? t('chat.loadingOlder') : t('chat.loadOlder')}
            </button>
          </div>
        )}
        {phase === 'loading' && <p className="muted center" role="status">{t('chat.historyLoading')}</p>}
        {empty && <p className="empty-chat">{t('chat.empty')}</p>}
        <ol className="messages" ref={listRef} style={{ paddingTop, paddingBottom }} data-rows={rows.length}>
          {rows.slice(start, end).map((row) => (
            <li key={row.key} className="row" data-row={row.key}>
              {row.message ? <MessageItem message={row.message} /> : <NoteItem note={row.note} />}
            </li>
          ))}
          {pending && (
            <li className="row" data-tail="pending">
              <MessageItem message={pending} />
            </li>
          )}
          {streaming && (
            <li className="row" data-tail="streaming">
              <StreamingItem />
            </li>
          )}
        </ol>
      </div>
      {!atBottom && (
        <button type="button" className="jump-latest small" data-testid="jump-latest" onClick={jumpToLatest}>
          <ArrowDownIcon /> {t('chat.jumpToLatest')}
        </button>
      )}
    </div>
  );
}
