// Taking a file in: check its size, read it (a file that cannot be read is never uploaded), store
// the original and the extracted text in S3, save the DOC record, and put the text into the
// search index, waiting a bounded while for Kendra to report it indexed. Anything stored before a
// failure or a cancel is removed again, so a document is either whole or absent.
import { AppError, isAppError, toAppError } from '../errors.ts';
import { newId as defaultNewId } from '../ids.ts';
import type { Clock, DocumentIndex, DocumentParser, DocumentRepository, DocumentStore, Sleep } from '../ports.ts';
import { sleep as defaultSleep, systemClock } from '../time.ts';
import type { DocumentRecord, IndexState } from '../types.ts';

export type IngestStage = 'parsing' | 'uploading' | 'indexing';

export interface IngestInput {
  file: Blob;
  fileName: string;
  contentType: string;
  maxBytes: number;
  password?: string;
  /** The id the document gets; a new one when absent. */
  id?: string;
  parser: DocumentParser;
  store: DocumentStore;
  repository: DocumentRepository;
  /** Absent when the deployment has no search index. */
  index?: DocumentIndex;
  clock?: Clock;
  newId?: () => string;
  sleep?: Sleep;
  signal: AbortSignal;
  /** The record each time it is saved (first while indexing, then ready). */
  onRecord?: (record: DocumentRecord) => void;
  /** Parsing: pages or bytes read; uploading: bytes sent; indexing: no counts. */
  onStage?: (stage: { stage: IngestStage; done?: number; total?: number }) => void;
}

export interface IndexPolling {
  /** Give up waiting after this long; the record then stays `pending`. */
  timeoutMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

/** Kendra usually indexes a text within seconds to a minute. */
export const INDEX_POLLING: IndexPolling = { timeoutMs: 60_000, firstDelayMs: 1_000, maxDelayMs: 8_000 };
/** BatchPutDocument attempts when Kendra is throttling or briefly unavailable. */
const INDEX_ATTEMPTS = 3;
const INDEX_RETRY_DELAY_MS = 1_000;

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}

const iso = (ms: number) => new Date(ms).toISOString();

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new AppError('aborted');
}

/**
 * Waits for Kendra to finish a document: `indexed`, `failed` (with its reason), `none` when the
 * index went away, or still `pending` once `timeoutMs` has passed. Rejects only with `aborted`.
 */
export async function waitForIndex(
  input: { id: string; index: DocumentIndex; signal: AbortSignal; clock?: Clock; sleep?: Sleep },
  polling: IndexPolling = INDEX_POLLING,
): Promise<{ state: IndexState; reason?: string }> {
  const clock = input.clock ?? systemClock;
  const sleep = input.sleep ?? defaultSleep;
  const deadline = clock.now() + polling.timeoutMs;
  let delay = polling.firstDelayMs;
  for (;;) {
    throwIfAborted(input.signal);
    try {
      const status = await input.index.status(input.id);
      if (status.state !== 'pending') return status;
    } catch (e) {
      const error = toAppError(e, 'index');
      if (error.code === 'kendra-unavailable') return { state: 'none' };
      // A passing failure is worth another look; anything else leaves the state as it is.
      if (!error.retryable) return { state: 'pending' };
    }
    const left = deadline - clock.now();
    if (left <= 0) return { state: 'pending' };
    await sleep(Math.min(delay, left), input.signal);
    delay = Math.min(delay * 2, polling.maxDelayMs);
  }
}

/** BatchPutDocument with a couple of retries; the outcome as an index state, never a throw (except aborted). */
async function putInIndex(
  index: DocumentIndex,
  document: Parameters<DocumentIndex['index']>[0],
  signal: AbortSignal,
  sleep: Sleep,
): Promise<{ state: IndexState; reason?: string }> {
  for (let attempt = 1; ; attempt++) {
    throwIfAborted(signal);
    try {
      await index.index(document, signal);
      return { state: 'pending' };
    } catch (e) {
      throwIfAborted(signal);
      const error = toAppError(e, 'index');
      if (error.code === 'aborted') throw error;
      if (error.code === 'kendra-unavailable') return { state: 'none' };
      if (!error.retryable || attempt >= INDEX_ATTEMPTS) return { state: 'failed', reason: error.message };
      await sleep(INDEX_RETRY_DELAY_MS * 2 ** (attempt - 1), signal);
    }
  }
}

/**
 * Reads, stores and indexes one file; resolves with the saved record (status `ready`). A failed
 * index is not a failed upload: the record is kept with `indexState: 'failed'` and the reason, as
 * the text is still there to read and summarize. Rejects with AppError: upload-too-large (before
 * anything is read or sent), the parser's codes, storage errors, or `aborted`.
 */
export async function ingestDocument(input: IngestInput): Promise<DocumentRecord> {
  const { signal, store, repository, index } = input;
  const clock = input.clock ?? systemClock;
  const sleep = input.sleep ?? defaultSleep;
  throwIfAborted(signal);
  if (input.file.size > input.maxBytes) {
    throw new AppError('upload-too-large', {
      message: `${input.fileName} is ${megabytes(input.file.size)}; the limit is ${megabytes(input.maxBytes)}`,
    });
  }
  const id = input.id ?? (input.newId ?? defaultNewId)();
  const createdAt = iso(clock.now());

  input.onStage?.({ stage: 'parsing' });
  let parsed;
  try {
    parsed = await input.parser.parse(input.file, {
      fileName: input.fileName,
      ...(input.password === undefined ? {} : { password: input.password }),
      signal,
      onProgress: (p) => input.onStage?.({ stage: 'parsing', done: p.done, total: p.total }),
    });
  } catch (e) {
    throw signal.aborted ? new AppError('aborted', { cause: e }) : toAppError(e);
  }
  throwIfAborted(signal);

  const stored = { original: false, record: false, index: false };
  try {
    input.onStage?.({ stage: 'uploading', done: 0, total: input.file.size });
    stored.original = true; // a multipart upload cut short may have left parts behind
    const { key } = await store.uploadOriginal(
      { documentId: id, fileName: input.fileName, contentType: input.contentType, body: input.file },
      { signal, onProgress: (p) => input.onStage?.({ stage: 'uploading', done: p.loadedBytes, total: p.totalBytes }) },
    );
    throwIfAborted(signal);
    const text = await store.putText(id, parsed.text);
    throwIfAborted(signal);

    let record: DocumentRecord = {
      id,
      fileName: input.fileName,
      type: parsed.type,
      size: input.file.size,
      contentType: input.contentType,
      s3Key: key,
      textKey: text.key,
      textLength: parsed.text.length,
      ...(parsed.pages === undefined ? {} : { pages: parsed.pages }),
      ...(parsed.pageStarts === undefined ? {} : { pageStarts: parsed.pageStarts }),
      ...(parsed.rows === undefined ? {} : { rows: parsed.rows }),
      ...(parsed.columns === undefined ? {} : { columns: parsed.columns }),
      ...(parsed.encoding === undefined ? {} : { encoding: parsed.encoding }),
      language: parsed.language,
      status: index ? 'indexing' : 'ready',
      indexState: index ? 'pending' : 'none',
      createdAt,
      updatedAt: iso(clock.now()),
    };
    stored.record = true;
    await repository.saveDocument(record);
    throwIfAborted(signal);
    input.onRecord?.(record);
    if (!index) return record;

    input.onStage?.({ stage: 'indexing' });
    stored.index = true;
    const document = { documentId: id, title: input.fileName, text: parsed.text, language: parsed.language, sourceUri: key };
    let outcome = await putInIndex(index, document, signal, sleep);
    if (outcome.state === 'pending') outcome = await waitForIndex({ id, index, signal, clock, sleep });
    throwIfAborted(signal);

    record = {
      ...record,
      status: 'ready',
      indexState: outcome.state,
      ...(outcome.reason === undefined ? {} : { indexError: outcome.reason }),
      updatedAt: iso(clock.now()),
    };
    await repository.saveDocument(record);
    throwIfAborted(signal);
    input.onRecord?.(record);
    return record;
  } catch (e) {
    const error = signal.aborted ? new AppError('aborted', { cause: e }) : toAppError(e, 'storage');
    await cleanUp(id, stored, { store, repository, index });
    throw error;
  }
}

/** Best effort: the original error is what the user needs to see, not a failed cleanup. */
async function cleanUp(
  id: string,
  stored: { original: boolean; record: boolean; index: boolean },
  ports: { store: DocumentStore; repository: DocumentRepository; index?: DocumentIndex | undefined },
): Promise<void> {
  await Promise.allSettled([
    stored.original ? ports.store.remove(id) : undefined,
    stored.index && ports.index ? ports.index.remove(id) : undefined,
    stored.record ? ports.repository.deleteDocument(id) : undefined,
  ]);
}

/**
 * Deletes a document everywhere: the search index and S3 first, the DOC record last, so a failure
 * leaves the record in the list and the user can delete again. A deployment without an index, or
 * a part already gone, is not a failure.
 */
export async function removeDocument(input: {
  id: string;
  store: DocumentStore;
  repository: DocumentRepository;
  index?: DocumentIndex;
}): Promise<void> {
  const gone = (e: unknown) => isAppError(e) && (e.code === 'not-found' || e.code === 'kendra-unavailable');
  const results = await Promise.allSettled([input.index?.remove(input.id), input.store.remove(input.id)]);
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected' && !gone(toAppError(r.reason)));
  if (failure) throw toAppError(failure.reason, 'storage');
  try {
    await input.repository.deleteDocument(input.id);
  } catch (e) {
    throw toAppError(e, 'storage');
  }
}
