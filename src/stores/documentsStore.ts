// The signed-in user's documents: the list, uploads with their stage and progress (cancellable,
// with a password prompt for encrypted PDFs), summaries streamed and saved on the record, the
// extracted text on demand, opening the original, and removal. The use cases and ports come in
// through DocumentsDeps (see documentsTypes.ts), so tests drive the store with fakes.
import { createStore } from 'zustand/vanilla';
import { detectLanguage } from '../domain/documents/language.ts';
import { toAppError, type ErrorCode } from '../domain/errors.ts';
import { newId as defaultNewId } from '../domain/ids.ts';
import type { DocumentParser } from '../domain/ports.ts';
import { systemClock } from '../domain/time.ts';
import type { DocumentRecord } from '../domain/types.ts';
import type { FrameScheduler } from './chatFrameBuffer.ts';
import type { DocumentsDeps, DocumentsFailure, DocumentsState, SummaryEntry, UploadEntry, UploadOptions } from './documentsTypes.ts';

export type * from './documentsTypes.ts';

const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
};

/** The MIME type the original is stored with: the browser's, else by extension. */
export function contentTypeOf(fileName: string, browserType: string): string {
  if (browserType) return browserType;
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}

/**
 * Longer texts are not summarized on their own: a whole-document summary of, say, a 50 MB CSV
 * takes hundreds of model calls, so the reader starts it knowingly with the Summarize button.
 */
export const AUTO_SUMMARY_MAX_CHARS = 1_000_000;

export const byNewest = (a: DocumentRecord, b: DocumentRecord) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

const withEntry = <T>(map: Record<string, T>, id: string, entry: T): Record<string, T> => ({ ...map, [id]: entry });
const without = <T>(map: Record<string, T>, id: string): Record<string, T> => {
  if (!(id in map)) return map;
  const next = { ...map };
  delete next[id];
  return next;
};

/** Hands the newest value over at most once per frame; flush() hands it over now. */
function latestPerFrame(schedule: FrameScheduler | undefined, apply: (text: string) => void) {
  let pending: string | undefined;
  let cancelFrame: (() => void) | undefined;
  const flush = () => {
    cancelFrame?.();
    cancelFrame = undefined;
    if (pending === undefined) return;
    const text = pending;
    pending = undefined;
    apply(text);
  };
  return {
    push(text: string) {
      pending = text;
      if (!schedule) flush();
      else cancelFrame ??= schedule(flush);
    },
    flush,
    cancel() {
      cancelFrame?.();
      cancelFrame = undefined;
      pending = undefined;
    },
  };
}

export function createDocumentsStore(deps: DocumentsDeps) {
  const { ports, useCases } = deps;
  const indexWatch = new AbortController();
  const clock = ports.clock ?? systemClock;
  const newId = ports.newId ?? defaultNewId;
  const uploadControllers = new Map<string, AbortController>();
  const summaryControllers = new Map<string, AbortController>();
  /** The files of upload cards, kept for a retry with a password. */
  const files = new Map<string, { blob: Blob; fileName: string }>();
  /** Text read during an upload, so the first summary needs no download. */
  const parsedTexts = new Map<string, string>();

  return createStore<DocumentsState>()((set, get) => {
    const fail = (e: unknown, failure?: Omit<DocumentsFailure, 'code'>): ErrorCode => {
      const code = toAppError(e, 'storage').code;
      deps.onError?.(code);
      if (failure) set({ failure: { ...failure, code } });
      return code;
    };
    const find = (id: string) => get().documents.find((d) => d.id === id);
    const upsert = (record: DocumentRecord) =>
      set((s) => ({ documents: [...s.documents.filter((d) => d.id !== record.id), record].sort(byNewest) }));
    const drop = (id: string) => set((s) => ({ documents: s.documents.filter((d) => d.id !== id) }));
    const patchUpload = (id: string, change: Partial<UploadEntry>) =>
      set((s) => {
        const entry = s.uploads[id];
        return entry ? { uploads: withEntry(s.uploads, id, { ...entry, ...change }) } : {};
      });
    const setSummary = (id: string, entry: SummaryEntry | undefined) =>
      set((s) => ({ summaries: entry ? withEntry(s.summaries, id, entry) : without(s.summaries, id) }));

    /** Waits for the index to finish with a document left pending, and records the outcome. */
    async function followIndex(record: DocumentRecord): Promise<void> {
      if (!ports.index || !useCases.waitForIndex) return;
      try {
        const status = await useCases.waitForIndex({ id: record.id, index: ports.index, signal: indexWatch.signal });
        const current = find(record.id);
        if (!current || status.state === 'pending' || current.indexState !== 'pending') return;
        const updated: DocumentRecord = {
          ...current,
          indexState: status.state,
          ...(status.reason ? { indexError: status.reason } : {}),
          updatedAt: new Date(clock.now()).toISOString(),
        };
        await ports.repository.saveDocument(updated);
        upsert(updated);
      } catch (e) {
        if (!indexWatch.signal.aborted) fail(e);
      }
    }

    /** Wraps the parser to keep the text it read (for the first summary and the text dialog). */
    const capturing = (id: string): DocumentParser => ({
      async parse(file, options) {
        const parsed = await ports.parser.parse(file, options);
        parsedTexts.set(id, parsed.text);
        return parsed;
      },
    });

    async function ingest(id: string, options: UploadOptions): Promise<DocumentRecord | undefined> {
      const source = files.get(id);
      if (!source || uploadControllers.has(id)) return undefined;
      const controller = new AbortController();
      uploadControllers.set(id, controller);
      patchUpload(id, { running: true, stage: 'parsing', done: undefined, total: undefined, error: undefined });
      let stored = false;
      try {
        const record = await useCases.ingest({
          file: source.blob,
          fileName: source.fileName,
          contentType: contentTypeOf(source.fileName, source.blob.type),
          maxBytes: deps.maxUploadBytes,
          ...(options.password === undefined ? {} : { password: options.password }),
          id,
          parser: capturing(id),
          store: ports.store,
          repository: ports.repository,
          ...(ports.index ? { index: ports.index } : {}),
          clock,
          newId,
          ...(ports.sleep ? { sleep: ports.sleep } : {}),
          signal: controller.signal,
          onRecord: (record) => {
            if (controller.signal.aborted) return;
            stored = true;
            upsert(record);
          },
          onStage: ({ stage, done, total }) => {
            if (!controller.signal.aborted) patchUpload(id, { stage, done, total });
          },
        });
        files.delete(id);
        set((s) => ({ uploads: without(s.uploads, id) }));
        upsert(record);
        if (deps.summarizeAfterUpload && (record.textLength ?? 0) <= AUTO_SUMMARY_MAX_CHARS) void get().summarize(id);
        return record;
      } catch (e) {
        // ingestDocument removed whatever it had stored; the list must not keep it either.
        if (stored) drop(id);
        parsedTexts.delete(id);
        const code = toAppError(e).code;
        if (code === 'aborted') {
          files.delete(id);
          set((s) => ({ uploads: without(s.uploads, id) }));
          return undefined;
        }
        deps.onError?.(code);
        const needsPassword = code === 'file-encrypted' || code === 'file-password-wrong';
        patchUpload(id, { running: false, error: code, needsPassword });
        // Only a password prompt can use the file again.
        if (!needsPassword) files.delete(id);
        return undefined;
      } finally {
        uploadControllers.delete(id);
      }
    }

    async function textOf(id: string): Promise<string> {
      const cached = parsedTexts.get(id) ?? get().texts[id]?.text;
      if (cached !== undefined) return cached;
      return ports.store.getText(id);
    }

    return {
      phase: 'idle',
      documents: [],
      uploads: {},
      summaries: {},
      texts: {},
      removing: {},
      indexAvailable: ports.index !== undefined,
      maxUploadBytes: deps.maxUploadBytes,

      async load() {
        set({ phase: 'loading', failure: undefined });
        try {
          const documents = await ports.repository.listDocuments();
          // Uploads finishing meanwhile are already in the list; keep them.
          set((s) => {
            const loaded = new Set(documents.map((d) => d.id));
            const kept = s.documents.filter((d) => !loaded.has(d.id));
            return { phase: 'ready', documents: [...documents, ...kept].sort(byNewest) };
          });
          // Still being indexed when the page was left: look again, so the list does not say
          // "indexing" for ever.
          for (const record of documents) if (record.indexState === 'pending') void followIndex(record);
        } catch (e) {
          set({ phase: 'error' });
          fail(e, { action: 'load' });
        }
      },

      upload(file, options = {}) {
        const id = newId();
        const fileName = options.fileName ?? ('name' in file ? file.name : 'document');
        files.set(id, { blob: file, fileName });
        set((s) => ({ uploads: withEntry(s.uploads, id, { id, fileName, size: file.size, stage: 'parsing', running: true }) }));
        return ingest(id, options);
      },

      cancel(id) {
        const controller = uploadControllers.get(id);
        if (controller) {
          controller.abort();
          return;
        }
        files.delete(id);
        set((s) => ({ uploads: without(s.uploads, id) }));
      },

      retryWithPassword(id, password) {
        return ingest(id, { password });
      },

      async summarize(id) {
        const record = find(id);
        if (!record || get().summaries[id]?.running) return;
        const controller = new AbortController();
        summaryControllers.set(id, controller);
        const stream = latestPerFrame(deps.scheduleFrame, (text) => {
          const entry = get().summaries[id];
          if (entry?.running) setSummary(id, { ...entry, text });
        });
        setSummary(id, { text: '', running: true });
        try {
          const text = await textOf(id);
          const { modelId, params } = deps.summaryModel();
          const result = await useCases.summarize({
            text,
            language: record.language ?? detectLanguage(text),
            modelId,
            model: ports.model,
            signal: controller.signal,
            ...(params ? { params } : {}),
            ...(ports.sleep ? { sleep: ports.sleep } : {}),
            clock,
            ...(ports.callLog ? { callLog: ports.callLog } : {}),
            documentId: id,
            newId,
            onProgress: (progress) => {
              const entry = get().summaries[id];
              if (entry?.running) setSummary(id, { ...entry, progress });
            },
            onDelta: (_delta, soFar) => stream.push(soFar),
          });
          stream.cancel();
          parsedTexts.delete(id);
          const updated: DocumentRecord = {
            ...(find(id) ?? record),
            summary: result.summary,
            summaryModelId: modelId,
            updatedAt: new Date(clock.now()).toISOString(),
          };
          setSummary(id, undefined);
          // Removed while the last words streamed: saving would bring the record back.
          if (!find(id)) return;
          upsert(updated);
          try {
            await ports.repository.saveDocument(updated);
          } catch (e) {
            fail(e, { action: 'save-summary', documentId: id });
          }
          deps.onSummary?.(updated);
        } catch (e) {
          stream.cancel();
          const code = toAppError(e).code;
          // A stopped summary leaves nothing behind; a failed one says why.
          if (code === 'aborted') setSummary(id, undefined);
          else {
            deps.onError?.(code);
            setSummary(id, { text: '', running: false, error: code });
          }
        } finally {
          summaryControllers.delete(id);
        }
      },

      cancelSummary(id) {
        const controller = summaryControllers.get(id);
        if (controller) controller.abort();
        else setSummary(id, undefined);
      },

      async remove(id) {
        if (get().removing[id]) return;
        summaryControllers.get(id)?.abort();
        set((s) => ({ removing: { ...s.removing, [id]: true as const }, failure: undefined }));
        try {
          await useCases.remove({ id, store: ports.store, repository: ports.repository, ...(ports.index ? { index: ports.index } : {}) });
          drop(id);
          parsedTexts.delete(id);
          set((s) => ({ texts: without(s.texts, id), summaries: without(s.summaries, id) }));
        } catch (e) {
          fail(e, { action: 'remove', documentId: id });
        } finally {
          set((s) => ({ removing: without(s.removing, id) }));
        }
      },

      openOriginal(id) {
        const record = find(id);
        if (!record) return;
        // A CP949 CSV opens readable only when its charset goes with it.
        const url = ports.store.downloadUrl(id, record.fileName, record.encoding ? { encoding: record.encoding } : undefined);
        url.catch((e: unknown) => fail(e, { action: 'open', documentId: id }));
        deps.openUrl?.(url);
      },

      async readText(id) {
        const current = get().texts[id];
        if (current?.phase === 'ready') return current.text;
        set((s) => ({ texts: withEntry(s.texts, id, { phase: 'loading' }) }));
        try {
          const text = await textOf(id);
          set((s) => ({ texts: withEntry(s.texts, id, { phase: 'ready', text }) }));
          return text;
        } catch (e) {
          const code = fail(e);
          set((s) => ({ texts: withEntry(s.texts, id, { phase: 'error', error: code }) }));
          return undefined;
        }
      },

      forgetText(id) {
        set((s) => ({ texts: without(s.texts, id) }));
      },

      dismissFailure() {
        set({ failure: undefined });
      },

      dispose() {
        for (const controller of [...uploadControllers.values(), ...summaryControllers.values(), indexWatch]) controller.abort();
        files.clear();
        parsedTexts.clear();
      },
    };
  });
}

export type DocumentsStore = ReturnType<typeof createDocumentsStore>;
