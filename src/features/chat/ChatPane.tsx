import { useStore } from 'zustand';
import { useT } from '../../i18n/useT.ts';
import { useChatApp } from './chatContext.ts';
import { ChatNoticeBanner } from './ChatNoticeBanner.tsx';
import { Composer } from './Composer.tsx';
import { DocumentsToggle } from './DocumentsToggle.tsx';
import { DocumentsButton } from '../documents/index.ts';
import { MessageList } from './MessageList.tsx';
import { MenuIcon } from './icons.tsx';
import { ModelPicker } from './ModelPicker.tsx';
import { ModePicker } from './ModePicker.tsx';
import { ParamsPanel } from './ParamsPanel.tsx';

export function ChatPane({
  drawerOpen,
  onOpenMenu,
  documentsOpen,
  onOpenDocuments,
}: {
  drawerOpen: boolean;
  onOpenMenu(): void;
  documentsOpen: boolean;
  onOpenDocuments(): void;
}) {
  const t = useT();
  const { chat, conversations, documents } = useChatApp();
  const conversationId = useStore(chat, (s) => s.conversationId);
  const title = useStore(conversations, (s) => s.conversations.find((c) => c.id === conversationId)?.title);
  const busy = useStore(chat, (s) => s.streaming !== undefined);
  return (
    <main className="chat-pane" aria-labelledby="chat-title" inert={drawerOpen || documentsOpen}>
      <header className="chat-header">
        <button type="button" className="secondary menu-button" aria-label={t('chat.openMenu')} aria-controls="chat-sidebar" aria-expanded={drawerOpen} onClick={onOpenMenu}>
          <MenuIcon />
        </button>
        <h1 id="chat-title" className="chat-title" data-testid="chat-title">
          {title || t('chat.untitled')}
        </h1>
        <div className="chat-controls">
          <ModelPicker />
          <ModePicker />
          <DocumentsButton store={documents} open={documentsOpen} onClick={onOpenDocuments} />
          <button type="button" className="secondary small wide-only" disabled={busy} data-testid="clear-memory" onClick={() => void chat.getState().clearMemory()}>
            {t('chat.clearMemory')}
          </button>
          <ParamsPanel />
        </div>
      </header>
      {/* A fresh list per conversation starts scrolled to the newest message. */}
      <MessageList key={conversationId ?? 'new'} />
      <ChatNoticeBanner />
      <DocumentsToggle />
      <Composer />
    </main>
  );
}
