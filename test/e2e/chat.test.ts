import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addFault, clearFaults, launchBrowser, newPage } from './support/browser.ts';
import { allAnswersComplete, answerText, answers, ask, composer, lastAnswer, questions, shot, signInToChat, startNewConversation, streamingAnswer, waitForAnswers } from './chatDriver.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await clearFaults();
});

describe('chatting as the demo user', () => {
  it('asks in Korean and sees the answer stream in: typing indicator first, then growing text', async () => {
    const { context, page } = await newPage(browser);
    await signInToChat(page);
    await startNewConversation(page);
    await ask(page, '서연의 사무실은 판교에 있다.');
    await waitForAnswers(page, 1);

    await ask(page, '서연의 사무실은 어디에 있나요?');
    await page.getByTestId('typing-indicator').waitFor({ timeout: 10_000 });
    const seen: string[] = [];
    await streamingAnswer(page).locator('.message-text').waitFor({ timeout: 10_000 });
    for (let i = 0; i < 20 && (await streamingAnswer(page).count()) > 0; i++) {
      seen.push((await streamingAnswer(page).locator('.message-text').textContent().catch(() => null)) ?? '');
      await page.waitForTimeout(40);
    }
    const answer = await waitForAnswers(page, 2);
    expect(await answerText(answer)).toContain('판교');
    // The text grew piece by piece rather than appearing whole.
    const partials = seen.filter((text) => text !== '' && text !== (seen.at(-1) ?? ''));
    expect(partials.length).toBeGreaterThan(0);
    expect(await answer.getByTestId('answer-meta').textContent()).toMatch(/첫 토큰 \d+ms/);
    await shot(page, 'chat-wide-ko');
    await context.close();
  });

  it('stops a long answer at once and keeps the partial text marked as stopped', async () => {
    const { context, page } = await newPage(browser);
    await signInToChat(page);
    await startNewConversation(page);
    // Nothing in the conversation matches, so the offline engine explains itself at length.
    await ask(page, '양자 컴퓨터의 역사를 아주 길고 자세하게 설명해 주세요.');
    await streamingAnswer(page).locator('.message-text').waitFor({ timeout: 10_000 });
    await page.waitForTimeout(300);
    await page.getByRole('button', { name: '중지' }).click();
    const stopped = await waitForAnswers(page, 1);
    expect(await stopped.getAttribute('data-status')).toBe('partial');
    expect(await stopped.getAttribute('data-error')).toBe('aborted');
    expect(await stopped.getByTestId('incomplete').textContent()).toContain('중지됨');
    const partial = await answerText(stopped);
    expect(partial.length).toBeGreaterThan(0);

    // The same question answered in full is longer: the stop really cut it short.
    await stopped.getByRole('button', { name: '다시 생성' }).click();
    await allAnswersComplete(page, 1);
    const full = lastAnswer(page);
    expect(await full.getAttribute('data-status')).toBe('complete');
    expect((await answerText(full)).length).toBeGreaterThan(partial.length);
    await context.close();
  });

  it('switches the model, and the conversation keeps it after a reload', async () => {
    const { context, page } = await newPage(browser);
    await signInToChat(page);
    await startNewConversation(page);
    const picker = page.getByTestId('model-picker');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="model-picker"] optgroup').length > 1);
    const nova = await picker.locator('option', { hasText: 'Nova Lite' }).getAttribute('value');
    expect(nova).toMatch(/^us\.amazon\.nova-lite-v1:0$/);
    await picker.selectOption(nova!);
    await ask(page, '모델을 바꿨습니다. 안녕하세요?');
    const answer = await waitForAnswers(page, 1);
    expect(await answer.getByTestId('answer-meta').textContent()).toContain('Nova Lite');

    await page.reload();
    await composer(page).waitFor({ timeout: 30_000 });
    await waitForAnswers(page, 1);
    expect(await page.getByTestId('model-picker').inputValue()).toBe(nova);
    await context.close();
  });

  it('finds the conversation and its messages after a reload and after signing out and in again', async () => {
    const { context, page } = await newPage(browser);
    await signInToChat(page);
    await startNewConversation(page);
    await ask(page, '회의는 목요일 오후 세 시에 열린다.');
    await waitForAnswers(page, 1);
    await ask(page, '회의는 언제 열리나요?');
    expect(await answerText(await waitForAnswers(page, 2))).toContain('목요일');

    const check = async () => {
      await composer(page).waitFor({ timeout: 30_000 });
      await waitForAnswers(page, 2);
      expect(await questions(page).allTextContents()).toEqual(['나: 회의는 목요일 오후 세 시에 열린다.', '나: 회의는 언제 열리나요?']);
      expect(await answerText(lastAnswer(page))).toContain('목요일');
      expect(await page.getByTestId('chat-title').textContent()).toBe('회의는 목요일 오후 세 시에 열린다.');
      expect(await page.locator('.conversation.active').textContent()).toContain('회의는 목요일');
    };
    await page.reload();
    await check();

    await page.getByRole('button', { name: '로그아웃' }).click();
    await page.locator('#username').waitFor();
    await signInToChat(page);
    await check();
    await context.close();
  });

  it('`list models` shows the models as a message, and `clear memory` keeps history but not memory', async () => {
    const { context, page } = await newPage(browser);
    await signInToChat(page);
    await startNewConversation(page);
    await ask(page, 'list models');
    const list = page.getByTestId('model-list');
    await list.waitFor({ timeout: 10_000 });
    expect(await list.locator('h3').allTextContents()).toEqual(expect.arrayContaining(['Amazon', 'Anthropic', 'Meta']));
    expect(await list.textContent()).toContain('us.amazon.nova-lite-v1:0');
    expect(await composer(page).inputValue()).toBe('');

    await ask(page, '서연의 사무실은 판교에 있다.');
    await waitForAnswers(page, 1);
    await page.getByTestId('clear-memory').click();
    await page.getByTestId('memory-cleared').waitFor();
    await ask(page, '서연의 사무실은 어디에 있나요?');
    const answer = await waitForAnswers(page, 2);
    // The earlier message is still on screen, but the model no longer received it.
    expect(await questions(page).count()).toBe(2);
    expect(await answerText(answer)).not.toContain('판교');
    await context.close();
  });

  it('offline: the question stays in the composer with a specific message, and sends once back online', async () => {
    const { context, page } = await newPage(browser);
    await signInToChat(page);
    await startNewConversation(page);
    await ask(page, '오늘의 메모: 우산을 챙긴다.');
    await waitForAnswers(page, 1);
    await context.setOffline(true);
    await ask(page, '오늘의 메모는 무엇인가요?');
    const notice = page.getByTestId('chat-notice');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.getAttribute('data-code')).toBe('offline');
    expect(await notice.textContent()).toContain('인터넷에 연결되어 있지 않은 것 같습니다');
    expect(await composer(page).inputValue()).toBe('오늘의 메모는 무엇인가요?');
    expect(await questions(page).count()).toBe(1);

    await context.setOffline(false);
    await composer(page).press('Enter');
    expect(await answerText(await waitForAnswers(page, 2))).toContain('우산');
    await context.close();
  });

  it('retries a throttled call before the first token, and the answer still arrives', async () => {
    const { context, page } = await newPage(browser);
    await signInToChat(page);
    await startNewConversation(page);
    await ask(page, '서연은 2026년에 만들어졌다.');
    await waitForAnswers(page, 1);
    await addFault({ kind: 'throttle', service: 'bedrock', operation: 'InvokeModelWithResponseStream', count: 1 });
    await ask(page, '서연은 언제 만들어졌나요?');
    await page.getByTestId('streaming-status').filter({ hasText: '다시 시도하는 중' }).waitFor({ timeout: 10_000 });
    const answer = await waitForAnswers(page, 2);
    expect(await answer.getAttribute('data-status')).toBe('complete');
    expect(await answerText(answer)).toContain('2026');
    await context.close();
  });

  it('keeps a cut stream as an incomplete answer, and Retry brings the full answer', async () => {
    const { context, page } = await newPage(browser);
    await signInToChat(page);
    await startNewConversation(page);
    await ask(page, '서연의 사무실은 판교에 있고, 직원은 스무 명이며, 점심시간은 열두 시부터 한 시까지다.');
    await waitForAnswers(page, 1);
    await addFault({ kind: 'cut', service: 'bedrock', afterChunks: 5, exception: 'throttlingException' });
    await ask(page, '서연의 사무실과 직원과 점심시간에 대해 알려 주세요.');
    const cut = await waitForAnswers(page, 2);
    expect(await cut.getAttribute('data-status')).toBe('partial');
    expect(await cut.getByTestId('incomplete').textContent()).toContain('미완성');
    const partial = await answerText(cut);
    await shot(page, 'chat-cut-ko');

    await cut.getByRole('button', { name: '다시 생성' }).click();
    await allAnswersComplete(page, 2);
    const full = lastAnswer(page);
    expect(await answers(page).count()).toBe(2);
    expect(await full.getAttribute('data-status')).toBe('complete');
    const text = await answerText(full);
    expect(text.length).toBeGreaterThan(partial.length);
    expect(text).toContain('판교');
    await context.close();
  });
});

describe('chat screens at both widths and in both languages', () => {
  for (const [locale, language] of [['ko-KR', 'ko'], ['en-US', 'en']] as const) {
    it(`renders the chat at 390 px and 1280 px in ${language}`, async () => {
      for (const width of [390, 1280]) {
        const { context, page } = await newPage(browser, { locale, width, height: width === 390 ? 844 : 800 });
        await signInToChat(page);
        await waitForAnswers(page, 1);
        await shot(page, `chat-${width === 390 ? 'narrow' : 'wide'}-${language}`);
        if (width === 390) {
          await page.locator('.menu-button').click();
          await page.getByTestId('new-conversation').waitFor();
          await page.waitForTimeout(400); // the drawer slides in
          await shot(page, `chat-narrow-drawer-${language}`);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow).toBe(0);
        }
        await context.close();
      }
    });
  }
});
