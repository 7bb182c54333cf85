// The one entry for reading a file: type by content, then the PDF, CSV or TXT reader. Pure (bytes
// in, ParsedDocument out), so it runs as is in Node tests and inside the document worker. Either
// the whole text comes back or an AppError does — never a part of a document.
import { AppError } from '../domain/errors.ts';
import type { ParseProgress } from '../domain/ports.ts';
import type { ParsedDocument } from '../domain/types.ts';
import type { PdfEngine } from './pdf.ts';
import { sniffType } from './sniffType.ts';
import { parseTxt } from './txt.ts';

export interface ParseDocumentOptions {
  fileName: string;
  /** MIME type the browser gave the file, if any (helps tell CSV from TXT). */
  contentType?: string;
  password?: string;
  /** Required for PDFs: where pdf.js finds its CMaps and standard fonts. */
  pdf?: PdfEngine;
  signal?: AbortSignal;
  onProgress?: (progress: ParseProgress) => void;
}

export async function parseDocument(bytes: Uint8Array, options: ParseDocumentOptions): Promise<ParsedDocument> {
  const { fileName, signal, onProgress } = options;
  if (signal?.aborted) throw new AppError('aborted');
  const type = sniffType(bytes, fileName, options.contentType);
  if (type === 'pdf') {
    const engine = options.pdf;
    if (!engine) throw new Error('parseDocument: pdf.cMapUrl and pdf.standardFontDataUrl are needed to read PDFs');
    const [{ parsePdf }, { loadPdfjs }] = await Promise.all([import('./pdf.ts'), import('./pdfjsLoader.ts')]);
    return parsePdf(bytes, { fileName, engine, load: engine.load ?? loadPdfjs, password: options.password, signal, onProgress });
  }
  if (type === 'csv' || type === 'tsv') {
    const { parseCsv } = await import('./csv.ts');
    if (signal?.aborted) throw new AppError('aborted');
    return parseCsv(bytes, { fileName, tab: type === 'tsv', signal, onProgress });
  }
  onProgress?.({ done: 0, total: bytes.length, unit: 'bytes' });
  const parsed = parseTxt(bytes, fileName);
  onProgress?.({ done: bytes.length, total: bytes.length, unit: 'bytes' });
  return parsed;
}
