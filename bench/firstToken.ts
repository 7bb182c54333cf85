// Enter-to-first-token-painted in the real chat screen: `npm start` (local stack + Vite dev server,
// offline model engine with a fixed time to first token), sign in, ask, and time from the Enter
// keydown to the first frame after the answer's first text appears. The model's configured time to
// first token is subtracted, so what is left is the app's own latency (store, stream decoding,
// rendering, local HTTP).
import type { Browser } from 'playwright-core';
import { runNpmStart } from '../scripts/runNpmStart.ts';

const MODEL_TTFT_MS = 150;
// Twelve questions: the median of eleven warm ones is steady from run to run.
const QUESTIONS = [
  '서연, 자기소개를 해 줘.', 'What can you do with a PDF?', '표로 정리해 줄 수 있어?', 'Give me a short list.', '고마워!', 'One more question.',
  '오늘 할 일을 정리해 줘.', 'How do I stop an answer?', '한국어로 짧게 답해 줘.', 'Explain streaming in one line.', '다시 한번 알려 줘.', 'Thanks, that is all.',
];

/**
 * Marks Enter and the first paint of answer text. A frame's rendering is "under way" from its
 * animation-frame callbacks until a task queued then runs (after that frame's paint): a change
 * made inside a frame is painted in that frame, any other change waits for the next one.
 * The probe sees the page's own animation-frame callbacks by wrapping requestAnimationFrame
 * rather than by keeping a frame loop of its own: a loop makes the browser render every frame,
 * and network answers then wait behind rendering (it added 4–12 ms to the question's write).
 */
const PROBE = `(() => {
  const probe = { enterAt: 0, paintedAt: 0 };
  window.firstTokenProbe = probe;
  let inFrame = false;
  const pageRaf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) => pageRaf((time) => {
    inFrame = true;
    setTimeout(() => { inFrame = false; }, 0);
    callback(time);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      performance.clearResourceTimings();
      probe.enterAt = performance.now();
      probe.paintedAt = 0;
    }
  }, true);
  new MutationObserver(() => {
    if (probe.enterAt === 0 || probe.paintedAt !== 0) return;
    const answer = document.querySelector('[data-testid="streaming-answer"]');
    if (!answer || answer.querySelector('[data-testid="typing-indicator"]')) return;
    if ((answer.querySelector('.bubble')?.textContent ?? '').trim() === '') return;
    probe.paintedAt = -1;
    const afterPaint = () => setTimeout(() => { probe.paintedAt = performance.now(); }, 0);
    if (inFrame) afterPaint();
    else requestAnimationFrame(afterPaint);
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
})()`;

export interface FirstTokenResult {
  measured: true;
  /** The local engine's configured time to first token. */
  configuredModelTtftMs: number;
  /** Measured per question: request sent to first byte of the model's answer (Resource Timing). */
  modelTtftMs: number[];
  /**
   * Where the app's share goes: Enter to fetch() of the model call, the time its connection took
   * to open (0 when one was reused), Enter to the request going out, and first byte to paint.
   */
  breakdown: Array<{ fetchCalledMs: number; connectMs: number; beforeRequestMs: number; firstByteToPaintMs: number }>;
  /** Enter to first token painted, each question in one conversation; the first includes lazy chunks. */
  enterToPaintMs: number[];
  /** The same minus the model's own time to first token. */
  appLatencyMs: number[];
  appLatencyMedianMs: number;
  note: string;
}

export async function measureFirstToken(root: string, browser: Browser, log: (message: string) => void): Promise<FirstTokenResult> {
  // The production build (dist/, built by the bench first) against the local stack.
  const app = await runNpmStart({
    cwd: root,
    preview: true,
    env: { LOCAL_LLM_TTFT_MS: String(MODEL_TTFT_MS), LOCAL_LLM_TOKENS_PER_S: '200' },
  });
  const { appUrl } = app;
  try {
    log(`npm start is up at ${appUrl}`);

    const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(appUrl);
    await page.locator('#username').fill('demo');
    await page.locator('#password').fill('Demo-pass-1');
    await page.locator('form button[type="submit"]').click();
    const composer = page.locator('#composer-input');
    await composer.waitFor({ timeout: 60_000 });

    // A plain string: the page must not see helpers the TypeScript loader adds to named functions.
    await page.evaluate(PROBE);

    const enterToPaintMs: number[] = [];
    const modelTtftMs: number[] = [];
    const breakdown: FirstTokenResult['breakdown'] = [];
    for (const question of QUESTIONS) {
      await composer.fill(question);
      await composer.press('Enter');
      await page.waitForFunction(() => {
        const probe = (window as unknown as { firstTokenProbe: { paintedAt: number } }).firstTokenProbe;
        return probe.paintedAt > 0;
      }, undefined, { timeout: 30_000 });
      // The answer has started (its first token was painted); it is done when its streaming row is gone.
      // (Counting answers would not do: the list renders only the rows near the viewport.)
      await page.waitForFunction(() => !document.querySelector('[data-testid="streaming-answer"]'), undefined, { timeout: 60_000 });
      const { enterAt, paintedAt, modelMs, beforeMs, afterMs, fetchMs, connectMs } = await page.evaluate(() => {
        const { enterAt, paintedAt } = (window as unknown as { firstTokenProbe: { enterAt: number; paintedAt: number } }).firstTokenProbe;
        // The model's share: from sending the request to its first byte. The local engine holds
        // the response headers until its first token, so this is its time to first token. The
        // browser files the timing entry only once the stream has ended, hence read it now.
        const calls = performance.getEntriesByType('resource').filter((e) => e.name.includes('/invoke-with-response-stream')) as PerformanceResourceTiming[];
        const call = calls.at(-1);
        if (!call || call.responseStart <= 0) return { enterAt, paintedAt, modelMs: -1, beforeMs: -1, afterMs: -1, fetchMs: -1, connectMs: -1 };
        return {
          enterAt,
          paintedAt,
          modelMs: call.responseStart - call.requestStart,
          beforeMs: call.requestStart - enterAt,
          afterMs: paintedAt - call.responseStart,
          fetchMs: call.startTime - enterAt,
          connectMs: call.connectEnd - call.connectStart,
        };
      });
      enterToPaintMs.push(Math.round((paintedAt - enterAt) * 10) / 10);
      modelTtftMs.push(Math.round(modelMs * 10) / 10);
      breakdown.push({ fetchCalledMs: Math.round(fetchMs * 10) / 10, connectMs: Math.round(connectMs * 10) / 10, beforeRequestMs: Math.round(beforeMs * 10) / 10, firstByteToPaintMs: Math.round(afterMs * 10) / 10 });
    }
    await context.close();

    if (modelTtftMs.some((ms) => ms < 0)) throw new Error('no Resource Timing for the model call (Timing-Allow-Origin missing?)');
    const appLatencyMs = enterToPaintMs.map((ms, i) => Math.round((ms - modelTtftMs[i]!) * 10) / 10);
    const later = [...appLatencyMs.slice(1)].sort((a, b) => a - b);
    return {
      measured: true,
      configuredModelTtftMs: MODEL_TTFT_MS,
      modelTtftMs,
      breakdown,
      enterToPaintMs,
      appLatencyMs,
      appLatencyMedianMs: later[Math.floor(later.length / 2)] ?? appLatencyMs[0]!,
      note: 'npm start -- --preview (the production build) with the offline engine. App latency = Enter to first token painted, ' +
        'minus the model call\'s request-to-first-byte time from Resource Timing. The median leaves out the first question, ' +
        'which also loads lazy chunks.',
    };
  } finally {
    await app.stop();
  }
}
