// The composer with a real IME event stream: Chromium's DevTools protocol opens a composition
// (Input.imeSetComposition), commits it (Input.insertText) and presses keys
// (Input.dispatchKeyEvent) exactly as the browser's IME bridge does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchBrowser, newPage } from './support/browser.ts';
import { composer, questions, signInToChat, startNewConversation, streamingAnswer, waitForAnswers } from './chatDriver.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const enter = { key: 'Enter', code: 'Enter' } as const;

/** An Enter the IME swallows while a syllable is open: Windows reports it as VK_PROCESSKEY (229). */
async function imeEnter(cdp: CDPSession): Promise<void> {
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...enter, windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...enter, windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 });
}

/** A plain Enter (keyCode 13), as it arrives once no composition is open. */
async function plainEnter(cdp: CDPSession): Promise<void> {
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...enter, windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13, text: '\r', unmodifiedText: '\r' });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...enter, windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 });
}

/** Builds `steps` one composition update after another, as an IME shows them while typing. */
async function compose(cdp: CDPSession, steps: string[]): Promise<void> {
  for (const text of steps) await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
}

async function ready(): Promise<{ page: Page; cdp: CDPSession; close(): Promise<void> }> {
  const { context, page } = await newPage(browser);
  await signInToChat(page);
  await startNewConversation(page);
  await composer(page).focus();
  const cdp = await context.newCDPSession(page);
  return { page, cdp, close: () => context.close() };
}

/** Gives a wrongly sent message time to show up before asserting that none did. */
const settle = (page: Page) => page.waitForTimeout(500);

describe('typing Korean and Japanese with an IME', () => {
  it('Enter during a Korean composition sends nothing; the Enter after the commit sends 안녕하세요 exactly once', async () => {
    const { page, cdp, close } = await ready();
    await cdp.send('Input.insertText', { text: '안녕하세' });
    await compose(cdp, ['ㅇ', '요']);
    expect(await composer(page).inputValue()).toBe('안녕하세요');

    // The IME's Enter, then a keyCode-13 Enter that Chromium still flags as composing.
    await imeEnter(cdp);
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...enter, windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 });
    await settle(page);
    expect(await questions(page).count()).toBe(0);
    expect(await streamingAnswer(page).count()).toBe(0);
    expect(await composer(page).inputValue()).toBe('안녕하세요');

    // The IME commits the open syllable; the Enter that follows sends the whole text.
    await cdp.send('Input.insertText', { text: '요' });
    expect(await composer(page).inputValue()).toBe('안녕하세요');
    await plainEnter(cdp);
    await waitForAnswers(page, 1);
    await settle(page);
    expect(await questions(page).allTextContents()).toEqual(['나: 안녕하세요']);
    expect(await composer(page).inputValue()).toBe('');
    await close();
  });

  it('a commit by Input.insertText alone never sends; Shift+Enter adds a line', async () => {
    const { page, cdp, close } = await ready();
    await cdp.send('Input.insertText', { text: '첫 줄' });
    await page.keyboard.press('Shift+Enter');
    await compose(cdp, ['ㄷ', '두', '둘']);
    await cdp.send('Input.insertText', { text: '둘' });
    await cdp.send('Input.insertText', { text: '째 줄' });
    await settle(page);
    expect(await questions(page).count()).toBe(0);
    expect(await composer(page).inputValue()).toBe('첫 줄\n둘째 줄');

    await plainEnter(cdp);
    await waitForAnswers(page, 1);
    expect(await questions(page).allTextContents()).toEqual(['나: 첫 줄\n둘째 줄']);
    await close();
  });

  it('a Japanese composition (にほんご) behaves the same: Enter confirms, the next Enter sends once', async () => {
    const { page, cdp, close } = await ready();
    await compose(cdp, ['n', 'に', 'にh', 'にほ', 'にほn', 'にほん', 'にほんg', 'にほんご']);
    await imeEnter(cdp);
    await settle(page);
    expect(await questions(page).count()).toBe(0);
    await cdp.send('Input.insertText', { text: 'にほんご' });
    await settle(page);
    expect(await questions(page).count()).toBe(0);
    expect(await composer(page).inputValue()).toBe('にほんご');

    await plainEnter(cdp);
    await waitForAnswers(page, 1);
    await settle(page);
    expect(await questions(page).allTextContents()).toEqual(['나: にほんご']);
    await close();
  });
});

describe('the composer', () => {
  it('keeps the draft per conversation across switching and reloading', async () => {
    const { page, cdp, close } = await ready();
    await cdp.send('Input.insertText', { text: '초안 대화의 첫 질문' });
    await plainEnter(cdp);
    await waitForAnswers(page, 1);
    await composer(page).fill('아직 보내지 않은 초안');

    await startNewConversation(page);
    expect(await composer(page).inputValue()).toBe('');
    await page.locator('.conversation-open', { hasText: '초안 대화의 첫 질문' }).click();
    await expect.poll(() => composer(page).inputValue()).toBe('아직 보내지 않은 초안');

    await page.reload();
    await composer(page).waitFor({ timeout: 30_000 });
    await waitForAnswers(page, 1);
    expect(await composer(page).inputValue()).toBe('아직 보내지 않은 초안');
    await close();
  });

  it('stays editable while an answer streams (Send becomes Stop), and grows with its text up to a limit', async () => {
    const { page, close } = await ready();
    await composer(page).fill('양자 컴퓨터의 역사를 아주 길고 자세하게 설명해 주세요.');
    await composer(page).press('Enter');
    await streamingAnswer(page).waitFor({ timeout: 10_000 });
    expect(await composer(page).isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: '중지' }).count()).toBe(1);
    await composer(page).fill('다음 질문');
    // Enter while the answer streams keeps the next question in the box.
    await composer(page).press('Enter');
    expect(await composer(page).inputValue()).toBe('다음 질문');
    expect(await questions(page).count()).toBe(1);
    await page.getByRole('button', { name: '중지' }).click();
    await waitForAnswers(page, 1);
    expect(await page.getByRole('button', { name: '보내기' }).isEnabled()).toBe(true);

    const oneLine = await composer(page).evaluate((el) => el.getBoundingClientRect().height);
    await composer(page).fill(Array.from({ length: 4 }, (_, i) => `줄 ${i + 1}`).join('\n'));
    const fourLines = await composer(page).evaluate((el) => el.getBoundingClientRect().height);
    expect(fourLines).toBeGreaterThan(oneLine * 2);
    await composer(page).fill(Array.from({ length: 40 }, (_, i) => `줄 ${i + 1}`).join('\n'));
    const capped = await composer(page).evaluate((el) => ({ height: el.getBoundingClientRect().height, scrolls: el.scrollHeight > el.clientHeight }));
    expect(capped.height).toBeLessThan(260);
    expect(capped.scrolls).toBe(true);
    await composer(page).fill('');
    expect(await page.getByRole('button', { name: '보내기' }).isDisabled()).toBe(true);
    await close();
  });
});
