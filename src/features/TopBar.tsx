import { useStore } from 'zustand';
import { sessionStore } from '../app/session.ts';
import { languageStore } from '../i18n/i18n.ts';
import { useT } from '../i18n/useT.ts';

interface TopBarProps {
  /** Whether the connection status panel replaces the chat. */
  statusOpen: boolean;
  onToggleStatus(): void;
}

export function TopBar({ statusOpen, onToggleStatus }: TopBarProps) {
  const t = useT();
  const language = useStore(languageStore, (s) => s.language);
  const local = useStore(sessionStore, (s) => s.config?.local === true);
  const signedIn = useStore(sessionStore, (s) => s.phase === 'signed-in');
  return (
    <header className="top-bar">
      <span className="brand" lang="ko">
        서연 <small>Seoyeon</small>
      </span>
      {local && <span className="badge">{t('app.localBadge')}</span>}
      <span className="spacer" />
      <button
        type="button"
        className="link-button"
        aria-label={t('lang.label')}
        onClick={() => languageStore.getState().setLanguage(language === 'ko' ? 'en' : 'ko')}
      >
        {t('lang.switch')}
      </button>
      {signedIn && (
        <button type="button" className="secondary small" data-testid="status-toggle" aria-pressed={statusOpen} onClick={onToggleStatus}>
          {statusOpen ? t('chat.backToChat') : t('chat.status')}
        </button>
      )}
      {signedIn && (
        <button type="button" className="secondary small" onClick={() => sessionStore.getState().signOut()}>
          {t('auth.signOut')}
        </button>
      )}
    </header>
  );
}
