import { useId } from 'react';
import { useStore } from 'zustand';
import { languageStore, type Language } from '../../i18n/i18n.ts';
import { useT } from '../../i18n/useT.ts';
import { THEME_CHOICES, themeStore } from '../../stores/settingsStore.ts';
import { ConnectionPanel } from '../connection/ConnectionPanel.tsx';
import { HistoryPanel } from '../history/HistoryPanel.tsx';
import { chatRoot, type ChatApp } from '../../app/chat.ts';

const LANGUAGES: readonly { id: Language; name: string }[] = [
  { id: 'ko', name: '한국어' },
  { id: 'en', name: 'English' },
];

/** Look and language of this browser. */
function AppearanceSettings() {
  const t = useT();
  const id = useId();
  const language = useStore(languageStore, (s) => s.language);
  const theme = useStore(themeStore, (s) => s.choice);
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.appearance')}</h2>
      <fieldset className="choice-group">
        <legend>{t('lang.label')}</legend>
        {LANGUAGES.map((option) => (
          <label key={option.id} className="choice" lang={option.id}>
            <input type="radio" name={`${id}-language`} value={option.id} checked={language === option.id} onChange={() => languageStore.getState().setLanguage(option.id)} />
            {option.name}
          </label>
        ))}
      </fieldset>
      <fieldset className="choice-group" data-testid="theme-choices">
        <legend>{t('theme.label')}</legend>
        {THEME_CHOICES.map((choice) => (
          <label key={choice} className="choice">
            <input type="radio" name={`${id}-theme`} value={choice} checked={theme === choice} onChange={() => themeStore.getState().setChoice(choice)} />
            {t(`theme.${choice}`)}
          </label>
        ))}
      </fieldset>
    </section>
  );
}

/** Export, import and delete-all, aimed at the conversation open in the chat. */
function HistorySection({ app }: { app: ChatApp }) {
  const activeId = useStore(app.conversations, (s) => s.activeId);
  return <HistoryPanel store={app.history} {...(activeId ? { currentConversationId: activeId } : {})} />;
}

/** Settings of this browser, history, and the connection status. */
export function SettingsScreen() {
  const t = useT();
  const app = useStore(chatRoot, (s) => s.app);
  return (
    <main className="page settings-page" aria-labelledby="settings-title" data-testid="settings-screen">
      <div className="settings-column">
        <h1 id="settings-title">{t('settings.title')}</h1>
        <AppearanceSettings />
        {app && <HistorySection app={app} />}
        <ConnectionPanel />
      </div>
    </main>
  );
}
