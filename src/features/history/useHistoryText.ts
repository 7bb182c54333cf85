import { useStore } from 'zustand';
import { languageStore } from '../../i18n/i18n.ts';
import { HISTORY_TEXT, type HistoryText } from './historyText.ts';

/** The panel's words in the current UI language; re-renders when the language changes. */
export function useHistoryText(): HistoryText {
  return HISTORY_TEXT[useStore(languageStore, (s) => s.language)];
}
