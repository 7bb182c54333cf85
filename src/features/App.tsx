import { lazy, Suspense, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { sessionStore } from '../app/session.ts';
import { useT } from '../i18n/useT.ts';
import { themeStore } from '../stores/settingsStore.ts';
import { AuthScreen } from './auth/AuthScreen.tsx';
import { TopBar } from './TopBar.tsx';

const loadSignedIn = () => import('./SignedIn.tsx');
const SignedIn = lazy(loadSignedIn);

/** `data-theme` on <html> holds an explicit choice; without it the CSS follows the system. */
function useThemeAttribute() {
  const choice = useStore(themeStore, (s) => s.choice);
  useEffect(() => {
    const root = document.documentElement;
    if (choice === 'system') delete root.dataset.theme;
    else root.dataset.theme = choice;
  }, [choice]);
}

export function App() {
  const t = useT();
  const phase = useStore(sessionStore, (s) => s.phase);
  const configError = useStore(sessionStore, (s) => s.configError);
  const [showSettings, setShowSettings] = useState(false);
  useThemeAttribute();

  // Once the sign-in screen is up, fetch the chat in the background, so signing in does not wait for it.
  useEffect(() => {
    if (phase !== 'signed-out') return;
    const idle = window.requestIdleCallback ?? ((callback: () => void) => window.setTimeout(callback, 200));
    idle(() => void loadSignedIn());
  }, [phase]);

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
  const signedIn = phase === 'signed-in';
  return (
    <div className="app-shell">
      {signedIn && !showSettings && (
        <a className="skip-link" href="#composer-input">
          {t('app.skipToComposer')}
        </a>
      )}
      <TopBar settingsOpen={showSettings} onToggleSettings={() => setShowSettings((open) => !open)} />
      {!signedIn ? (
        <AuthScreen />
      ) : (
        <Suspense
          fallback={
            <main className="center-screen" aria-busy="true">
              <p>{t('chat.loading')}</p>
            </main>
          }
        >
          <SignedIn showSettings={showSettings} />
        </Suspense>
      )}
    </div>
  );
}
