import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { chatRoot } from '../../app/chat.ts';
import { useT } from '../../i18n/useT.ts';
import { ChatAppContext } from './chatContext.ts';
import { ChatPane } from './ChatPane.tsx';
import { ConversationList } from './ConversationList.tsx';
import { CloseIcon } from './icons.tsx';
import { DocumentDropZone, DocumentsDrawer } from '../documents/index.ts';
import { findModel } from '../../stores/settingsStore.ts';

/** While the drawer is open, Tab and Shift+Tab go round inside it. */
function trapTab(event: KeyboardEvent, container: HTMLElement) {
  const focusable = [...container.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])')].filter(
    (el) => !el.hasAttribute('disabled') && el.offsetParent !== null,
  );
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) return;
  const active = document.activeElement;
  if (!container.contains(active)) {
    event.preventDefault();
    first.focus();
  } else if (event.shiftKey && active === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

/** Sidebar and chat pane; below 760 px the sidebar becomes a drawer over the pane. */
export function ChatLayout() {
  const t = useT();
  const app = useStore(chatRoot, (s) => s.app);
  const error = useStore(chatRoot, (s) => s.error);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [documentsOpen, setDocumentsOpen] = useState(false);

  useEffect(() => {
    if (!drawerOpen) return;
    const sidebar = document.getElementById('chat-sidebar');
    // Keyboard and screen-reader users land inside the drawer they just opened.
    sidebar?.querySelector<HTMLElement>('.new-chat')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setDrawerOpen(false);
        return;
      }
      if (event.key === 'Tab' && sidebar) trapTab(event, sidebar);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      // Back to the button that opened it, so the reader is where they were.
      document.querySelector<HTMLElement>('.menu-button')?.focus();
    };
  }, [drawerOpen]);

  if (error) {
    return (
      <main className="center-screen">
        <p className="error-text" role="alert">{t('chat.loadFailed', { message: error })}</p>
      </main>
    );
  }
  if (!app) {
    return (
      <main className="center-screen" aria-busy="true">
        <p>{t('chat.loading')}</p>
      </main>
    );
  }
  const close = () => setDrawerOpen(false);
  return (
    <ChatAppContext.Provider value={app}>
      <div className={`chat-layout${drawerOpen ? ' drawer-open' : ''}`}>
        <aside className="sidebar" id="chat-sidebar" data-testid="sidebar" aria-label={t('chat.conversations')}>
          <div className="sidebar-head">
            <h2>{t('chat.conversations')}</h2>
            <button type="button" className="secondary small drawer-close" aria-label={t('chat.closeMenu')} onClick={close}>
              <CloseIcon />
            </button>
          </div>
          <ConversationList onOpened={close} />
        </aside>
        {drawerOpen && <div className="drawer-backdrop" aria-hidden="true" onClick={close} />}
        <DocumentDropZone store={app.documents} className="chat-drop" onDropped={() => setDocumentsOpen(true)}>
          <ChatPane drawerOpen={drawerOpen} onOpenMenu={() => setDrawerOpen(true)} documentsOpen={documentsOpen} onOpenDocuments={() => setDocumentsOpen(true)} />
        </DocumentDropZone>
      </div>
      {documentsOpen && (
        <DocumentsDrawer
          store={app.documents}
          modelLabel={(id) => findModel(app.settings.getState().models, id)?.name ?? id}
          onClose={() => setDocumentsOpen(false)}
        />
      )}
    </ChatAppContext.Provider>
  );
}
