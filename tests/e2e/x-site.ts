/** x.com as the tests see it: pages served from fixtures by request routing, never the live site. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { X_FIXTURES } from '../support/x-fixtures';

/** Which fixture answers which x.com address. */
const PAGES: Array<[RegExp, string]> = [
  [/^\/home$/, 'home-timeline.html'],
  [/^\/search$/, 'search-latest.html'],
  [/^\/notifications(\/mentions)?$/, 'notifications.html'],
  [/^\/[^/]+\/status\/\d+$/, 'post-page.html'],
  [/^\/[A-Za-z0-9_]+$/, 'profile.html'],
];

export function fixturePage(file: string): string {
  return readFileSync(join(X_FIXTURES, file), 'utf8');
}

/**
 * Serves x.com and twitter.com from fixtures; `overrides` maps a path to HTML.
 * Everything else a page asks for (images, scripts, analytics) gets an empty answer.
 */
export async function routeX(context: BrowserContext, overrides: Record<string, string> = {}): Promise<void> {
  await context.route(/^https:\/\/([a-z]+\.)?(x|twitter|twimg)\.com\//, async (route) => {
    const url = new URL(route.request().url());
    const html =
      overrides[url.pathname] ??
      (['x.com', 'twitter.com'].includes(url.hostname) && route.request().resourceType() === 'document'
        ? PAGES.find(([pattern]) => pattern.test(url.pathname))?.[1]
        : undefined);
    if (html === undefined) return route.fulfill({ status: 204, body: '' });
    const body = html.startsWith('<') ? html : fixturePage(html);
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
}

/**
 * Puts a post from the post-page fixture above the page's composer, marked as X marks a
 * post page's own post (the editor pages carry only X's composer).
 */
export async function showPostAboveComposer(page: Page, postId: string): Promise<void> {
  await page.evaluate(
    ([html, id]) => {
      const source = new DOMParser().parseFromString(html, 'text/html');
      const article = [...source.querySelectorAll('article')].find((a) => a.querySelector(`a[href$="/status/${id}"] time`))!;
      article.setAttribute('tabindex', '-1');
      document.body.prepend(document.adoptNode(article));
    },
    [fixturePage('post-page.html'), postId] as const,
  );
}
