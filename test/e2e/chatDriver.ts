// Small steps the chat end-to-end tests read as user stories: sign in and reach the chat, start a
// conversation, ask, wait for an answer, look at it.
import type { Locator, Page } from 'playwright-core';
import { signIn } from './support/browser.ts';

export const composer = (page: Page) => page.locator('#composer-input');
export const answers = (page: Page) => page.getByTestId('assistant-message');
export const lastAnswer = (page: Page) => answers(page).last();
export const questions = (page: Page) => page.getByTestId('user-message');
export const streamingAnswer = (page: Page) => page.getByTestId('streaming-answer');

/** Signs in through the form and waits until the chat (and its conversation list) has loaded. */
export async function signInToChat(page: Page): Promise<void> {
  await signIn(page);
  await composer(page).waitFor({ timeout: 30_000 });
  await page.getByTestId('sidebar').locator('.muted', { hasText: /불러오는 중|Loading/ }).waitFor({ state: 'detached', timeout: 30_000 });
}

/** Opens a fresh conversation (through the drawer on narrow screens). */
export async function startNewConversation(page: Page): Promise<void> {
  const newButton = page.getByTestId('new-conversation');
  if (!(await newButton.isVisible())) await page.locator('.menu-button').click();
  await newButton.click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="user-message"]').length === 0);
}

/** Types a question like a user and presses Enter. */
export async function ask(page: Page, text: string): Promise<void> {
  await composer(page).fill(text);
  await composer(page).press('Enter');
}

/** Waits until `count` answers are on screen and no answer is streaming; returns the last one. */
export async function waitForAnswers(page: Page, count: number, timeout = 30_000): Promise<Locator> {
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="assistant-message"]').length >= n && !document.querySelector('[data-testid="streaming-answer"]'),
    count,
    { timeout },
  );
  return lastAnswer(page);
}

/** Waits until exactly `count` answers are shown and every one of them is complete. */
export async function allAnswersComplete(page: Page, count: number, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const shown = [...document.querySelectorAll('[data-testid="assistant-message"]')];
      return shown.length === n && shown.every((el) => el.getAttribute('data-status') === 'complete') && !document.querySelector('[data-testid="streaming-answer"]');
    },
    count,
    { timeout },
  );
}

/** The text of an answer bubble, without its meta line. */
export async function answerText(answer: Locator): Promise<string> {
  return (await answer.locator('.message-text').textContent()) ?? '';
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/${name}.png` });
}
