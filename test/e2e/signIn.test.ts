import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, signIn } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('a newcomer after npm start', () => {
  it('signs in as the demo user through the identity pool and sees every service answer', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page);
    await page.getByTestId('status-toggle').click({ timeout: 20_000 });
    const identity = page.getByTestId('identity-id');
    await identity.waitFor({ timeout: 20_000 });
    expect(await identity.textContent()).toMatch(/^ap-northeast-2:[0-9a-f-]{36}$/);
    expect(await page.getByTestId('region').textContent()).toBe('ap-northeast-2');
    for (const service of ['cognito', 'bedrock', 'dynamodb', 's3', 'kendra']) {
      await page.locator(`[data-testid="service-${service}"][data-state="ok"]`).waitFor({ timeout: 20_000 });
    }
    await page.screenshot({ path: 'test-results/connected-ko.png' });
    await context.close();
  });

  it('shows a specific Korean message for a wrong password', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, 'demo', 'wrong-Password-1');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('비밀번호가 올바르지 않습니다');
    await context.close();
  });
});
