// Debian's Chromium driven by playwright-core; the test tool never downloads a browser of its own.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    stackUrl: string;
  }
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}; .ci/run installs Debian's chromium`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export const appUrl = () => inject('appUrl');
export const stackUrl = () => inject('stackUrl');

export async function newPage(browser: Browser, options: { locale?: 'ko-KR' | 'en-US'; width?: number; height?: number } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: options.locale ?? 'ko-KR',
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
  });
  const page = await context.newPage();
  return { context, page };
}

/** Sign in through the real sign-in form. */
export async function signIn(page: Page, username = 'demo', password = 'Demo-pass-1'): Promise<void> {
  await page.goto(appUrl());
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('form button[type="submit"]').click();
}

export async function addFault(spec: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${stackUrl()}/_local/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(spec) });
  if (!res.ok) throw new Error(`POST /_local/faults answered ${res.status}: ${await res.text()}`);
}

export async function clearFaults(): Promise<void> {
  await fetch(`${stackUrl()}/_local/faults`, { method: 'DELETE' });
}
