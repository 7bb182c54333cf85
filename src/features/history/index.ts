// The history panel and what a composition root needs to build its store.
export { HistoryPanel, type HistoryPanelProps } from './HistoryPanel.tsx';
export { browserDownload, saveFile } from './browserDownload.ts';
export { HISTORY_TEXT, type HistoryText } from './historyText.ts';
export { createHistoryStore, type HistoryDeps, type HistoryStore } from '../../stores/historyStore.ts';
