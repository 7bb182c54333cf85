// Export, import and "delete all my history" for the history panel: runs one task at a time over
// the injected ports, reports progress, and ends in a result or an error the panel can word.
// Files leave through a download port and come in as anything with `text()` (a File), so the
// store runs unchanged in Node tests.
import { createStore } from 'zustand/vanilla';
import { toAppError, type ErrorCode } from '../domain/errors.ts';
import { deleteAllHistory, type HistoryPorts } from '../domain/export/deleteAllHistory.ts';
import { exportConversations } from '../domain/export/exportConversations.ts';
import { exportFileName, FILE_TYPES } from '../domain/export/fileName.ts';
import { importBundle } from '../domain/export/importBundle.ts';
import type { Progress } from '../domain/export/paging.ts';
import { ImportError, isImportError, parseExport, type ImportErrorReason } from '../domain/export/parseExport.ts';
import { toJson, type ExportBundle, type ExportFileFormat } from '../domain/export/schema.ts';
import { toHtml } from '../domain/export/toHtml.ts';
import { toMarkdown } from '../domain/export/toMarkdown.ts';
import type { IdGenerator } from '../domain/ids.ts';
import type { Language } from '../domain/types.ts';

export interface DownloadPort {
  save(fileName: string, mime: string, content: string): void | Promise<void>;
}

/** What the panel hands over from `<input type="file">`; a browser File has all of it. */
export interface ReadableFile {
  name: string;
  size: number;
  text(): Promise<string>;
}

export type HistoryTask = 'export' | 'import' | 'delete';

export type HistoryResult =
  | { kind: 'exported'; format: ExportFileFormat; fileName: string; conversations: number; messages: number }
  | { kind: 'nothing-to-export' }
  | { kind: 'imported'; fileName: string; conversationIds: string[]; messages: number }
  | { kind: 'deleted'; conversations: number; documents: number; callLogEntries: number };

export interface HistoryFailure {
  task: HistoryTask;
  code: ErrorCode;
  /** Set for a refused import file. */
  reason?: ImportErrorReason;
  /** The technical detail (which field of the file), shown under the message. */
  detail?: string;
}

export interface HistoryState {
  busy?: HistoryTask;
  progress?: Progress;
  result?: HistoryResult;
  error?: HistoryFailure;
  exportConversation(id: string, format: ExportFileFormat): Promise<void>;
  exportAll(format: ExportFileFormat): Promise<void>;
  importFile(file: ReadableFile): Promise<void>;
  deleteAll(): Promise<void>;
  /** Stops the running task between two writes. */
  cancel(): void;
  dismiss(): void;
}

export type HistoryChange = { kind: 'imported'; conversationIds: string[] } | { kind: 'deleted-all' };

export interface HistoryDeps {
  ports: HistoryPorts;
  download: DownloadPort;
  /** The UI language when a task starts: labels in HTML/Markdown, the title suffix on import. */
  language: () => Language;
  now?: () => Date;
  /** For printed times in files; the browser's own zone when absent. */
  timeZone?: string;
  newId?: IdGenerator;
  /** After an import or a delete-all, so the composition root can reload the conversation list. */
  onChanged?: (change: HistoryChange) => void;
  /** Every failure's code, e.g. to notice an expired session. */
  onError?: (code: ErrorCode) => void;
  maxImportBytes?: number;
}

/** Well above a heavy user's history; a larger file is more likely a mistake than an export. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export function renderExport(bundle: ExportBundle, format: ExportFileFormat, language: Language, timeZone?: string): string {
  const options = timeZone === undefined ? { language } : { language, timeZone };
  if (format === 'json') return toJson(bundle);
  if (format === 'markdown') return toMarkdown(bundle, options);
  return toHtml(bundle, options);
}

export function createHistoryStore(deps: HistoryDeps) {
  const now = deps.now ?? (() => new Date());
  let controller: AbortController | undefined;

  return createStore<HistoryState>()((set, get) => {
    /** Runs `work` unless another task is running; turns any failure into `error`. */
    async function run(task: HistoryTask, work: (signal: AbortSignal) => Promise<HistoryResult>): Promise<void> {
      if (get().busy) return;
      controller = new AbortController();
      set({ busy: task, progress: undefined, result: undefined, error: undefined });
      try {
        const result = await work(controller.signal);
        set({ busy: undefined, progress: undefined, result });
      } catch (e) {
        const failure: HistoryFailure = isImportError(e)
          ? { task, code: e.code, reason: e.reason, detail: e.message }
          : { task, code: toAppError(e, 'storage').code };
        deps.onError?.(failure.code);
        set({ busy: undefined, progress: undefined, error: failure });
      } finally {
        controller = undefined;
      }
    }
    const onProgress = (progress: Progress) => set({ progress });

    async function exportAndSave(which: readonly string[] | 'all', format: ExportFileFormat, signal: AbortSignal): Promise<HistoryResult> {
      const language = deps.language();
      const bundle = await exportConversations(deps.ports, which, { now, onProgress, signal });
      if (bundle.conversations.length === 0) return { kind: 'nothing-to-export' };
      const single = which === 'all' ? undefined : bundle.conversations[0]?.conversation.title;
      const fileName = exportFileName(format, now(), single);
      await deps.download.save(fileName, FILE_TYPES[format].mime, renderExport(bundle, format, language, deps.timeZone));
      const messages = bundle.conversations.reduce((sum, entry) => sum + entry.messages.length, 0);
      return { kind: 'exported', format, fileName, conversations: bundle.conversations.length, messages };
    }

    return {
      exportConversation: (id, format) => run('export', (signal) => exportAndSave([id], format, signal)),
      exportAll: (format) => run('export', (signal) => exportAndSave('all', format, signal)),
      importFile: (file) =>
        run('import', async (signal) => {
          const limit = deps.maxImportBytes ?? MAX_IMPORT_BYTES;
          if (file.size > limit) {
            throw new ImportError('import-too-large', `the file has ${file.size} bytes; at most ${limit} are read`);
          }
          const bundle = parseExport(await file.text());
          const imported = await importBundle(deps.ports, bundle, {
            language: deps.language(),
            onProgress,
            signal,
            ...(deps.newId ? { newId: deps.newId } : {}),
          });
          if (imported.conversationIds.length > 0) deps.onChanged?.({ kind: 'imported', conversationIds: imported.conversationIds });
          return { kind: 'imported', fileName: file.name, conversationIds: imported.conversationIds, messages: imported.messageCount };
        }),
      deleteAll: () =>
        run('delete', async (signal) => {
          try {
            const deleted = await deleteAllHistory(deps.ports, { onProgress, signal });
            return { kind: 'deleted', ...deleted };
          } finally {
            // Even a half-finished delete changed the list.
            deps.onChanged?.({ kind: 'deleted-all' });
          }
        }),
      cancel: () => controller?.abort(),
      dismiss: () => set({ result: undefined, error: undefined }),
    };
  });
}

export type HistoryStore = ReturnType<typeof createHistoryStore>;
