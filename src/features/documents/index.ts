// The documents feature: what the chat layout mounts (see README.md).
export { DocumentsButton } from './DocumentsButton.tsx';
export { DocumentsDrawer } from './DocumentsDrawer.tsx';
export { DocumentsPanel, ACCEPTED_FILES, type DocumentsPanelProps } from './DocumentsPanel.tsx';
export { DocumentDropZone } from './DocumentDropZone.tsx';
