// The production build, as a team hosts it: `vite build`, then `npm start -- --preview` serves
// dist/ against the local stack. Chunking, the document worker and the pdf.js assets copied into
// dist/ only exist here (the other e2e files run the dev server), so the whole path is walked once:
// sign in, upload a Korean PDF, read its summary, ask with documents on and get a cited answer.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { KOREAN_PDF_PAGES } from '../../scripts/makeDocumentFixtures.ts';
import { runNpmStart, type RunningApp } from '../../scripts/runNpmStart.ts';
import { launchBrowser } from './support/browser.ts';

let browser: Browser;
let app: RunningApp;
beforeAll(async () => {
  const build = spawnSync('npx', ['vite', 'build'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
  app = await runNpmStart({ cwd: process.cwd(), preview: true });
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the production build', () => {
  it('signs in, reads a Korean PDF in its worker, summarizes it and answers from it with a citation', async () => {
    const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    await page.goto(app.appUrl);
    await page.locator('#username').waitFor();
    // The AWS clients and the document parsers are not part of what the sign-in screen loads.
    const beforeSignIn = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((name) => name.endsWith('.js')));
    expect(beforeSignIn.length).toBeGreaterThan(0);
    expect(beforeSignIn.filter((name) => /\/assets\/(aws-|pdf|papaparse|document\.worker)/.test(name))).toEqual([]);
    await page.locator('#username').fill('demo');
    await page.locator('#password').fill('Demo-pass-1');
    await page.locator('form button[type="submit"]').click();
    await page.locator('#composer-input').waitFor({ timeout: 60_000 });

    await page.getByTestId('documents-open').click();
    await page.getByTestId('document-file-input').setInputFiles(path.resolve('test/fixtures/documents/korean-cid.pdf'));
    const item = page.getByTestId('document-item').filter({ hasText: 'korean-cid.pdf' });
    await item.getByTestId('summary').waitFor({ timeout: 60_000 });
    expect(await item.locator('.document-facts').textContent()).toContain(`${KOREAN_PDF_PAGES.length}쪽 · 한국어`);
    await page.keyboard.press('Escape');

    await page.getByRole('checkbox', { name: /내 문서에서 답하기/ }).check();
    await page.locator('#composer-input').fill('서연은 어디에서 동작하는 챗봇이야?');
    await page.locator('#composer-input').press('Enter');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="assistant-message"]').length >= 2 && !document.querySelector('[data-testid="streaming-answer"]'),
      undefined,
      { timeout: 60_000 },
    );
    const answer = page.getByTestId('assistant-message').last();
    expect(await answer.locator('.message-text').textContent()).toContain(KOREAN_PDF_PAGES[1]![0]!);
    expect(await answer.getByTestId('source').first().textContent()).toContain('2쪽');
    expect(failures).toEqual([]);
    await context.close();
  });
});
