// Export, import and "delete all my history": pure renderers of an export bundle and use cases over ports.
export { EXPORT_FORMAT, EXPORT_VERSION, createBundle, toJson } from './schema.ts';
export type { ExportBundle, ExportedConversation, ExportFileFormat } from './schema.ts';
export { IMPORT_ERROR_REASONS, ImportError, isImportError, parseExport } from './parseExport.ts';
export type { ImportErrorReason } from './parseExport.ts';
export { toMarkdown } from './toMarkdown.ts';
export { toHtml } from './toHtml.ts';
export { escapeHtml, renderMarkdown } from './safeMarkdown.ts';
export type { FormatOptions } from './labels.ts';
export type { Progress } from './paging.ts';
export { exportConversations } from './exportConversations.ts';
export type { ExportOptions } from './exportConversations.ts';
export { importBundle, uniqueTitle } from './importBundle.ts';
export type { ImportOptions, ImportResult } from './importBundle.ts';
export { deleteAllHistory } from './deleteAllHistory.ts';
export type { DeleteAllOptions, DeleteAllResult, HistoryPorts } from './deleteAllHistory.ts';
export { FILE_TYPES, exportFileName } from './fileName.ts';
