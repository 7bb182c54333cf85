// Fakes for the document use cases: a model that answers by looking at each request (calls run
// concurrently, so replies cannot be scripted by call order), and in-memory document ports.
import { AppError } from '../../../../src/domain/errors.ts';
import type {
  ChatModel,
  DocumentIndex,
  DocumentParser,
  DocumentRepository,
  DocumentStore,
  ParseProgress,
  UploadProgress,
} from '../../../../src/domain/ports.ts';
import type { StreamEvent } from '../../../../src/domain/stream.ts';
import type { DocumentRecord, IndexState, ModelRequest, ModelResponse, ParsedDocument } from '../../../../src/domain/types.ts';

export type Reply = string | StreamEvent[];

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Streams what `reply` returns for each request, a word at a time, yielding to other calls between words. */
export class ReplyModel implements ChatModel {
  readonly requests: ModelRequest[] = [];
  readonly completions: ModelRequest[] = [];
  inFlight = 0;
  maxInFlight = 0;
  constructor(
    private readonly reply: (request: ModelRequest, call: number) => Reply | Promise<Reply>,
    private readonly completeReply: (request: ModelRequest) => ModelResponse | Promise<ModelResponse> = () => {
      throw new AppError('validation', { message: 'complete not expected' });
    },
  ) {}

  /** The user turn of the last message of each request, in call order. */
  get userTurns(): string[] {
    return this.requests.map((r) => r.prompt.messages.at(-1)?.text ?? '');
  }

  async *stream(request: ModelRequest, _signal: AbortSignal): AsyncIterable<StreamEvent> {
    this.requests.push(request);
    const call = this.requests.length;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await tick();
      const reply = await this.reply(request, call);
      const events: StreamEvent[] =
        typeof reply === 'string'
          ? [
              { type: 'usage', inputTokens: 10 },
              ...reply.split(/(?<= )/).map((text) => ({ type: 'text-delta' as const, text })),
              { type: 'usage', outputTokens: 5 },
              { type: 'message-end', stopReason: 'end' },
            ]
          : reply;
      for (const event of events) {
        await tick();
        yield event;
      }
    } finally {
      this.inFlight--;
    }
  }

  async complete(request: ModelRequest, _signal: AbortSignal): Promise<ModelResponse> {
    this.completions.push(request);
    return this.completeReply(request);
  }
}

export const throttledEvent = (): StreamEvent => ({ type: 'error', error: new AppError('throttled', { message: 'Too many requests' }) });

/** One shared, ordered record of what every document port was asked to do. */
export type Calls = string[];

export class FakeParser implements DocumentParser {
  readonly passwords: (string | undefined)[] = [];
  constructor(
    private readonly calls: Calls,
    public result: ParsedDocument | (() => Promise<ParsedDocument>),
    private readonly progress: ParseProgress[] = [],
  ) {}
  async parse(_file: Blob, options: { fileName: string; password?: string; signal: AbortSignal; onProgress?: (p: ParseProgress) => void }) {
    this.calls.push(`parse:${options.fileName}`);
    this.passwords.push(options.password);
    for (const p of this.progress) options.onProgress?.(p);
    return typeof this.result === 'function' ? this.result() : this.result;
  }
}

export class MemoryDocumentStore implements DocumentStore {
  readonly originals = new Map<string, { fileName: string; contentType: string; size: number }>();
  readonly texts = new Map<string, string>();
  failUpload: ((signal: AbortSignal) => unknown) | undefined;
  failPutText: unknown;
  failRemove: unknown;
  constructor(
    private readonly calls: Calls,
    private readonly uploadSteps: UploadProgress[] = [],
  ) {}
  async uploadOriginal(
    input: { documentId: string; fileName: string; contentType: string; body: Blob | Uint8Array },
    options: { signal: AbortSignal; onProgress?: (progress: UploadProgress) => void },
  ) {
    this.calls.push(`upload:${input.documentId}`);
    for (const step of this.uploadSteps) options.onProgress?.(step);
    const failure = this.failUpload?.(options.signal);
    if (failure) throw failure;
    const size = input.body instanceof Blob ? input.body.size : input.body.byteLength;
    this.originals.set(input.documentId, { fileName: input.fileName, contentType: input.contentType, size });
    return { key: `private/me/documents/${input.documentId}/${input.fileName}` };
  }
  async putText(documentId: string, text: string) {
    this.calls.push(`putText:${documentId}`);
    if (this.failPutText) throw this.failPutText;
    this.texts.set(documentId, text);
    return { key: `private/me/documents/${documentId}/text.txt` };
  }
  async getText(documentId: string) {
    const text = this.texts.get(documentId);
    if (text === undefined) throw new AppError('not-found');
    return text;
  }
  async downloadUrl(documentId: string, fileName: string) {
    return `https://example.test/${documentId}/${fileName}`;
  }
  async remove(documentId: string) {
    this.calls.push(`store.remove:${documentId}`);
    if (this.failRemove) throw this.failRemove;
    this.originals.delete(documentId);
    this.texts.delete(documentId);
  }
}

export class MemoryDocumentRepository implements DocumentRepository {
  readonly records = new Map<string, DocumentRecord>();
  /** Every saved version, in order. */
  readonly saved: DocumentRecord[] = [];
  failSave: unknown;
  failDelete: unknown;
  constructor(private readonly calls: Calls) {}
  async listDocuments() {
    return [...this.records.values()];
  }
  async getDocument(id: string) {
    return this.records.get(id);
  }
  async saveDocument(record: DocumentRecord) {
    this.calls.push(`save:${record.status}/${record.indexState ?? '-'}`);
    if (this.failSave) throw this.failSave;
    this.saved.push(record);
    this.records.set(record.id, record);
  }
  async deleteDocument(id: string) {
    this.calls.push(`repository.delete:${id}`);
    if (this.failDelete) throw this.failDelete;
    this.records.delete(id);
  }
}

/** `statuses` are answered in turn (the last one repeats); an entry may be an error to throw. */
export class FakeIndex implements DocumentIndex {
  readonly documents = new Map<string, Parameters<DocumentIndex['index']>[0]>();
  failIndex: unknown[] = [];
  failRemove: unknown;
  constructor(
    private readonly calls: Calls,
    public statuses: ({ state: IndexState; reason?: string } | { throws: unknown })[] = [{ state: 'indexed' }],
    private readonly onStatus?: () => void,
  ) {}
  async index(document: Parameters<DocumentIndex['index']>[0]) {
    this.calls.push(`index:${document.documentId}`);
    const failure = this.failIndex.shift();
    if (failure) throw failure;
    this.documents.set(document.documentId, document);
  }
  async remove(documentId: string) {
    this.calls.push(`index.remove:${documentId}`);
    if (this.failRemove) throw this.failRemove;
    this.documents.delete(documentId);
  }
  async status(documentId: string) {
    this.calls.push(`status:${documentId}`);
    this.onStatus?.();
    const next = this.statuses.length > 1 ? this.statuses.shift()! : this.statuses[0]!;
    if ('throws' in next) throw next.throws;
    return next;
  }
}
