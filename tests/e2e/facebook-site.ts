/** facebook.com as the tests see it: hand-made pages served by request routing, never the live site. */
import type { BrowserContext } from 'playwright-core';
import { facebookFixture } from '../support/facebook-fixtures';

/** Which fixture answers which facebook.com address. */
const PAGES: Array<[RegExp, string]> = [
  [/^\/$/, 'home-feed.html'],
  [/^\/kotaesupport\/?$/i, 'page-timeline.html'],
  [/^\/groups\/[^/]+\/?$/, 'group-feed.html'],
  [/^\/[^/]+\/posts\/[^/]+\/?$/, 'post-page.html'],
  [/^\/feed-2022\/?$/, 'feed-2022.html'],
];

/**
 * Serves www.facebook.com from the hand-made fixtures; `overrides` maps a path to HTML
 * (or to a fixture file name). Everything else gets an empty answer.
 */
export async function routeFacebook(context: BrowserContext, overrides: Record<string, string> = {}): Promise<void> {
  await context.route(/^https:\/\/([a-z-]+\.)?(facebook|fbcdn)\.(com|net)\//, async (route) => {
    const url = new URL(route.request().url());
    const html =
      overrides[url.pathname] ??
      (url.hostname === 'www.facebook.com' && route.request().resourceType() === 'document'
        ? PAGES.find(([pattern]) => pattern.test(url.pathname))?.[1]
        : undefined);
    if (html === undefined) return route.fulfill({ status: 204, body: '' });
    const body = html.startsWith('<') ? html : facebookFixture(html);
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
}
