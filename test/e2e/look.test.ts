// Screenshots of every screen at a 360 px phone and a 1280 px desktop, in Korean and English,
// light and dark, into test-results/ for people to look at. Only layout facts are asserted (no
// horizontal scrolling, the drawer covers the list); pixels depend on the fonts installed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { appUrl, launchBrowser, newPage } from './support/browser.ts';
import { ask, shot, signInToChat, startNewConversation, waitForAnswers } from './chatDriver.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

for (const [locale, language] of [['ko-KR', 'ko'], ['en-US', 'en']] as const) {
  for (const theme of ['light', 'dark'] as const) {
    describe(`${language}, ${theme}`, () => {
      for (const width of [360, 1280]) {
        it(`at ${width} px: sign-in, chat, drawer and settings fit the width`, async () => {
          const { context, page } = await newPage(browser, { locale, width, height: width === 360 ? 740 : 800 });
          await page.emulateMedia({ colorScheme: theme });
          const name = (screen: string) => `look-${screen}-${width}-${language}-${theme}`;
          await page.goto(appUrl());
          await page.locator('#username').waitFor();
          await shot(page, name('sign-in'));
          expect(await horizontalOverflow(page)).toBe(0);

          await signInToChat(page);
          await startNewConversation(page);
          await ask(page, language === 'ko' ? '서연의 사무실은 판교에 있다. 목록으로 정리해 주세요.' : 'Our office is in Pangyo. Summarise it as a list.');
          await waitForAnswers(page, 1);
          await shot(page, name('chat'));
          expect(await horizontalOverflow(page)).toBe(0);

          if (width === 360) {
            await page.locator('.menu-button').click();
            await page.waitForTimeout(300); // the drawer slides in
            await shot(page, name('drawer'));
            const drawer = await page.getByTestId('sidebar').boundingBox();
            expect(drawer?.x).toBe(0);
            expect(drawer!.width).toBeLessThanOrEqual(360);
            await page.keyboard.press('Escape');
          }

          await page.getByTestId('status-toggle').click();
          await page.locator('[data-testid="service-dynamodb"][data-state="ok"]').waitFor({ timeout: 20_000 });
          await shot(page, name('settings'));
          expect(await horizontalOverflow(page)).toBe(0);
          await context.close();
        });
      }
    });
  }
}
