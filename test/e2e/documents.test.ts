// Documents in Chromium against `npm start`: upload a Korean PDF and watch it move through its
// stages to a summary, open an encrypted PDF with its password, upload a CP949 CSV and check what
// was read, delete with confirmation; the drawer has no serious accessibility violation.
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CSV_ROWS, ENCRYPTED_PDF_LINES, ENCRYPTED_PDF_PASSWORD, KOREAN_PDF_PAGES } from '../../scripts/makeDocumentFixtures.ts';
import { signInToChat, shot } from './chatDriver.ts';
import { addFault, clearFaults, launchBrowser, newPage } from './support/browser.ts';

const FIXTURES = path.resolve('test/fixtures/documents');
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let browser: Browser;
let context: BrowserContext | undefined;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterEach(async () => {
  await clearFaults();
  await context?.close();
  context = undefined;
});
afterAll(async () => {
  await browser?.close();
});

const drawer = (page: Page) => page.getByTestId('documents-drawer');
const card = (page: Page, name: string) => page.getByTestId('upload-card').filter({ hasText: name });
const item = (page: Page, name: string) => page.getByTestId('document-item').filter({ has: page.locator('.document-name', { hasText: name }) });

async function openDocuments(page: Page): Promise<void> {
  await page.getByTestId('documents-open').click();
  await drawer(page).waitFor();
  await page.getByTestId('document-list').or(page.getByText(/아직 문서가 없습니다|No documents yet/)).first().waitFor({ timeout: 20_000 });
}

async function attach(page: Page, fileName: string): Promise<void> {
  await page.getByTestId('document-file-input').setInputFiles(path.join(FIXTURES, fileName));
}

/** Deletes a document through its button and the confirmation, and waits until it is gone. */
async function remove(page: Page, name: string): Promise<void> {
  await item(page, name).getByTestId('delete-document').click();
  await page.getByTestId('confirm-remove').getByRole('button', { name: /^(삭제|Delete)$/ }).click();
  await item(page, name).waitFor({ state: 'detached', timeout: 20_000 });
}

async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    type Result = { id: string; impact: string | null; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: Result[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('documents', () => {
  it('uploads a Korean PDF with visible progress, then shows what was read and its summary', async () => {
    ({ context } = await newPage(browser, { locale: 'ko-KR' }));
    const page = await context.newPage();
    await signInToChat(page);
    await openDocuments(page);

    // Held for a moment each, so the upload and the summary are seen while they run.
    await addFault({ kind: 'delay', service: 's3', count: 1, delayMs: 2_000 });
    await addFault({ kind: 'delay', service: 'bedrock', count: 1, delayMs: 2_000 });
    await attach(page, 'korean-cid.pdf');
    const upload = card(page, 'korean-cid.pdf');
    await page.locator('[data-testid="upload-card"][data-stage="uploading"]').filter({ hasText: 'korean-cid.pdf' }).waitFor({ timeout: 20_000 });
    const bar = upload.getByRole('progressbar', { name: 'korean-cid.pdf 진행률' });
    expect(await bar.getAttribute('aria-valuemin')).toBe('0');
    expect(await bar.getAttribute('aria-valuemax')).toBe('100');
    expect(await bar.getAttribute('aria-valuetext')).toMatch(/업로드 중/);
    await expect.poll(() => upload.getByRole('button', { name: 'korean-cid.pdf 업로드 취소' }).isVisible()).toBe(true);
    await shot(page, 'documents-uploading-ko');

    const pdf = item(page, 'korean-cid.pdf');
    await pdf.waitFor({ timeout: 30_000 });
    expect(await upload.count()).toBe(0);
    expect(await pdf.locator('.document-facts').textContent()).toContain(`PDF · `);
    expect(await pdf.locator('.document-facts').textContent()).toContain(`${KOREAN_PDF_PAGES.length}쪽 · 한국어`);
    await pdf.getByTestId('summary-running').waitFor({ timeout: 20_000 });
    expect(await pdf.getByRole('button', { name: 'korean-cid.pdf 요약 중지' }).isVisible()).toBe(true);
    await shot(page, 'documents-summarizing-ko');

    const summary = pdf.getByTestId('summary');
    await summary.waitFor({ timeout: 60_000 });
    const summaryText = (await summary.textContent()) ?? '';
    const sentences = KOREAN_PDF_PAGES.flat();
    expect(sentences.some((sentence) => summaryText.includes(sentence)), summaryText).toBe(true);
    await shot(page, 'documents-summary-ko');

    // What was read: the pages' sentences, Korean words whole.
    await pdf.getByTestId('view-text').click();
    const text = page.getByTestId('extracted-text');
    await text.waitFor();
    const extracted = (await text.textContent()) ?? '';
    for (const sentence of KOREAN_PDF_PAGES.flat()) expect(extracted).toContain(sentence);
    await page.keyboard.press('Escape');
    await text.waitFor({ state: 'detached' });
    expect(await drawer(page).isVisible()).toBe(true);

    expect(await seriousViolations(page)).toEqual([]);
    await remove(page, 'korean-cid.pdf');
  });

  it('asks for the password of an encrypted PDF and opens it with the right one', async () => {
    ({ context } = await newPage(browser, { locale: 'en-US' }));
    const page = await context.newPage();
    await signInToChat(page);
    await openDocuments(page);
    await attach(page, 'encrypted.pdf');
    const upload = card(page, 'encrypted.pdf');
    const field = upload.getByLabel('Password for encrypted.pdf');
    await field.waitFor({ timeout: 20_000 });
    expect(await upload.getByRole('alert').textContent()).toContain('password-protected');

    await field.fill('not-the-password');
    await field.press('Enter');
    await expect.poll(async () => (await upload.getByRole('alert').textContent()) ?? '', { timeout: 20_000 }).toContain('does not open the PDF');

    await upload.getByLabel('Password for encrypted.pdf').fill(ENCRYPTED_PDF_PASSWORD);
    await upload.getByRole('button', { name: 'Open' }).click();
    const pdf = item(page, 'encrypted.pdf');
    await pdf.waitFor({ timeout: 30_000 });
    await pdf.getByTestId('view-text').click();
    const text = page.getByTestId('extracted-text');
    await text.waitFor();
    for (const line of ENCRYPTED_PDF_LINES) expect(await text.textContent()).toContain(line);
    await page.keyboard.press('Escape');
    await pdf.getByTestId('summary').waitFor({ timeout: 60_000 });
    await remove(page, 'encrypted.pdf');
  });

  it('reads a CP949 CSV from Korean Excel: rows, columns, encoding and the Korean text itself', async () => {
    ({ context } = await newPage(browser, { locale: 'ko-KR', width: 360, height: 740 }));
    const page = await context.newPage();
    await signInToChat(page);
    await openDocuments(page);
    await attach(page, 'cp949.csv');
    const csv = item(page, 'cp949.csv');
    await csv.waitFor({ timeout: 30_000 });
    const facts = (await csv.locator('.document-facts').textContent()) ?? '';
    expect(facts).toContain(`CSV · `);
    expect(facts).toContain(`${CSV_ROWS.length}행 · 3열 · 한국어 · CP949`);

    await csv.getByTestId('view-text').click();
    const text = page.getByTestId('extracted-text');
    await text.waitFor();
    const extracted = (await text.textContent()) ?? '';
    for (const [name, city] of CSV_ROWS) {
      expect(extracted).toContain(name);
      expect(extracted).toContain(city);
    }
    expect(extracted).not.toContain('\ufffd');
    await shot(page, 'documents-csv-text-ko-360');
    await page.keyboard.press('Escape');

    await csv.getByTestId('summary').waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await shot(page, 'documents-csv-ko-360');
    await remove(page, 'cp949.csv');
  });

  it('refuses a file that is not really a PDF with its own message, and keeps nothing', async () => {
    ({ context } = await newPage(browser, { locale: 'en-US' }));
    const page = await context.newPage();
    await signInToChat(page);
    await openDocuments(page);
    await attach(page, 'not-a-pdf.pdf');
    const upload = card(page, 'not-a-pdf.pdf');
    await upload.getByRole('alert').waitFor({ timeout: 20_000 });
    expect(await upload.getByRole('alert').textContent()).toMatch(/damaged|not really a PDF|not supported|binary/);
    expect(await item(page, 'not-a-pdf.pdf').count()).toBe(0);
    await upload.getByRole('button', { name: 'Dismiss not-a-pdf.pdf' }).click();
    await upload.waitFor({ state: 'detached' });
    // Focus lands on the attach button, not on the page's body.
    // (It moves there in the frame after the card has gone.)
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), { timeout: 5_000 }).toBe('attach-documents');
  });
});
