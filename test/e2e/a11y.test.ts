// axe-core on the sign-in, chat and settings screens, in Korean and English, light and dark:
// no violation of serious or critical impact.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { appUrl, launchBrowser, newPage } from './support/browser.ts';
import { ask, signInToChat, startNewConversation, waitForAnswers } from './chatDriver.ts';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Serious and critical violations on the page as it is now, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} (${v.help}) at ${n.target.join(' ')}: ${n.failureSummary ?? ''}`));
}

for (const [locale, language] of [['ko-KR', 'ko'], ['en-US', 'en']] as const) {
  for (const theme of ['light', 'dark'] as const) {
    describe(`accessibility in ${language}, ${theme}`, () => {
      it('sign-in, chat with a streamed answer, and settings have no serious or critical violation', async () => {
        const { context, page } = await newPage(browser, { locale });
        await page.emulateMedia({ colorScheme: theme });
        await page.goto(appUrl());
        await page.locator('#username').waitFor();
        expect(await seriousViolations(page), 'sign-in').toEqual([]);

        await signInToChat(page);
        await startNewConversation(page);
        await ask(page, '마크다운으로 목록과 코드 블록을 보여 주세요. **굵게**, `코드`');
        await waitForAnswers(page, 1);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
        expect(await seriousViolations(page), 'chat').toEqual([]);

        await page.getByTestId('status-toggle').click();
        await page.getByTestId('settings-screen').waitFor();
        await page.locator('[data-testid="service-dynamodb"][data-state="ok"]').waitFor({ timeout: 20_000 });
        expect(await seriousViolations(page), 'settings').toEqual([]);
        await context.close();
      });
    });
  }
}

describe('the axe check itself', () => {
  it('reports a serious violation when there is one', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(appUrl());
    await page.locator('#username').waitFor();
    await page.evaluate(() => document.querySelector('form')?.insertAdjacentHTML('beforeend', '<input type="text"><p style="color:#f6f6f6">흐린 글씨</p>'));
    const found = (await seriousViolations(page)).join('\n');
    expect(found).toContain('critical label');
    expect(found).toContain('serious color-contrast');
    await context.close();
  });
});

describe('an explicit theme choice', () => {
  it('dark chosen on a light system is applied through data-theme and passes axe', async () => {
    const { context, page } = await newPage(browser);
    await page.emulateMedia({ colorScheme: 'light' });
    await signInToChat(page);
    await page.getByTestId('status-toggle').click();
    await page.getByTestId('theme-choices').getByLabel('어둡게').check();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(background).toBe('rgb(21, 22, 24)');
    expect(await seriousViolations(page)).toEqual([]);
    await page.reload();
    await page.getByTestId('theme-toggle').waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await context.close();
  });
});

describe('keyboard only', () => {
  it('skip link reaches the composer; the drawer takes focus, keeps Tab inside, and Escape closes it', async () => {
    const { context, page } = await newPage(browser, { width: 360, height: 740 });
    await signInToChat(page);
    // The skip link is the first stop: just before the top bar's first control.
    await page.getByTestId('language-toggle').focus();
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    expect(await page.locator('.skip-link').evaluate((el) => el.getBoundingClientRect().top >= 0)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('composer-input');

    await page.locator('.menu-button').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('#chat-sidebar') !== null)).toBe(true);
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press(i % 3 === 0 ? 'Shift+Tab' : 'Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('#chat-sidebar') !== null), `Tab ${i}`).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('menu-button'))).toBe(true);
    expect(await page.locator('.chat-layout.drawer-open').count()).toBe(0);
    await context.close();
  });

  it('copies an answer as markdown from the keyboard, with feedback', async () => {
    const { context, page } = await newPage(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await signInToChat(page);
    await startNewConversation(page);
    await ask(page, '회의는 목요일 오후 세 시에 열린다.');
    const answer = await waitForAnswers(page, 1);
    await answer.getByTestId('copy-answer').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => answer.getByTestId('copy-feedback').textContent()).toBe('복사했습니다');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const shown = (await answer.locator('.message-text').textContent()) ?? '';
    expect(copied.length).toBeGreaterThan(20);
    // The text as the model wrote it: every shown word is in it, no HTML.
    for (const word of shown.split(/\s+/).filter((w) => w.length > 3).slice(0, 10)) expect(copied).toContain(word);
    expect(copied).not.toMatch(/<\/?[a-z]+>/);
    await context.close();
  });
});
