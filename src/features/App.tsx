import { useState } from 'react';
import { useStore } from 'zustand';
import { sessionStore } from '../app/session.ts';
import { useT } from '../i18n/useT.ts';
import { AuthScreen } from './auth/AuthScreen.tsx';
import { ChatLayout } from './chat/ChatLayout.tsx';
import { ConnectionPanel } from './connection/ConnectionPanel.tsx';
import { TopBar } from './TopBar.tsx';

export function App() {
  const t = useT();
  const phase = useStore(sessionStore, (s) => s.phase);
  const configError = useStore(sessionStore, (s) => s.configError);
  const [showStatus, setShowStatus] = useState(false);

  if (phase === 'loading') {
    return (
      <main className="center-screen" aria-busy="true">
        <p>{t('app.loadingConfig')}</p>
      </main>
    );
  }
  if (phase === 'config-error') {
    return (
      <main className="center-screen">
        <div className="card" role="alert">
          <h1>{t('app.configFailed')}</h1>
          <p className="error-text">{configError}</p>
          <button type="button" onClick={() => void sessionStore.getState().start()}>
            {t('app.retry')}
          </button>
        </div>
      </main>
    );
  }
  return (
    <div className="app-shell">
      <TopBar statusOpen={showStatus} onToggleStatus={() => setShowStatus((open) => !open)} />
      {phase !== 'signed-in' ? <AuthScreen /> : showStatus ? <ConnectionPanel /> : <ChatLayout />}
    </div>
  );
}
