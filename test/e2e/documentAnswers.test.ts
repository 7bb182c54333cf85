// Answers from documents in Chromium against `npm start` (offline engine, local Kendra): a Korean
// PDF is uploaded, its summary lands in the conversation, and a question whose answer is in the PDF
// is answered with that sentence, cited, with a source that names the page and opens the file; a
// CP949 CSV is asked about one of its values.
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CSV_ROWS, KOREAN_PDF_PAGES } from '../../scripts/makeDocumentFixtures.ts';
import { answerText, ask, shot, signInToChat, startNewConversation, waitForAnswers } from './chatDriver.ts';
import { launchBrowser, newPage } from './support/browser.ts';

const FIXTURES = path.resolve('test/fixtures/documents');

let browser: Browser;
let context: BrowserContext | undefined;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});
afterAll(async () => {
  await browser?.close();
});

const item = (page: Page, name: string) => page.getByTestId('document-item').filter({ has: page.locator('.document-name', { hasText: name }) });

/** Uploads through the documents drawer, waits for its summary, closes the drawer. */
async function upload(page: Page, fileName: string): Promise<void> {
  await page.getByTestId('documents-open').click();
  await page.getByTestId('documents-drawer').waitFor();
  await page.getByTestId('document-file-input').setInputFiles(path.join(FIXTURES, fileName));
  await item(page, fileName).getByTestId('summary').waitFor({ timeout: 60_000 });
  await page.keyboard.press('Escape');
  await page.getByTestId('documents-drawer').waitFor({ state: 'detached' });
}

async function removeDocument(page: Page, fileName: string): Promise<void> {
  await page.getByTestId('documents-open').click();
  await item(page, fileName).getByTestId('delete-document').click();
  await page.getByTestId('confirm-remove').getByRole('button', { name: /^(삭제|Delete)$/ }).click();
  await item(page, fileName).waitFor({ state: 'detached', timeout: 20_000 });
  await page.keyboard.press('Escape');
}

describe('answers from documents', () => {
  it('answers from a Korean PDF with the sentence that holds the answer, cited with its page, and the source opens the PDF', async () => {
    ({ context } = await newPage(browser, { locale: 'ko-KR' }));
    const page = await context.newPage();
    await signInToChat(page);
    await startNewConversation(page);
    await upload(page, 'korean-cid.pdf');

    // The summary is posted into the conversation, labelled with its file.
    const summary = page.getByTestId('assistant-message').filter({ has: page.getByTestId('summary-label') });
    await summary.waitFor({ timeout: 20_000 });
    expect(await summary.getByTestId('summary-label').textContent()).toBe('korean-cid.pdf 요약');

    const toggle = page.getByRole('checkbox', { name: /내 문서에서 답하기/ });
    await toggle.check();
    // The answer is on page 2 of the PDF.
    const answerSentence = KOREAN_PDF_PAGES[1]![0]!;
    await ask(page, '서연은 어디에서 동작하는 챗봇이야?');
    const answer = await waitForAnswers(page, 2, 60_000);
    const text = await answerText(answer);
    expect(text).toContain(answerSentence);
    const cited = /\[(\d+)\]/.exec(text)?.[1];
    expect(cited, text).toBeDefined();

    const source = answer.getByTestId('source').filter({ hasText: `[${cited}]` });
    expect(await source.count()).toBe(1);
    expect(await source.textContent()).toContain('korean-cid.pdf');
    expect(await source.textContent()).toContain('2쪽');
    await shot(page, 'documents-answer-ko');

    const [popup] = await Promise.all([context.waitForEvent('page'), source.getByTestId('source-open').click()]);
    await popup.waitForURL(/korean-cid\.pdf/, { timeout: 20_000 });
    const response = await popup.request.get(popup.url());
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await popup.close();

    // Hide sources: the list goes for every answer, and stays hidden after a reload.
    await answer.getByTestId('sources-toggle').click();
    expect(await answer.getByTestId('source').count()).toBe(0);
    await page.reload();
    // The session survives the reload: straight back to the chat.
    await page.locator('#composer-input').waitFor({ timeout: 30_000 });
    await page.getByTestId('sources-toggle').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('source').count()).toBe(0);
    await page.getByTestId('sources-toggle').first().click();

    await removeDocument(page, 'korean-cid.pdf');
  });

  it('answers about a value in a CP949 CSV from Korean Excel', async () => {
    ({ context } = await newPage(browser, { locale: 'ko-KR' }));
    const page = await context.newPage();
    await signInToChat(page);
    await startNewConversation(page);
    await upload(page, 'cp949.csv');
    await page.getByRole('checkbox', { name: /내 문서에서 답하기/ }).check();

    const [name, city] = CSV_ROWS[1]!;
    await ask(page, `${name}은 어느 도시에 있어?`);
    const answer = await waitForAnswers(page, 2, 60_000);
    const text = await answerText(answer);
    expect(text).toContain(name);
    expect(text).toContain(city);
    expect(await answer.getByTestId('source').first().textContent()).toContain('cp949.csv');
    await removeDocument(page, 'cp949.csv');
  });
});
