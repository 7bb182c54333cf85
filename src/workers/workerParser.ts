// The page side of document parsing: one worker per file, so a cancel can simply terminate it
// (pdf.js and papaparse stop mid-page); progress is forwarded, errors come back as AppError.
import { AppError } from '../domain/errors.ts';
import type { DocumentParser, ParseProgress } from '../domain/ports.ts';
import type { ParsedDocument } from '../domain/types.ts';
import { CHANNEL, isParseReply, replyError, type ParseRequest } from './workerProtocol.ts';

/** What the parser needs from a Worker (tests pass an in-process stand-in). */
export interface WorkerLike {
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror?: ((event: MessageEvent) => void) | null;
  postMessage(message: ParseRequest): void;
  terminate(): void;
}

export interface WorkerDocumentParserOptions {
  /** Where the served pdf.js CMaps are; defaults to `<base>pdfjs/cmaps/` of this app. */
  cMapUrl?: string;
  /** Where the served pdf.js standard fonts are; defaults to `<base>pdfjs/standard_fonts/`. */
  standardFontDataUrl?: string;
  createWorker?: () => WorkerLike;
}

/** The workers resolve URLs against their own script, so the asset folders go over absolute. */
function servedAsset(folder: string): string {
  const page = (globalThis as { location?: { href: string } }).location?.href ?? 'http://localhost/';
  return new URL(`${import.meta.env.BASE_URL}pdfjs/${folder}/`, page).href;
}

function startDocumentWorker(): WorkerLike {
  return new Worker(new URL('./document.worker.ts', import.meta.url), { type: 'module', name: 'document-parser' });
}

export class WorkerDocumentParser implements DocumentParser {
  private readonly cMapUrl: string;
  private readonly standardFontDataUrl: string;
  private readonly createWorker: () => WorkerLike;

  constructor(options: WorkerDocumentParserOptions = {}) {
    this.cMapUrl = options.cMapUrl ?? servedAsset('cmaps');
    this.standardFontDataUrl = options.standardFontDataUrl ?? servedAsset('standard_fonts');
    this.createWorker = options.createWorker ?? startDocumentWorker;
  }

  parse(
    file: Blob,
    options: { fileName: string; password?: string; signal: AbortSignal; onProgress?: (progress: ParseProgress) => void },
  ): Promise<ParsedDocument> {
    const { signal } = options;
    if (signal.aborted) return Promise.reject(new AppError('aborted'));
    return new Promise<ParsedDocument>((resolve, reject) => {
      const worker = this.createWorker();
      const finish = (settle: () => void) => {
        signal.removeEventListener('abort', onAbort);
        worker.onmessage = null;
        worker.onerror = null;
        worker.terminate();
        settle();
      };
      const onAbort = () => finish(() => reject(new AppError('aborted')));
      signal.addEventListener('abort', onAbort, { once: true });
      // Appending keeps the pieces as a rope: no single task copies the whole text.
      let text = '';
      worker.onmessage = (event) => {
        if (!isParseReply(event.data)) return;
        const reply = event.data;
        if (reply.type === 'progress') options.onProgress?.(reply.progress);
        else if (reply.type === 'text') text += reply.part;
        else if (reply.type === 'done') finish(() => resolve({ ...reply.result, text }));
        else finish(() => reject(replyError(reply)));
      };
      worker.onerror = (event) => {
        event.preventDefault?.();
        finish(() => reject(new AppError('unknown', { message: `document worker failed: ${event.message || 'could not start'}` })));
      };
      worker.onmessageerror = () => finish(() => reject(new AppError('unknown', { message: 'document worker sent an unreadable reply' })));
      worker.postMessage({
        channel: CHANNEL,
        file,
        fileName: options.fileName,
        ...(file.type ? { contentType: file.type } : {}),
        ...(options.password !== undefined ? { password: options.password } : {}),
        pdf: { cMapUrl: this.cMapUrl, standardFontDataUrl: this.standardFontDataUrl },
      });
    });
  }
}
