import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { AppError, type ErrorCode } from '../../../src/domain/errors.ts';
import type { PdfEngine } from '../../../src/workers/pdf.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const pdfjsDir = path.join(root, 'node_modules', 'pdfjs-dist');

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(root, 'test', 'fixtures', 'documents', name)));
}

/** pdf.js under Node: the legacy build, with CMaps and standard fonts read from node_modules. */
export const nodePdf: PdfEngine = {
  cMapUrl: `${path.join(pdfjsDir, 'cmaps')}/`,
  standardFontDataUrl: `${path.join(pdfjsDir, 'standard_fonts')}/`,
};

/** Awaits a rejection and checks it is our AppError with the code (never a result). */
export async function expectAppError(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  let settled: { value: unknown } | undefined;
  let caught: unknown;
  try {
    settled = { value: await promise };
  } catch (error) {
    caught = error;
  }
  expect(settled, 'expected a rejection, got a result').toBeUndefined();
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe(code);
  return caught as AppError;
}

export function expectAppErrorSync(run: () => unknown, code: ErrorCode): AppError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe(code);
  return caught as AppError;
}
