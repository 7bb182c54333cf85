// pdf.js's worker module: importing it sets globalThis.pdfjsWorker, which makes pdf.js run in-thread.
declare module 'pdfjs-dist/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
