import { useStore } from 'zustand';
import { useT } from '../../i18n/useT.ts';
import { filterConversations } from '../../stores/conversationsStore.ts';
import { useChatApp } from './chatContext.ts';
import { ConversationItem } from './ConversationItem.tsx';
import { errorKey } from './errorText.ts';

/** The sidebar: new chat, search by title, and the conversations, latest activity first. */
export function ConversationList({ onOpened }: { onOpened(): void }) {
  const t = useT();
  const { conversations } = useChatApp();
  const all = useStore(conversations, (s) => s.conversations);
  const query = useStore(conversations, (s) => s.query);
  const activeId = useStore(conversations, (s) => s.activeId);
  const phase = useStore(conversations, (s) => s.phase);
  const error = useStore(conversations, (s) => s.error);
  const shown = filterConversations(all, query);
  return (
    <nav className="conversation-list" aria-label={t('chat.conversations')}>
      <button
        type="button"
        className="new-chat"
        data-testid="new-conversation"
        onClick={() => {
          conversations.getState().startNew();
          onOpened();
        }}
      >
        + {t('chat.newConversation')}
      </button>
      <input
        type="search"
        aria-label={t('chat.search')}
        placeholder={t('chat.search')}
        value={query}
        onChange={(event) => conversations.getState().setQuery(event.target.value)}
      />
      {error && (
        <p className="error-text" role="alert">
          {t(errorKey(error))}{' '}
          {phase === 'error' && (
            <button type="button" className="link-button" onClick={() => void conversations.getState().load()}>
              {t('app.retry')}
            </button>
          )}
        </p>
      )}
      {phase === 'loading' && <p className="muted">{t('chat.loading')}</p>}
      {phase === 'ready' && shown.length === 0 && (
        <p className="muted">{query.trim() ? t('chat.noMatches', { query: query.trim() }) : t('chat.noConversations')}</p>
      )}
      <ul className="conversations">
        {shown.map((conversation) => (
          <ConversationItem key={conversation.id} conversation={conversation} active={conversation.id === activeId} onOpened={onOpened} />
        ))}
      </ul>
    </nav>
  );
}
