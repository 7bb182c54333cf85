// In-memory fakes of the document ports and a stand-in for the domain's use cases that goes
// through those ports in the contract's order, for the documents store tests.
import { AppError } from '../../../src/domain/errors.ts';
import type { DocumentIndex, DocumentParser, DocumentRepository, DocumentStore, ParseProgress, UploadProgress } from '../../../src/domain/ports.ts';
import type { DocumentRecord, IndexState, ParsedDocument } from '../../../src/domain/types.ts';
import type { DocumentUseCases, IngestInput, SummarizeInput } from '../../../src/stores/documentsTypes.ts';
import { barrier } from './fakes.ts';

export { barrier };

/** Parses by file name: `*.pdf` with the given pages, anything else as text. */
export class FakeParser implements DocumentParser {
  calls: Array<{ fileName: string; password?: string }> = [];
  /** The password an encrypted file needs; undefined means the file is not encrypted. */
  passwords = new Map<string, string>();
  failures = new Map<string, AppError>();
  /** Awaited between the progress steps, so a test can look at the state in the middle. */
  gate?: () => Promise<void>;

  async parse(file: Blob, options: { fileName: string; password?: string; signal: AbortSignal; onProgress?: (p: ParseProgress) => void }): Promise<ParsedDocument> {
    this.calls.push({ fileName: options.fileName, ...(options.password === undefined ? {} : { password: options.password }) });
    const failure = this.failures.get(options.fileName);
    if (failure) throw failure;
    const needed = this.passwords.get(options.fileName);
    if (needed !== undefined && options.password === undefined) throw new AppError('file-encrypted');
    if (needed !== undefined && options.password !== needed) throw new AppError('file-password-wrong');
    const text = await file.text();
    if (options.fileName.endsWith('.pdf')) {
      options.onProgress?.({ done: 1, total: 2, unit: 'pages' });
      await this.gate?.();
      if (options.signal.aborted) throw new AppError('aborted');
      options.onProgress?.({ done: 2, total: 2, unit: 'pages' });
      return { type: 'pdf', text, language: 'ko', pages: 2, pageStarts: [0, Math.floor(text.length / 2)] };
    }
    return { type: options.fileName.endsWith('.csv') ? 'csv' : 'txt', text, language: /[가-힣]/.test(text) ? 'ko' : 'en', encoding: 'utf-8' };
  }
}

export class MemoryDocumentStore implements DocumentStore {
  originals = new Map<string, { fileName: string; contentType: string; size: number }>();
  texts = new Map<string, string>();
  getTextCalls = 0;
  /** Awaited in the middle of an upload. */
  gate?: () => Promise<void>;
  failNext: Partial<Record<keyof DocumentStore, AppError>> = {};

  private take(method: keyof DocumentStore) {
    const error = this.failNext[method];
    if (error) {
      delete this.failNext[method];
      throw error;
    }
  }
  async uploadOriginal(
    input: { documentId: string; fileName: string; contentType: string; body: Blob | Uint8Array },
    options: { signal: AbortSignal; onProgress?: (progress: UploadProgress) => void },
  ) {
    this.take('uploadOriginal');
    const size = input.body instanceof Blob ? input.body.size : input.body.byteLength;
    options.onProgress?.({ loadedBytes: Math.floor(size / 2), totalBytes: size });
    await this.gate?.();
    if (options.signal.aborted) throw new AppError('aborted');
    options.onProgress?.({ loadedBytes: size, totalBytes: size });
    this.originals.set(input.documentId, { fileName: input.fileName, contentType: input.contentType, size });
    return { key: `private/me/documents/${input.documentId}/${input.fileName}` };
  }
  async putText(documentId: string, text: string) {
    this.take('putText');
    this.texts.set(documentId, text);
    return { key: `private/me/documents/${documentId}/.extracted.txt` };
  }
  async getText(documentId: string) {
    this.getTextCalls++;
    this.take('getText');
    const text = this.texts.get(documentId);
    if (text === undefined) throw new AppError('not-found');
    return text;
  }
  async downloadUrl(documentId: string, fileName: string, options?: { encoding?: string }) {
    this.take('downloadUrl');
    const charset = options?.encoding ? `&charset=${options.encoding}` : '';
    return `https://s3.example/private/me/documents/${documentId}/${encodeURIComponent(fileName)}?X-Amz-Signature=abc${charset}`;
  }
  async remove(documentId: string) {
    this.take('remove');
    this.originals.delete(documentId);
    this.texts.delete(documentId);
  }
}

export class MemoryDocumentRepository implements DocumentRepository {
  records = new Map<string, DocumentRecord>();
  saves: DocumentRecord[] = [];
  failNext: Partial<Record<keyof DocumentRepository, AppError>> = {};

  private take(method: keyof DocumentRepository) {
    const error = this.failNext[method];
    if (error) {
      delete this.failNext[method];
      throw error;
    }
  }
  async listDocuments() {
    this.take('listDocuments');
    return [...this.records.values()];
  }
  async getDocument(id: string) {
    return this.records.get(id);
  }
  async saveDocument(record: DocumentRecord) {
    this.take('saveDocument');
    this.saves.push(record);
    this.records.set(record.id, { ...record });
  }
  async deleteDocument(id: string) {
    this.take('deleteDocument');
    this.records.delete(id);
  }
}

export class FakeIndex implements DocumentIndex {
  indexed = new Map<string, string>();
  removed: string[] = [];
  state: IndexState = 'indexed';
  async index(document: { documentId: string; text: string }) {
    this.indexed.set(document.documentId, document.text);
  }
  async remove(documentId: string) {
    this.removed.push(documentId);
    this.indexed.delete(documentId);
  }
  async status() {
    return { state: this.state };
  }
}

/**
 * Use cases that do what src/domain/documents does, in its order (parse, upload, text, record,
 * index), through the ports they are given; the summary streams `pieces` scripted per test.
 */
export class FakeUseCases implements DocumentUseCases {
  ingests: IngestInput[] = [];
  summaries: SummarizeInput[] = [];
  removes: Array<{ id: string; withIndex: boolean }> = [];
  /** Set by a test that needs the index followed after a load. */
  waitForIndex?: DocumentUseCases['waitForIndex'];
  /** Each summary call takes the next script. */
  summaryScripts: Array<(input: SummarizeInput) => Promise<{ summary: string; parts: number }>> = [];

  async ingest(input: IngestInput): Promise<DocumentRecord> {
    this.ingests.push(input);
    if (input.file.size > input.maxBytes) throw new AppError('upload-too-large');
    const id = input.id ?? 'generated';
    input.onStage?.({ stage: 'parsing' });
    const parsed = await input.parser.parse(input.file, {
      fileName: input.fileName,
      signal: input.signal,
      ...(input.password === undefined ? {} : { password: input.password }),
      onProgress: (p) => input.onStage?.({ stage: 'parsing', done: p.done, total: p.total }),
    });
    input.onStage?.({ stage: 'uploading', done: 0, total: input.file.size });
    let uploaded = false;
    try {
      const { key } = await input.store.uploadOriginal(
        { documentId: id, fileName: input.fileName, contentType: input.contentType, body: input.file },
        { signal: input.signal, onProgress: (p) => input.onStage?.({ stage: 'uploading', done: p.loadedBytes, total: p.totalBytes }) },
      );
      uploaded = true;
      const { key: textKey } = await input.store.putText(id, parsed.text);
      const at = new Date(input.clock?.now() ?? 0).toISOString();
      let record: DocumentRecord = {
        id,
        fileName: input.fileName,
        type: parsed.type,
        size: input.file.size,
        contentType: input.contentType,
        s3Key: key,
        textKey,
        textLength: parsed.text.length,
        language: parsed.language,
        ...(parsed.pages === undefined ? {} : { pages: parsed.pages }),
        status: input.index ? 'indexing' : 'ready',
        indexState: input.index ? 'pending' : 'none',
        createdAt: at,
        updatedAt: at,
      };
      await input.repository.saveDocument(record);
      input.onRecord?.(record);
      if (input.index) {
        input.onStage?.({ stage: 'indexing' });
        await input.index.index({ documentId: id, title: input.fileName, text: parsed.text, language: parsed.language, sourceUri: key }, input.signal);
        if (input.signal.aborted) throw new AppError('aborted');
        record = { ...record, status: 'ready', indexState: (await input.index.status(id)).state };
        await input.repository.saveDocument(record);
      }
      return record;
    } catch (e) {
      if (uploaded) {
        await input.store.remove(id);
        await input.repository.deleteDocument(id);
      }
      throw e;
    }
  }

  async summarize(input: SummarizeInput) {
    this.summaries.push(input);
    const script = this.summaryScripts.shift();
    if (!script) throw new Error('FakeUseCases: no summary script left');
    return script(input);
  }

  async remove(input: { id: string; store: DocumentStore; repository: DocumentRepository; index?: DocumentIndex }) {
    this.removes.push({ id: input.id, withIndex: input.index !== undefined });
    await input.store.remove(input.id);
    await input.index?.remove(input.id);
    await input.repository.deleteDocument(input.id);
  }
}

/** A summary that streams `pieces` (gated after the first when `gate` is given). */
export function streamedSummary(pieces: string[], options: { gate?: () => Promise<void>; parts?: number } = {}) {
  return async (input: SummarizeInput) => {
    const total = options.parts ?? 1;
    if (total > 1) for (let done = 1; done <= total; done++) input.onProgress?.({ done, total, phase: 'parts' });
    let text = '';
    for (const [i, piece] of pieces.entries()) {
      if (i > 0) await options.gate?.();
      if (input.signal.aborted) throw new AppError('aborted');
      text += piece;
      input.onDelta?.(piece, text);
    }
    return { summary: text, parts: total };
  };
}

export function failingSummary(code: 'throttled' | 'context-too-long') {
  return async () => {
    throw new AppError(code);
  };
}

export const record = (id: string, createdAt: string, extra: Partial<DocumentRecord> = {}): DocumentRecord => ({
  id,
  fileName: `${id}.txt`,
  type: 'txt',
  size: 10,
  s3Key: `private/me/documents/${id}/${id}.txt`,
  status: 'ready',
  indexState: 'none',
  language: 'ko',
  createdAt,
  updatedAt: createdAt,
  ...extra,
});
