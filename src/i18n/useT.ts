import { useStore } from 'zustand';
import { languageStore, translate, type MessageKey } from './i18n.ts';

/** The translate function for the current language; components re-render when it changes. */
export function useT(): (key: MessageKey, params?: Record<string, string | number>) => string {
  const language = useStore(languageStore, (s) => s.language);
  return (key, params) => translate(language, key, params);
}
