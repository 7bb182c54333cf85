import { useState } from 'react';
import { useStore } from 'zustand';
import type { Conversation } from '../../domain/types.ts';
import { useT } from '../../i18n/useT.ts';
import { useChatApp } from './chatContext.ts';
import { PencilIcon, TrashIcon } from './icons.tsx';

interface Props {
  conversation: Conversation;
  active: boolean;
  onOpened(): void;
}

export function ConversationItem({ conversation, active, onOpened }: Props) {
  const t = useT();
  const { chat, conversations } = useChatApp();
  // Deleting the conversation that is being answered would let the answer's save bring it back.
  const answering = useStore(chat, (s) => active && s.streaming !== undefined);
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(conversation.title);
  const shown = conversation.title || t('chat.untitled');

  if (editing) {
    const save = () => {
      setEditing(false);
      void conversations.getState().rename(conversation.id, title);
    };
    return (
      <li className="conversation editing">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save();
          }}
        >
          <input
            aria-label={t('chat.renameLabel', { title: shown })}
            value={title}
            autoFocus
            maxLength={120}
            onChange={(event) => setTitle(event.target.value)}
            onKeyDown={(event) => event.key === 'Escape' && setEditing(false)}
          />
          <div className="row-actions">
            <button type="submit" className="small">{t('chat.save')}</button>
            <button type="button" className="secondary small" onClick={() => setEditing(false)}>
              {t('chat.cancel')}
            </button>
          </div>
        </form>
      </li>
    );
  }

  return (
    <li className={`conversation${active ? ' active' : ''}`} data-testid="conversation-item">
      <button
        type="button"
        className="conversation-open"
        aria-current={active ? 'true' : undefined}
        onClick={() => {
          conversations.getState().select(conversation.id);
          onOpened();
        }}
      >
        {shown}
      </button>
      <div className="row-actions">
        <button
          type="button"
          className="icon-button"
          aria-label={`${t('chat.rename')}: ${shown}`}
          title={t('chat.rename')}
          onClick={() => {
            setTitle(conversation.title);
            setEditing(true);
          }}
        >
          <PencilIcon />
        </button>
        <button
          type="button"
          className="icon-button danger"
          disabled={answering}
          aria-label={`${t('chat.delete')}: ${shown}`}
          title={t('chat.delete')}
          onClick={() => window.confirm(t('chat.confirmDelete', { title: shown })) && void conversations.getState().remove(conversation.id)}
        >
          <TrashIcon />
        </button>
      </div>
    </li>
  );
}
