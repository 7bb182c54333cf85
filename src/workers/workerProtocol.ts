// Messages between WorkerDocumentParser (page) and document.worker.ts. Errors cross as plain
// { code, message } (structured clone drops AppError's class) and become AppError again.
import { AppError, ERROR_CODES, toAppError, type ErrorCode } from '../domain/errors.ts';
import type { ParseProgress } from '../domain/ports.ts';
import type { ParsedDocument } from '../domain/types.ts';
import type { PdfAssets, PdfEngine } from './pdf.ts';
import { parseDocument } from './parseDocument.ts';

export interface ParseRequest {
  /** The file itself: a Blob crosses to the worker without copying its bytes on the page. */
  file: Blob;
  fileName: string;
  contentType?: string;
  password?: string;
  pdf: PdfAssets;
}

export type ParseReply =
  | { type: 'progress'; progress: ParseProgress }
  | { type: 'done'; result: ParsedDocument }
  | { type: 'error'; code: ErrorCode; message: string };

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
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    post({ type: 'done', result });
  } catch (error) {
    const appError = toAppError(error);
    post({ type: 'error', code: appError.code, message: appError.message });
  }
}

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

export function replyError(reply: { code: string; message: string }): AppError {
  return new AppError(KNOWN_CODES.has(reply.code) ? (reply.code as ErrorCode) : 'unknown', { message: reply.message });
}
