// The UI language: chosen from the browser, switchable, remembered. Every string goes through t().
import { createStore } from 'zustand/vanilla';
import { en, type MessageKey } from './en.ts';
import { ko } from './ko.ts';

export type Language = 'ko' | 'en';
export type { MessageKey };

const catalogs: Record<Language, Record<MessageKey, string>> = { ko, en };
const STORAGE_KEY = 'seoyeon.language';

export function detectLanguage(stored: string | null, browserLanguages: readonly string[]): Language {
  if (stored === 'ko' || stored === 'en') return stored;
  for (const lang of browserLanguages) {
    const base = lang.toLowerCase().split('-')[0];
    if (base === 'ko') return 'ko';
    if (base === 'en') return 'en';
  }
  return 'ko';
}

export function translate(language: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogs[language][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

interface LanguageState {
  language: Language;
  setLanguage(language: Language): void;
}

const initial = (): Language =>
  typeof window === 'undefined'
    ? 'ko'
    : detectLanguage(window.localStorage.getItem(STORAGE_KEY), window.navigator.languages ?? [window.navigator.language]);

export const languageStore = createStore<LanguageState>()((set) => ({
  language: initial(),
  setLanguage(language) {
    if (typeof window !== 'undefined') {
      window.localStorage.setItem(STORAGE_KEY, language);
      document.documentElement.lang = language;
    }
    set({ language });
  },
}));

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(languageStore.getState().language, key, params);
}
