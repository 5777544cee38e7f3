import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { beforeInOrder } from './before-in-order.js';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, driven by playwright-core; the browser tests skip, saying why, when it is missing. */
export const CHROMIUM = '/usr/bin/chromium';
/**
 * Why the browser tests skip, or false. They check pages, not the database engine, so .ci/run runs them once, in
 * its PostgreSQL pass, and sets KINLINE_BROWSER_TESTS=skip for the PGlite pass; a plain `npm test` runs them.
 */
export const skipBrowser =
  process.env.KINLINE_BROWSER_TESTS === 'skip'
    ? 'the browser tests run in the other pass of .ci/run (KINLINE_BROWSER_TESTS=skip)'
    : existsSync(CHROMIUM)
      ? false
      : `Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium)`;

/** A headless Chromium with its own profile directory; `close` removes both. */
export async function launchBrowser(): Promise<{ browser: BrowserContext; close: () => Promise<void> }> {
  const userDir = mkdtempSync(path.join(tmpdir(), 'kinline-chromium-'));
  const browser = await chromium.launchPersistentContext(userDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
  browser.setDefaultTimeout(15_000);
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(userDir, { recursive: true, force: true });
    },
  };
}

/**
 * One browser for a whole test file, unless the browser tests skip: launched in a before() hook, closed in an
 * after() hook; `ready` receives it. A file calls this before useConsoleFixture: the hooks run in the order
 * they were added (before-in-order.ts), so the fixture's setup may open pages, and the browser closes before the
 * server its pages are open on.
 */
export function useBrowser(ready: (browser: BrowserContext) => unknown): void {
  let close: (() => Promise<void>) | undefined;
  beforeInOrder(
    async () => {
      if (skipBrowser) return;
      const launched = await launchBrowser();
      close = launched.close;
      await ready(launched.browser);
    },
    { timeout: 60_000 },
  );
  after(
    async () => {
      await close?.();
    },
    { timeout: 60_000 },
  );
}

/** Signs in on the console's login page (English or Ukrainian) and waits for the console page it lands on. */
export async function logIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/username|ім'я користувача/i).fill(username);
  await page.getByLabel(/^password$|^пароль$/i).fill(password);
  await Promise.all([
    page.waitForURL(/\/console\//, { waitUntil: 'commit' }),
    page.getByRole('button', { name: /log in|увійти/i }).click(),
  ]);
  await page.locator('main h1').waitFor();
}
