// Labels of the code block controls. Until the app catalog (src/i18n) has `markdown.copy`,
// `markdown.copied` and `markdown.copyFailed`, callers may pass them in; otherwise these
// defaults follow the app language.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { languageStore, type Language } from '../../i18n/i18n.ts';

export interface MarkdownLabels {
  copy: string;
  copied: string;
  copyFailed: string;
}

const DEFAULT_LABELS: Record<Language, MarkdownLabels> = {
  ko: { copy: '코드 복사', copied: '복사했습니다', copyFailed: '복사하지 못했습니다' },
  en: { copy: 'Copy code', copied: 'Copied', copyFailed: 'Could not copy' },
};

export const MarkdownLabelsContext = createContext<MarkdownLabels | undefined>(undefined);

export function useMarkdownLabels(): MarkdownLabels {
  const given = useContext(MarkdownLabelsContext);
  const language = useStore(languageStore, (state) => state.language);
  return given ?? DEFAULT_LABELS[language];
}
