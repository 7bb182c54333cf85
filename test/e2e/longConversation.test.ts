// A 300-message conversation: only the rows near the viewport are in the DOM, older pages load
// at the top without moving what the reader is looking at, and the list follows a streaming
// answer only while the reader stays at the bottom.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage } from './support/browser.ts';
import { ask, composer, signInToChat, streamingAnswer, waitForAnswers } from './chatDriver.ts';
import type * as SessionModule from '../../src/app/session.ts';
import type * as RepositoryModule from '../../src/aws/dynamoConversationRepository.ts';
import type * as IdsModule from '../../src/domain/ids.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const TITLE = '긴 대화 300';

/** Writes the conversation through the app's own repository and the signed-in user's credentials. */
async function seedConversation(page: Page, count: number): Promise<void> {
  await page.evaluate(
    async ({ count, title }) => {
      // Vite serves the app's modules by path, so these are the very instances the app uses. (A
      // Function body, because the test runner rewrites import() written in this file.)
      const load = new Function('path', 'return import(path)') as <T>(path: string) => Promise<T>;
      const { sessionStore } = await load<typeof SessionModule>('/src/app/session.ts');
      const { DynamoConversationRepository } = await load<typeof RepositoryModule>('/src/aws/dynamoConversationRepository.ts');
      const { newId } = await load<typeof IdsModule>('/src/domain/ids.ts');
      const connection = sessionStore.getState().connection!;
      const repository = new DynamoConversationRepository(connection.clients);
      const conversationId = newId();
      const start = Date.now() - count * 60_000;
      const at = (i: number) => new Date(start + i * 60_000).toISOString();
      const modelId = connection.clients.config.defaultModelId;
      await repository.saveConversation({ id: conversationId, title, modelId, mode: 'chat', createdAt: at(0), updatedAt: at(count), messageCount: count });
      const ids = Array.from({ length: count }, () => newId());
      for (let from = 0; from < count; from += 25) {
        await Promise.all(
          ids.slice(from, from + 25).map((id, offset) => {
            const i = from + offset;
            // Rows of different heights, so estimates and measurements disagree.
            const text = i % 2 === 0 ? `질문 ${i}` : `답변 ${i}\n\n${'긴 문장이 이어집니다. '.repeat(1 + (i % 7) * 6)}`;
            return repository.saveMessage({ id, conversationId, role: i % 2 === 0 ? 'user' : 'assistant', text, status: 'complete', createdAt: at(i), modelId });
          }),
        );
      }
    },
    { count, title: TITLE },
  );
}

const messageNodes = (page: Page) => page.locator('[data-testid="user-message"], [data-testid="assistant-message"]').count();
const loadedRows = async (page: Page) => Number(await page.locator('ol.messages').getAttribute('data-rows'));
const distanceToBottom = (page: Page) => page.getByTestId('message-scroller').evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);

/** The row at the top of the viewport and where it is on screen. */
function topRow(page: Page) {
  return page.getByTestId('message-scroller').evaluate((scroller) => {
    const top = scroller.getBoundingClientRect().top;
    const rows = [...scroller.querySelectorAll<HTMLElement>('li[data-row]')];
    const row = rows.find((li) => li.getBoundingClientRect().bottom > top + 1);
    return row ? { key: row.dataset.row!, y: row.getBoundingClientRect().top } : undefined;
  });
}

function rowY(page: Page, key: string) {
  return page.getByTestId('message-scroller').evaluate((scroller, k) => scroller.querySelector(`li[data-row="${k}"]`)?.getBoundingClientRect().top, key);
}

describe('a long conversation', () => {
  it('renders a window of 300 messages and loads older pages at the top without jumping', async () => {
    const { context, page } = await newPage(browser, { width: 1280, height: 800 });
    await signInToChat(page);
    await seedConversation(page, 300);
    await page.reload();
    await composer(page).waitFor({ timeout: 30_000 });
    await page.locator('.conversation-open', { hasText: TITLE }).click();
    await page.getByText('질문 298', { exact: true }).waitFor({ timeout: 20_000 });
    expect(await distanceToBottom(page)).toBeLessThan(2);

    // Older pages answer slowly, so the reader's position is read before each page arrives.
    await page.route('**/*', async (route) => {
      if (route.request().headers()['x-amz-target']?.endsWith('.Query')) await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    let pages = 0;
    while ((await loadedRows(page)) < 300) {
      const before = await loadedRows(page);
      await page.getByTestId('message-scroller').evaluate((el) => el.scrollTo({ top: 0 }));
      await page.waitForTimeout(150);
      const reading = await topRow(page);
      expect(reading).toBeDefined();
      await page.waitForFunction((n) => Number(document.querySelector('ol.messages')?.getAttribute('data-rows')) > n, before, { timeout: 10_000 });
      await page.waitForTimeout(150); // new rows measured
      // The row the reader was on has not moved on screen.
      const y = await rowY(page, reading!.key);
      expect(y, `row ${reading!.key} after page ${pages + 1}`).toBeDefined();
      expect(Math.abs(y! - reading!.y)).toBeLessThanOrEqual(2);
      expect(await messageNodes(page)).toBeLessThan(60);
      pages += 1;
    }
    expect(pages).toBe(9);
    expect(await loadedRows(page)).toBe(300);
    expect(await messageNodes(page)).toBeLessThan(60);
    await page.getByTestId('message-scroller').evaluate((el) => el.scrollTo({ top: 0 }));
    await page.getByText('질문 0', { exact: true }).waitFor();

    // Far from the bottom the list offers a way back.
    await page.getByTestId('jump-latest').click();
    await page.getByText('질문 298', { exact: true }).waitFor();
    await expect.poll(() => distanceToBottom(page)).toBeLessThan(2);
    expect(await page.getByTestId('jump-latest').count()).toBe(0);
    expect(await messageNodes(page)).toBeLessThan(60);
    await context.close();
  });

  it('follows a streaming answer at the bottom, and stays put once the reader scrolls up', async () => {
    const { context, page } = await newPage(browser, { width: 1280, height: 700 });
    await signInToChat(page);
    await page.locator('.conversation-open', { hasText: TITLE }).click();
    await page.getByText('질문 298', { exact: true }).waitFor({ timeout: 20_000 });

    await ask(page, '양자 컴퓨터의 역사를 아주 길고 자세하게 설명해 주세요.');
    await streamingAnswer(page).locator('.message-text').waitFor({ timeout: 10_000 });
    for (let i = 0; i < 5; i++) {
      await page.waitForTimeout(120);
      expect(await distanceToBottom(page)).toBeLessThan(48);
    }

    await page.getByTestId('message-scroller').hover();
    await page.mouse.wheel(0, -400);
    await page.getByTestId('jump-latest').waitFor();
    const held = await page.getByTestId('message-scroller').evaluate((el) => el.scrollTop);
    const textBefore = (await streamingAnswer(page).textContent()) ?? '';
    await page.waitForTimeout(600);
    if ((await streamingAnswer(page).count()) > 0) expect(((await streamingAnswer(page).textContent()) ?? '').length).toBeGreaterThan(textBefore.length);
    expect(Math.abs((await page.getByTestId('message-scroller').evaluate((el) => el.scrollTop)) - held)).toBeLessThanOrEqual(1);

    await page.getByTestId('jump-latest').click();
    await waitForAnswers(page, 1);
    await expect.poll(() => distanceToBottom(page)).toBeLessThan(2);
    await context.close();
  });
});
