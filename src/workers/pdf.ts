// PDF text with pdf.js, page by page. CMaps and standard fonts are always given: a Korean PDF
// whose CID font is not embedded (UniKS-UCS2-H, Adobe-Korea1) otherwise extracts as nothing.
import type * as Pdfjs from 'pdfjs-dist';
import type { TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api';
import { detectLanguage } from '../domain/documents/language.ts';
import { AppError } from '../domain/errors.ts';
import type { ParseProgress } from '../domain/ports.ts';
import type { ParsedDocument } from '../domain/types.ts';
import { joinTextItems } from './pdfText.ts';

export type PdfjsLib = typeof Pdfjs;

export interface PdfAssets {
  /** Folder of pdf.js's packed CMaps (…/cmaps/), with the trailing slash. */
  cMapUrl: string;
  /** Folder of pdf.js's standard font data (…/standard_fonts/), with the trailing slash. */
  standardFontDataUrl: string;
}

export interface PdfEngine extends PdfAssets {
  /** Loads pdf.js; defaults to the build that suits the runtime (see pdfjsLoader.ts). */
  load?: () => Promise<PdfjsLib>;
  /** Browser: pdf.js fetches CMaps itself (it runs in our worker, where there is no document). */
  useWorkerFetch?: boolean;
}

export interface PdfOptions {
  fileName: string;
  engine: Omit<PdfEngine, 'load'>;
  load: () => Promise<PdfjsLib>;
  password?: string;
  signal?: AbortSignal;
  onProgress?: (progress: ParseProgress) => void;
}

// pdf.js's PasswordResponses.INCORRECT_PASSWORD (NEED_PASSWORD is 1), so the mapping needs no loaded library.
const INCORRECT_PASSWORD = 2;

function toPdfError(error: unknown, fileName: string): AppError {
  if (error instanceof AppError) return error;
  const { name, code, message } = (error ?? {}) as { name?: string; code?: number; message?: string };
  if (name === 'PasswordException') {
    return code === INCORRECT_PASSWORD
      ? new AppError('file-password-wrong', { message: `wrong password for ${fileName}`, cause: error })
      : new AppError('file-encrypted', { message: `${fileName} needs a password`, cause: error });
  }
  return new AppError('file-corrupt', { message: `${fileName}: ${message ?? String(error)}`, cause: error });
}

const isTextItem = (item: TextItem | TextMarkedContent): item is TextItem => 'str' in item;

export async function parsePdf(bytes: Uint8Array, options: PdfOptions): Promise<ParsedDocument> {
  const { engine, fileName, signal } = options;
  const throwIfAborted = () => {
    if (signal?.aborted) throw new AppError('aborted');
  };
  const pdfjs = await options.load();
  throwIfAborted();
  const task = pdfjs.getDocument({
    // pdf.js may transfer (detach) what it is given; the caller keeps its bytes for a retry.
    data: bytes.slice(),
    password: options.password,
    cMapUrl: engine.cMapUrl,
    cMapPacked: true,
    standardFontDataUrl: engine.standardFontDataUrl,
    ...(engine.useWorkerFetch === undefined ? {} : { useWorkerFetch: engine.useWorkerFetch }),
    disableFontFace: true,
    isEvalSupported: false,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  const onAbort = () => void task.destroy();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const document = await task.promise.catch((error: unknown) => {
      throw signal?.aborted ? new AppError('aborted') : toPdfError(error, fileName);
    });
    const total = document.numPages;
    options.onProgress?.({ done: 0, total, unit: 'pages' });
    const pages: string[] = [];
    for (let number = 1; number <= total; number++) {
      throwIfAborted();
      const text = await readPage(document, number).catch((error: unknown) => {
        throw signal?.aborted ? new AppError('aborted') : toPdfError(error, fileName);
      });
      pages.push(text);
      options.onProgress?.({ done: number, total, unit: 'pages' });
    }
    throwIfAborted();
    if (pages.every((page) => !/[\p{L}\p{N}]/u.test(page))) {
      throw new AppError('file-no-text', { message: `${fileName} has no text layer (a scan?)` });
    }
    const pageStarts: number[] = [];
    let text = '';
    pages.forEach((page, i) => {
      if (i > 0) text += '\n\n';
      pageStarts.push(text.length);
      text += page;
    });
    return { type: 'pdf', text, language: detectLanguage(text), pages: total, pageStarts };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await task.destroy();
  }
}

async function readPage(document: Pdfjs.PDFDocumentProxy, number: number): Promise<string> {
  const page = await document.getPage(number);
  try {
    const content = await page.getTextContent();
    return joinTextItems(content.items.filter(isTextItem));
  } finally {
    page.cleanup();
  }
}
