// Export, import and delete-all in the settings screen, as a user would, on a user of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, signIn, stackUrl } from './support/browser.ts';
import { allAnswersComplete, ask, composer } from './chatDriver.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newUser(): Promise<{ username: string; password: string }> {
  const user = { username: `history-${Date.now().toString(36)}`, password: 'History-pass-1' };
  const res = await fetch(`${stackUrl()}/_local/cognito-idp/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  expect(res.status).toBe(201);
  return user;
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}

const conversationTitles = (page: Page) => page.getByTestId('conversation-item').allTextContents();

describe('history you can take with you', () => {
  it('exports a conversation as JSON and HTML, imports it back as a new one, and deletes everything', async () => {
    const { username, password } = await newUser();
    const { context, page } = await newPage(browser);
    await signIn(page, username, password);
    await composer(page).waitFor({ timeout: 30_000 });
    await ask(page, '서연의 사무실은 판교에 있다.');
    await allAnswersComplete(page, 1);
    await ask(page, '서연의 사무실은 어디에 있나요?');
    await allAnswersComplete(page, 2);

    await page.getByTestId('status-toggle').click();
    await page.getByRole('radio', { name: /JSON/ }).check();
    const json = await download(page, () => page.getByRole('button', { name: '지금 대화 내보내기' }).click());
    expect(json.name).toMatch(/^seoyeon-.*\.json$/);
    const bundle = JSON.parse(json.text) as { format: string; version: number; conversations: Array<{ messages: Array<{ role: string; text: string }> }> };
    expect(bundle).toMatchObject({ format: 'seoyeon.export', version: 1 });
    expect(bundle.conversations).toHaveLength(1);
    expect(bundle.conversations[0]!.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(bundle.conversations[0]!.messages[3]!.text).toContain('판교');

    await page.getByRole('radio', { name: /HTML/ }).check();
    const html = await download(page, () => page.getByRole('button', { name: '모든 대화 내보내기' }).click());
    expect(html.name).toMatch(/\.html$/);
    expect(html.text).toContain('판교');
    expect(html.text).not.toMatch(/<script/i);

    await page.locator('input[type="file"]').setInputFiles({ name: json.name, mimeType: 'application/json', buffer: Buffer.from(json.text) });
    await page.getByRole('status').filter({ hasText: /가져왔습니다|가져옴/ }).first().waitFor({ timeout: 15_000 });
    await page.getByTestId('status-toggle').click();
    await expect.poll(() => conversationTitles(page), { timeout: 15_000 }).toHaveLength(2);
    expect((await conversationTitles(page)).some((t) => t.includes('(가져옴)'))).toBe(true);

    await page.getByTestId('status-toggle').click();
    await page.getByRole('button', { name: '모든 기록 삭제…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox').fill('삭제');
    await dialog.getByRole('button', { name: '영구 삭제' }).click();
    await page.getByText(/대화 2개, 문서 0개, 호출 기록 \d+개를 삭제했습니다/).waitFor({ timeout: 20_000 });
    await page.getByTestId('status-toggle').click();
    await expect.poll(() => conversationTitles(page), { timeout: 15_000 }).toHaveLength(0);

    // Nothing comes back after a reload: the items are gone from the table, not just the screen.
    await page.reload();
    await composer(page).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1_000);
    expect(await conversationTitles(page)).toHaveLength(0);
    await context.close();
  });
});
