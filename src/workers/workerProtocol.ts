// Messages between WorkerDocumentParser (page) and document.worker.ts. Errors cross as plain
// { code, message } (structured clone drops AppError's class) and become AppError again.
import { AppError, ERROR_CODES, toAppError, type ErrorCode } from '../domain/errors.ts';
import type { ParseProgress } from '../domain/ports.ts';
import type { ParsedDocument } from '../domain/types.ts';
import type { PdfAssets, PdfEngine } from './pdf.ts';
import { parseDocument } from './parseDocument.ts';

/**
 * Marks our messages. pdf.js's worker module, once imported into our worker, also listens on and
 * posts to the worker's global scope (it sends a "ready" message of its own), so both sides skip
 * anything without this mark.
 */
export const CHANNEL = 'seoyeon-parse';

export interface ParseRequest {
  channel: typeof CHANNEL;
  /** The file itself: a Blob crosses to the worker without copying its bytes on the page. */
  file: Blob;
  fileName: string;
  contentType?: string;
  password?: string;
  pdf: PdfAssets;
}

export type ParseReply = { channel: typeof CHANNEL } & (
  | { type: 'progress'; progress: ParseProgress }
  /** A piece of the text; the pieces arrive in order before `done`, whose result has text ''. */
  | { type: 'text'; part: string }
  | { type: 'done'; result: ParsedDocument }
  | { type: 'error'; code: ErrorCode; message: string }
);

export function isParseRequest(data: unknown): data is ParseRequest {
  return typeof data === 'object' && data !== null && (data as { channel?: unknown }).channel === CHANNEL;
}

export function isParseReply(data: unknown): data is ParseReply {
  return isParseRequest(data) && ['progress', 'text', 'done', 'error'].includes((data as { type?: unknown }).type as string);
}

/** Characters per `text` message. */
export const TEXT_PART = 1 << 21;

/** Runs one request in the worker and posts progress, then exactly one `done` or `error`. */
export async function handleParseRequest(
  request: ParseRequest,
  post: (reply: ParseReply) => void,
  engine: Omit<PdfEngine, keyof PdfAssets> = {},
): Promise<void> {
  try {
    const bytes = new Uint8Array(await request.file.arrayBuffer());
    const result = await parseDocument(bytes, {
      fileName: request.fileName,
      ...(request.contentType ? { contentType: request.contentType } : {}),
      ...(request.password !== undefined ? { password: request.password } : {}),
      pdf: { ...request.pdf, ...engine },
      onProgress: (progress) => post({ channel: CHANNEL, type: 'progress', progress }),
    });
    // A 50 MB table reads into ~70 million characters; copied in one message, the page would spend
    // ~100 ms in one task unpacking it. In pieces, each unpacks in a few milliseconds.
    for (let at = 0; at < result.text.length; at += TEXT_PART) {
      post({ channel: CHANNEL, type: 'text', part: result.text.slice(at, at + TEXT_PART) });
    }
    post({ channel: CHANNEL, type: 'done', result: { ...result, text: '' } });
  } catch (error) {
    const appError = toAppError(error);
    // An unexpected failure keeps whatever it said, for the log and the bug report.
    const message = appError.message && appError.message !== appError.code ? appError.message : describe(error);
    post({ channel: CHANNEL, type: 'error', code: appError.code, message });
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message || '(no message)'}${error.stack ? `\n${error.stack}` : ''}`;
  return String(error);
}

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

export function replyError(reply: { code: string; message: string }): AppError {
  return new AppError(KNOWN_CODES.has(reply.code) ? (reply.code as ErrorCode) : 'unknown', { message: reply.message });
}
