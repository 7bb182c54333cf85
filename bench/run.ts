// `npm run bench`: initial JavaScript of the production build, and the main-thread cost of
// streaming long markdown answers in Chromium for our renderer and two references.
// Prints one JSON report on stdout and writes it to bench/results/latest.json. Progress is on stderr.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { measureInitialJs } from './bundle.ts';
import { measureDocuments } from './documents.ts';
import { measureFirstToken } from './firstToken.ts';
import { buildPage, servePage } from './page/serve.ts';
import type { Approach, StreamStats } from './page/protocol.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, 'bench', 'results');
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

const APPROACHES: Approach[] = ['ours', 'streamdown', 'naive'];
const LABELS: Record<Approach, string> = {
  ours: 'ours: block splitter, fed once per frame',
  streamdown: 'streamdown 2.7.1, fed once per frame',
  naive: 'react-markdown + remark-gfm re-rendering the whole text on every chunk',
};
const TOKENS = (process.env.BENCH_TOKENS ?? '1000,4000,8000').split(',').map(Number);
const REPS = Math.max(1, Number(process.env.BENCH_REPS ?? 1));
const INTERVAL_MS = 5;
const INITIAL_JS_BUDGET_KIB = 150;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run'];

interface Cell {
  scriptMs: number;
  busyMs: number;
  longestTaskMs: number;
  longTaskCount: number;
  maxTimerDelayMs: number;
  finalPaintLagMs: number;
  commits: number;
  domNodes: number;
  streamMs: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

function medianCell(reps: Cell[]): Cell {
  const keys = Object.keys(reps[0]!) as (keyof Cell)[];
  return Object.fromEntries(keys.map((key) => [key, round(median(reps.map((rep) => rep[key])))])) as unknown as Cell;
}

type DocumentsSection = Awaited<ReturnType<typeof measureDocuments>> | { measured: false; error?: string; reason?: string };

async function documentsSection(browser: Awaited<ReturnType<typeof chromium.launch>>): Promise<DocumentsSection> {
  if (process.env.BENCH_DOCUMENTS === '0') return { measured: false, reason: 'skipped (BENCH_DOCUMENTS=0)' };
  const reps = Math.max(1, Number(process.env.BENCH_DOCUMENTS_REPS ?? 3));
  return measureDocuments(root, browser, reps, log).catch((error: unknown) => ({
    measured: false as const,
    error: error instanceof Error ? error.message.slice(0, 2000) : String(error),
  }));
}

/** BENCH_ONLY=documents: only the documents section, same report file. */
async function documentsOnly() {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const chromiumVersion = browser.version();
  let documents: DocumentsSection;
  try {
    documents = await documentsSection(browser);
  } finally {
    await browser.close();
  }
  const report = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, loadAverageAtEnd: os.loadavg().map((load) => round(load, 2)), cpuModel: os.cpus()[0]?.model, node: process.version, chromium: chromiumVersion },
    only: 'documents',
    documents,
  };
  const json = JSON.stringify(report, null, 2);
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, 'latest-documents.json'), `${json}\n`);
  process.stdout.write(`${json}\n`);
}

async function main() {
  if (process.env.BENCH_ONLY === 'documents') return documentsOnly();
  log('building the app (npx vite build)');
  const build = spawnSync('npx', ['vite', 'build'], { cwd: root, encoding: 'utf8' });
  const bundle =
    build.status === 0
      ? measureInitialJs(path.join(root, 'dist'), INITIAL_JS_BUDGET_KIB)
      : { error: `vite build failed: ${(build.stderr || build.stdout).slice(-2000)}` };

  log('building the bench page');
  const pageDir = path.join(resultsDir, 'page');
  await buildPage(path.join(root, 'bench', 'page'), pageDir);
  const server = await servePage(pageDir);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const chromiumVersion = browser.version();

  const raw: Record<Approach, Record<number, Cell[]>> = { ours: {}, streamdown: {}, naive: {} };
  let firstToken: Awaited<ReturnType<typeof measureFirstToken>> | { measured: false; error?: string; reason?: string } = {
    measured: false,
    reason: 'skipped (BENCH_FIRST_TOKEN=0)',
  };
  let documents: DocumentsSection | undefined;
  try {
    for (const tokens of TOKENS) {
      for (let rep = 0; rep < REPS; rep++) {
        for (const approach of APPROACHES) {
          const context = await browser.newContext();
          const page = await context.newPage();
          await page.goto(server.url);
          await page.waitForFunction(() => window.bench?.ready === true);
          const cdp = await context.newCDPSession(page);
          await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
          await page.evaluate((name) => window.bench.warmUp(name), approach);
          const before = await metrics(cdp);
          const stats: StreamStats = await page.evaluate(
            ([name, count, interval]) => window.bench.stream(name, count, interval),
            [approach, tokens, INTERVAL_MS] as const,
          );
          const after = await metrics(cdp);
          await context.close();
          const cell: Cell = {
            scriptMs: (after.ScriptDuration - before.ScriptDuration) * 1000,
            busyMs: (after.TaskDuration - before.TaskDuration) * 1000,
            longestTaskMs: Math.max(0, ...stats.longTasks.map((task) => task.durationMs)),
            longTaskCount: stats.longTasks.filter((task) => task.durationMs > 50).length,
            maxTimerDelayMs: stats.maxTimerDelayMs,
            finalPaintLagMs: stats.finalPaintLagMs,
            commits: stats.commits,
            domNodes: stats.domNodes,
            streamMs: stats.durationMs,
          };
          (raw[approach][tokens] ??= []).push(cell);
          log(`${approach} ${tokens} tokens rep ${rep + 1}: script ${round(cell.scriptMs)} ms, busy ${round(cell.busyMs)} ms, ` +
            `long tasks ${cell.longTaskCount} (longest ${round(cell.longestTaskMs)} ms)` +
            stats.longTasks.map((task) => ` [${round(task.durationMs)} ms at ${round(task.atMs)} ms]`).join('') +
            (approach === 'ours' && stats.longFrames.length > 0
              ? `; long frames (script/render ms): ${stats.longFrames.map((frame) => `${round(frame.scriptMs)}/${round(frame.renderMs)}`).join(' ')}`
              : ''));
        }
      }
    }
    if (process.env.BENCH_FIRST_TOKEN !== '0') {
      log('measuring Enter to first token painted against npm start');
      firstToken = await measureFirstToken(root, browser, log).catch((error: unknown) => ({
        measured: false as const,
        error: error instanceof Error ? error.message.slice(0, 2000) : String(error),
      }));
    }
    log('measuring document parsing (PDF pages/s, CSV MB/s) in the worker');
    documents = await documentsSection(browser);
  } finally {
    await browser.close();
    server.close();
  }

  const streaming = Object.fromEntries(
    APPROACHES.map((approach) => [
      approach,
      {
        description: LABELS[approach],
        byTokens: Object.fromEntries(TOKENS.map((tokens) => [tokens, medianCell(raw[approach][tokens]!)])),
      },
    ]),
  ) as Record<Approach, { description: string; byTokens: Record<number, Cell> }>;

  const report = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, loadAverageAtEnd: os.loadavg().map((load) => round(load, 2)), cpuModel: os.cpus()[0]?.model, node: process.version, chromium: chromiumVersion },
    config: { intervalMs: INTERVAL_MS, tokensPerSecond: 1000 / INTERVAL_MS, charsPerToken: 4, tokens: TOKENS, reps: REPS,
      statistic: REPS > 1 ? 'median' : 'single run',
      longestTaskNote: 'longestTaskMs comes from the longtask observer, which only sees tasks over 50 ms (0 = none); ' +
        'maxTimerDelayMs is how late the 5 ms feeding timer ran at worst, a view of shorter blocking' },
    bundle,
    streaming,
    firstToken,
    documents: documents ?? { measured: false, reason: 'not reached' },
    targets: targets(streaming, bundle, firstToken),
  };
  const json = JSON.stringify(report, null, 2);
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, 'latest.json'), `${json}\n`);
  process.stdout.write(`${json}\n`);
}

async function metrics(cdp: { send(method: 'Performance.getMetrics'): Promise<{ metrics: { name: string; value: number }[] }> }) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  const value = (name: string) => list.find((metric) => metric.name === name)?.value ?? Number.NaN;
  return { ScriptDuration: value('ScriptDuration'), TaskDuration: value('TaskDuration') };
}

const CLIENT_TTFT_BUDGET_MS = 30;

function targets(
  streaming: Record<Approach, { byTokens: Record<number, Cell> }>,
  bundle: ReturnType<typeof measureInitialJs> | { error: string },
  firstToken: { measured: true; appLatencyMedianMs: number } | { measured: false },
) {
  const at = (approach: Approach, tokens: number) => streaming[approach].byTokens[tokens];
  const ours8k = at('ours', 8000);
  const ours4k = at('ours', 4000);
  const naive8k = at('naive', 8000);
  const streamdown8k = at('streamdown', 8000);
  const ratio = (a: Cell | undefined, b: Cell | undefined) => (a && b ? round(a.scriptMs / b.scriptMs, 2) : null);
  const naiveOverOurs = ratio(naive8k, ours8k);
  const streamdownOverOurs = ratio(streamdown8k, ours8k);
  const growth = ratio(ours8k, ours4k);
  const oursLongTasks = TOKENS.reduce((sum, tokens) => sum + (at('ours', tokens)?.longTaskCount ?? 0), 0);
  return {
    scriptingNaiveOverOurs8k: { ratio: naiveOverOurs, atLeast: 10, met: naiveOverOurs !== null && naiveOverOurs >= 10 },
    scriptingStreamdownOverOurs8k: { ratio: streamdownOverOurs, atLeast: 2, met: streamdownOverOurs !== null && streamdownOverOurs >= 2 },
    oursScripting8kOver4k: { ratio: growth, atMost: 2, met: growth !== null && growth <= 2 },
    oursNoTaskOver50ms: { count: oursLongTasks, met: oursLongTasks === 0 },
    initialJsWithinBudget: 'error' in bundle
      ? { met: false, error: bundle.error }
      : { gzipKiB: bundle.initialJsGzipKiB, atMostKiB: INITIAL_JS_BUDGET_KIB, met: bundle.withinBudget },
    clientAddedFirstTokenMedian: firstToken.measured
      ? { ms: firstToken.appLatencyMedianMs, atMostMs: CLIENT_TTFT_BUDGET_MS, met: firstToken.appLatencyMedianMs <= CLIENT_TTFT_BUDGET_MS }
      : { met: false, error: 'not measured' },
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
