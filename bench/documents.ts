// Documents section of `npm run bench`: PDF pages per second and CSV MB per second through the
// app's WorkerDocumentParser in Chromium, while the page watches for main-thread long tasks.
// Inputs are generated here (a 120-page Korean/English PDF with a non-embedded Korean CID font,
// a 50 MiB CSV) and never checked in.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { benchCsv, benchPdf } from '../scripts/makeDocumentFixtures.ts';
import { pdfjsAssets } from '../vite.config.ts';
import type { ParseRun } from './documents/protocol.ts';
import { servePage } from './page/serve.ts';

const PDF_PAGES = 120;
const CSV_BYTES = 50 * 1024 * 1024;
const PDF_PAGES_PER_SECOND_FLOOR = 100;
const CSV_SECONDS_CEILING = 2;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

async function buildDocumentsPage(root: string, outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: path.join(root, 'bench', 'documents'),
    base: './',
    logLevel: 'error',
    plugins: [pdfjsAssets()],
    worker: { format: 'es' },
    build: { outDir, emptyOutDir: true, target: 'es2022', reportCompressedSize: false },
  });
}

function summarize(runs: ParseRun[], amount: (run: ParseRun) => number) {
  const ms = median(runs.map((run) => run.ms));
  const longTasks = runs.flatMap((run) => run.longTasks);
  return {
    runs: runs.length,
    msMedian: round(ms),
    msMin: round(Math.min(...runs.map((run) => run.ms))),
    perSecondMedian: round(median(runs.map((run) => amount(run) / (run.ms / 1000)))),
    longTaskCount: longTasks.filter((task) => task.durationMs > 50).length,
    longestTaskMs: round(Math.max(0, ...longTasks.map((task) => task.durationMs))),
    maxTimerDelayMs: round(Math.max(...runs.map((run) => run.maxTimerDelayMs))),
    progressEvents: runs[0]?.progressEvents ?? 0,
  };
}

export async function measureDocuments(root: string, browser: Browser, reps: number, log: (message: string) => void) {
  const outDir = path.join(root, 'bench', 'results', 'documents-page');
  log('documents: building the bench page (WorkerDocumentParser + pdf.js assets)');
  await buildDocumentsPage(root, outDir);
  log(`documents: generating a ${PDF_PAGES}-page Korean/English PDF and a ${CSV_BYTES / 1024 / 1024} MiB CSV`);
  const pdf = benchPdf(PDF_PAGES);
  const csv = benchCsv(CSV_BYTES);
  writeFileSync(path.join(outDir, 'bench.pdf'), pdf);
  writeFileSync(path.join(outDir, 'bench.csv'), csv);
  const server = await servePage(outDir);

  const pdfCold: ParseRun[] = [];
  const pdfWarm: ParseRun[] = [];
  const csvRuns: ParseRun[] = [];
  try {
    for (let rep = 0; rep < reps; rep++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(server.url);
      await page.waitForFunction(() => window.documentsBench?.ready === true);
      const run = (file: string) =>
        page.evaluate(([url, name]) => window.documentsBench.run(url, name), [`./${file}`, file] as const);
      // The first PDF in a page loads pdf.js into the worker (what a user's first upload costs).
      const cold = await run('bench.pdf');
      const warm = await run('bench.pdf');
      const table = await run('bench.csv');
      await context.close();
      if (errors.length > 0) throw new Error(`documents bench page errors: ${errors.join('; ')}`);
      if (cold.pages !== PDF_PAGES || !cold.head.includes('서연은 한국어 문서를')) {
        throw new Error(`PDF read wrongly: ${cold.pages} pages, starts ${JSON.stringify(cold.head.slice(0, 80))}`);
      }
      if (!table.rows || !table.head.startsWith('Columns: id | date | name')) {
        throw new Error(`CSV read wrongly: ${table.rows} rows, starts ${JSON.stringify(table.head.slice(0, 80))}`);
      }
      pdfCold.push(cold);
      pdfWarm.push(warm);
      csvRuns.push(table);
      log(`documents rep ${rep + 1}: PDF cold ${round(cold.ms)} ms, warm ${round(warm.ms)} ms; CSV ${round(table.ms)} ms; ` +
        `long tasks ${[cold, warm, table].map((r) => r.longTasks.length).join('/')}, ` +
        `worst timer delay ${[cold, warm, table].map((r) => round(r.maxTimerDelayMs)).join('/')} ms`);
    }
  } finally {
    server.close();
  }

  const pdfFirst = summarize(pdfCold, (run) => run.pages ?? 0);
  const pdfAgain = summarize(pdfWarm, (run) => run.pages ?? 0);
  const table = summarize(csvRuns, (run) => run.bytes / 1e6);
  const pdfLongTasks = pdfFirst.longTaskCount + pdfAgain.longTaskCount;
  return {
    description: 'WorkerDocumentParser in Chromium: one module worker per file, pdf.js in-thread inside it; ' +
      'times from parse() to the parsed document on the page; long tasks from the page longtask observer',
    pdf: {
      file: { pages: PDF_PAGES, bytes: pdf.length, characters: pdfCold[0]?.textLength,
        fonts: 'Korean CID font not embedded (UniKS-UCS2-H, Adobe-Korea1) + Helvetica (standard font data)' },
      firstInPage: { ...pdfFirst, pagesPerSecond: pdfFirst.perSecondMedian, note: 'includes starting the worker and loading pdf.js and the CMap' },
      again: { ...pdfAgain, pagesPerSecond: pdfAgain.perSecondMedian, note: 'second PDF in the same page (modules cached; a new worker)' },
    },
    csv: {
      file: { bytes: csv.length, rows: csvRuns[0]?.rows, characters: csvRuns[0]?.textLength },
      ...table,
      mbPerSecond: table.perSecondMedian,
      unit: 'MB = 10^6 bytes',
    },
    targets: {
      pdfPagesPerSecond: { value: pdfFirst.perSecondMedian, atLeast: PDF_PAGES_PER_SECOND_FLOOR, met: pdfFirst.perSecondMedian >= PDF_PAGES_PER_SECOND_FLOOR },
      pdfNoTaskOver50ms: { count: pdfLongTasks, met: pdfLongTasks === 0 },
      csvSeconds: { value: round(table.msMedian / 1000, 2), atMost: CSV_SECONDS_CEILING, met: table.msMedian / 1000 <= CSV_SECONDS_CEILING },
      csvNoTaskOver50ms: { count: table.longTaskCount, met: table.longTaskCount === 0 },
    },
  };
}

export type DocumentsReport = Awaited<ReturnType<typeof measureDocuments>>;
