import type { Page } from 'playwright-core';

/** One page the crawler reached, handed to each check. */
export interface CrawledPage {
  /** The path and query as followed, e.g. /console/detainees/12. */
  path: string;
  /** The path with record numbers and uuids collapsed: the crawler visits each pattern once. */
  pattern: string;
  page: Page;
  status: number;
}

/** A check run on every console page of the walk (words, accessibility…); it returns its problems, none when the page passes. */
export type PageCheck = (p: CrawledPage) => Promise<string[]>;

export interface CrawlOptions {
  /** Where the walk starts (paths). */
  start: string[];
  /** Runs on each console page; pages of `foreign` are only loaded. */
  check: PageCheck;
  /** Third-party pages (Bull Board): loaded and checked for a good status, never read or followed. */
  foreign?: (path: string) => boolean;
  /** Paths never followed besides the built-in ones (recordings, media, event streams, assets). */
  skip?: (path: string) => boolean;
}

export interface CrawlResult {
  /** Patterns in the order visited. */
  visited: string[];
  problems: Array<{ path: string; problems: string[] }>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Links that stream, download or serve files: nothing to read as a page.
const NOT_A_PAGE = /\/(recording|media|events|call-policy)$|^\/console\/assets\/|^\/favicon/;

/** The path with record numbers and uuids as :id, and its query's keys with numbers collapsed the same way. */
export function pathPattern(pathAndQuery: string): string {
  const u = new URL(pathAndQuery, 'http://x');
  const path = u.pathname
    .split('/')
    .map((s) => (/^\d+$/.test(s) || UUID.test(s) ? ':id' : s))
    .join('/');
  const query = [...u.searchParams.entries()]
    .map(([k, v]) => `${k}=${/^\d+$/.test(v) ? ':n' : v}`)
    .sort()
    .join('&');
  return query ? `${path}?${query}` : path;
}

/**
 * Walks the console as the page's signed-in user: follows every same-origin GET link under /console (and the
 * foreign pages named by `foreign`) once per path pattern, never logout or a form, and runs `check` on each
 * console page. Links are read from the page as rendered, so a role sees exactly its own navigation.
 */
export async function crawlConsole(page: Page, baseUrl: string, o: CrawlOptions): Promise<CrawlResult> {
  const origin = new URL(baseUrl).origin;
  const seen = new Set<string>();
  const queue = [...o.start];
  const visited: string[] = [];
  const problems: CrawlResult['problems'] = [];
  const follows = (path: string) =>
    (path.startsWith('/console') || Boolean(o.foreign?.(path))) &&
    !NOT_A_PAGE.test(new URL(path, origin).pathname) &&
    !/logout/.test(path) &&
    !o.skip?.(path);
  while (queue.length) {
    const path = queue.shift()!;
    const pattern = pathPattern(path);
    if (seen.has(pattern) || !follows(path)) continue;
    seen.add(pattern);
    visited.push(pattern);
    const res = await page.goto(`${origin}${path}`, { waitUntil: 'load' });
    const status = res?.status() ?? 0;
    if (status >= 400 || status === 0) problems.push({ path, problems: [`answered ${status}`] });
    if (o.foreign?.(path)) continue;
    // A redirect (the start page to the role's first page) is checked as the page it lands on, once.
    const landed = new URL(page.url());
    const landedPattern = pathPattern(`${landed.pathname}${landed.search}`);
    if (landedPattern !== pattern) {
      if (seen.has(landedPattern)) continue;
      seen.add(landedPattern);
      visited.push(landedPattern);
    }
    const found = await o.check({ path, pattern: landedPattern, page, status });
    if (found.length) problems.push({ path, problems: found });
    const links = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const href of links) {
      const u = new URL(href);
      if (u.origin !== origin) continue;
      const next = `${u.pathname}${u.search}`;
      if (!seen.has(pathPattern(next))) queue.push(next);
    }
  }
  return { visited, problems };
}

/**
 * The words a reader sees on the page: the rendered text with every disclosure opened, each list's options,
 * and placeholders and accessible names; elements marked translate="no" (raw records such as an audit entry's
 * detail) are left out.
 */
export async function visibleWords(page: Page): Promise<string> {
  return page.evaluate(() => {
    for (const d of Array.from(document.querySelectorAll('details'))) {
      d.removeAttribute('name');
      d.open = true;
    }
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('[translate="no"]'))) el.style.display = 'none';
    const extra = Array.from(document.querySelectorAll('option, [placeholder], [aria-label], [title]')).map((el) =>
      [
        el.tagName === 'OPTION' ? el.textContent : '',
        el.getAttribute('placeholder'),
        el.getAttribute('aria-label'),
        el.getAttribute('title'),
      ]
        .filter(Boolean)
        .join('\n'),
    );
    return [document.title, document.body.innerText, ...extra].join('\n');
  });
}
