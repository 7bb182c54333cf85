import type { JSX } from 'react';
import { useStore } from 'zustand';
import { sessionStore } from '../app/session.ts';
import { languageStore } from '../i18n/i18n.ts';
import { useT } from '../i18n/useT.ts';
import { nextThemeChoice, themeStore, type ThemeChoice } from '../stores/settingsStore.ts';
import { GearIcon, MoonIcon, SunIcon, SystemThemeIcon } from './chat/icons.tsx';

interface TopBarProps {
  /** Whether the settings screen replaces the chat. */
  settingsOpen: boolean;
  onToggleSettings(): void;
}

const THEME_ICONS: Record<ThemeChoice, () => JSX.Element> = { system: SystemThemeIcon, light: SunIcon, dark: MoonIcon };

export function TopBar({ settingsOpen, onToggleSettings }: TopBarProps) {
  const t = useT();
  const language = useStore(languageStore, (s) => s.language);
  const theme = useStore(themeStore, (s) => s.choice);
  const local = useStore(sessionStore, (s) => s.config?.local === true);
  const signedIn = useStore(sessionStore, (s) => s.phase === 'signed-in');
  const ThemeIcon = THEME_ICONS[theme];
  return (
    <header className="top-bar">
      <span className="brand" lang="ko">
        서연 <small lang="en">Seoyeon</small>
      </span>
      {local && <span className="badge">{t('app.localBadge')}</span>}
      <span className="spacer" />
      <button
        type="button"
        className="link-button"
        data-testid="language-toggle"
        lang={language === 'ko' ? 'en' : 'ko'}
        title={t('lang.switchTo')}
        onClick={() => languageStore.getState().setLanguage(language === 'ko' ? 'en' : 'ko')}
      >
        {t('lang.switch')}
      </button>
      <button
        type="button"
        className="icon-button top-icon"
        data-testid="theme-toggle"
        data-theme-choice={theme}
        aria-label={t('theme.toggle', { current: t(`theme.${theme}`), next: t(`theme.${nextThemeChoice(theme)}`) })}
        title={t('theme.toggle', { current: t(`theme.${theme}`), next: t(`theme.${nextThemeChoice(theme)}`) })}
        onClick={() => themeStore.getState().setChoice(nextThemeChoice(theme))}
      >
        <ThemeIcon />
      </button>
      {signedIn && (
        <button
          type="button"
          className="secondary small settings-toggle"
          data-testid="status-toggle"
          aria-label={settingsOpen ? t('chat.backToChat') : t('settings.open')}
          onClick={onToggleSettings}
        >
          <GearIcon />
          <span className="wide-only">{settingsOpen ? t('chat.backToChat') : t('settings.title')}</span>
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
