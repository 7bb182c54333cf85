// The page bench/documents.ts drives: the app's own WorkerDocumentParser (the same worker chunk,
// pdf.js in-thread inside it, CMaps from /pdfjs/), watched for main-thread long tasks.
import { WorkerDocumentParser } from '../../src/workers/workerParser.ts';
import type { ParseRun } from './protocol.ts';

const TIMER_MS = 10;

async function run(url: string, fileName: string): Promise<ParseRun> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const file = new File([await response.blob()], fileName);
  await new Promise((resolve) => setTimeout(resolve, 100));

  const longTasks: ParseRun['longTasks'] = [];
  let start = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.startTime + entry.duration >= start) longTasks.push({ atMs: entry.startTime - start, durationMs: entry.duration });
    }
  });
  observer.observe({ type: 'longtask' });
  let maxTimerDelayMs = 0;
  let expected = performance.now() + TIMER_MS;
  const timer = setInterval(() => {
    const now = performance.now();
    maxTimerDelayMs = Math.max(maxTimerDelayMs, now - expected);
    expected = now + TIMER_MS;
  }, TIMER_MS);

  let progressEvents = 0;
  start = performance.now();
  try {
    const parsed = await new WorkerDocumentParser().parse(file, {
      fileName,
      signal: new AbortController().signal,
      onProgress: () => progressEvents++,
    });
    const ms = performance.now() - start;
    // Long-task entries arrive after the task; give them a frame to land.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
    return {
      ms,
      bytes: file.size,
      ...(parsed.pages !== undefined ? { pages: parsed.pages } : {}),
      ...(parsed.rows !== undefined ? { rows: parsed.rows } : {}),
      textLength: parsed.text.length,
      head: parsed.text.slice(0, 200),
      progressEvents,
      longTasks,
      maxTimerDelayMs,
    };
  } finally {
    clearInterval(timer);
    observer.disconnect();
  }
}

window.documentsBench = { ready: true, run };
