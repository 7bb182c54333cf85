// Enter-to-first-token-painted in the real chat screen: `npm start` (local stack + Vite dev server,
// offline model engine with a fixed time to first token), sign in, ask, and time from the Enter
// keydown to the first frame after the answer's first text appears. The model's configured time to
// first token is subtracted, so what is left is the app's own latency (store, stream decoding,
// rendering, local HTTP).
import type { Browser } from 'playwright-core';
import { runNpmStart } from '../scripts/runNpmStart.ts';

const MODEL_TTFT_MS = 150;
const QUESTIONS = ['서연, 자기소개를 해 줘.', 'What can you do with a PDF?', '표로 정리해 줄 수 있어?', 'Give me a short list.', '고마워!', 'One more question.'];

export interface FirstTokenResult {
  measured: true;
  modelTtftMs: number;
  /** Enter to first token painted, each question in one conversation; the first includes lazy chunks. */
  enterToPaintMs: number[];
  /** The same minus the model's own time to first token. */
  appLatencyMs: number[];
  appLatencyMedianMs: number;
  note: string;
}

export async function measureFirstToken(root: string, browser: Browser, log: (message: string) => void): Promise<FirstTokenResult> {
  const app = await runNpmStart({
    cwd: root,
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

    await page.evaluate(() => {
      const probe = { enterAt: 0, paintedAt: 0 };
      (window as unknown as { firstTokenProbe: typeof probe }).firstTokenProbe = probe;
      document.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
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
        requestAnimationFrame(() => setTimeout(() => (probe.paintedAt = performance.now()), 0));
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });

    const enterToPaintMs: number[] = [];
    for (const [index, question] of QUESTIONS.entries()) {
      await composer.fill(question);
      await composer.press('Enter');
      await page.waitForFunction(() => {
        const probe = (window as unknown as { firstTokenProbe: { paintedAt: number } }).firstTokenProbe;
        return probe.paintedAt > 0;
      }, undefined, { timeout: 30_000 });
      const { enterAt, paintedAt } = await page.evaluate(() => (window as unknown as { firstTokenProbe: { enterAt: number; paintedAt: number } }).firstTokenProbe);
      enterToPaintMs.push(Math.round((paintedAt - enterAt) * 10) / 10);
      await page.waitForFunction(
        (count) =>
          document.querySelectorAll('[data-testid="assistant-message"]').length >= count &&
          !document.querySelector('[data-testid="streaming-answer"]'),
        index + 1,
        { timeout: 60_000 },
      );
    }
    await context.close();

    const appLatencyMs = enterToPaintMs.map((ms) => Math.round((ms - MODEL_TTFT_MS) * 10) / 10);
    const later = [...appLatencyMs.slice(1)].sort((a, b) => a - b);
    return {
      measured: true,
      modelTtftMs: MODEL_TTFT_MS,
      enterToPaintMs,
      appLatencyMs,
      appLatencyMedianMs: later[Math.floor(later.length / 2)] ?? appLatencyMs[0]!,
      note: 'npm start (Vite dev server, unminified) with the offline engine; the median leaves out the first question, ' +
        'which also loads lazy chunks. The offline engine\'s own compute before its first chunk is counted as app latency.',
    };
  } finally {
    await app.stop();
  }
}
