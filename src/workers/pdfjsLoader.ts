// The Node-side tsconfig (tests) does not include src/**/*.d.ts on its own, so this file pulls it in.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./pdfjsWorker.d.ts" />
// Which pdf.js build to load. Node (tests) needs the legacy build (the modern one wants DOMMatrix);
// the browser worker loads the modern build and pdf.js's own worker module into the same thread,
// so pdf.js runs its "fake worker" inside our worker instead of starting a second one.
import type { PdfjsLib } from './pdf.ts';

// A variable specifier keeps bundlers from packing the legacy build into the browser worker.
const NODE_BUILD = 'pdfjs-dist/legacy/build/pdf.mjs';

function isNode(): boolean {
  const process = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof process?.versions?.node === 'string' && typeof (globalThis as { window?: unknown }).window === 'undefined';
}

export async function loadPdfjs(): Promise<PdfjsLib> {
  if (isNode()) return (await import(/* @vite-ignore */ NODE_BUILD)) as PdfjsLib;
  const [lib] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.mjs')]);
  return lib;
}
