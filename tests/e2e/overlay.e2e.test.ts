import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedBrowser } from '../support/chromium';
import { clickNode, contractHosts, panelFrame, queryByRole, waitForBadge } from './kotae-page';
import { fixturePage, routeX } from './x-site';
import { customerPosts, hasSharedFixtures, SHARED_X_FIXTURES } from '../support/x-fixtures';

const PAGES = [
  ['home timeline', 'https://x.com/home', 'home-timeline.html'],
  ['post page with replies', 'https://x.com/KotaeSupport/status/1981500000000000001', 'post-page.html'],
  ['search, Latest', 'https://x.com/search?q=kotae&f=live', 'search-latest.html'],
  ['notifications, mentions', 'https://x.com/notifications/mentions', 'notifications.html'],
  ['profile', 'https://x.com/mikatanaka_jp', 'profile.html'],
] as const;

const contract = (file: string) =>
  customerPosts(file).map((post) => ({ post: `x:${post.postId}`, customer: `x:${post.authorHandle}` }));

/** Waits until the page holds `count` hosts (the overlay works as the page settles). */
async function hostsWhenSettled(page: Page, count: number) {
  const deadline = Date.now() + 10_000;
  while ((await contractHosts(page)).length < count && Date.now() < deadline) await page.waitForTimeout(50);
  await page.waitForTimeout(200); // and nothing more arrives
  return contractHosts(page);
}

/** Hosts per post element: the contract says exactly one. */
const hostsPerArticle = (page: Page) =>
  page.$$eval('article[data-testid="tweet"]', (articles) =>
    articles.map((a) => a.querySelectorAll('[data-kotae-post]').length).filter((n) => n > 1),
  );

let browser: LaunchedBrowser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  await routeX(browser.context);
  page = await browser.context.newPage();
});
afterAll(async () => {
  await browser?.close();
});

describe('badges on every x.com page type', () => {
  it.each(PAGES)('%s: one badge per customer post with the contract attributes', async (_name, url, file) => {
    await page.goto(url);
    const expected = contract(file);
    expect(await hostsWhenSettled(page, expected.length)).toEqual(expected);
    expect(await hostsPerArticle(page)).toEqual([]);
    // The host is rendered, not just present: the badge button is in the accessibility tree.
    const first = customerPosts(file)[0]!;
    expect((await waitForBadge(page, `@${first.authorHandle}`)).name).toBe(`Kotae: @${first.authorHandle}`);
  });

  it.runIf(hasSharedFixtures)('badges a real captured x.com post', async () => {
    const article = readFileSync(join(SHARED_X_FIXTURES, 'tweetyoink_x-tweet-sample.html'), 'utf8');
    const html = `<!doctype html><html><body><main role="main"><div data-testid="primaryColumn"><section><div>${article}</div></section></div></main></body></html>`;
    const context = browser.context;
    await context.route('https://x.com/testuser123/status/1981398750557065646', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: html }),
    );
    await page.goto('https://x.com/testuser123/status/1981398750557065646');
    expect(await hostsWhenSettled(page, 1)).toEqual([{ post: 'x:1981398750557065646', customer: 'x:testuser123' }]);
  });
});

describe('a living timeline', () => {
  beforeAll(async () => {
    await page.goto('https://x.com/home');
    await hostsWhenSettled(page, contract('home-timeline.html').length);
  });

  it('badges posts appended by infinite scroll', async () => {
    const before = (await contractHosts(page)).length;
    await page.evaluate(() => {
      const cells = [...document.querySelectorAll('[data-testid="cellInnerDiv"]')].filter((c) => c.querySelector('article'));
      const template = cells[0]!;
      for (let i = 0; i < 3; i += 1) {
        const cell = template.cloneNode(true) as HTMLElement;
        cell.querySelector('[data-kotae-post]')?.remove(); // a fresh cell from the site carries no host
        const id = `19900000000000000${10 + i}`;
        for (const a of cell.querySelectorAll('a[href*="/status/"]')) a.setAttribute('href', `/scroll_user${i}/status/${id}`);
        for (const a of cell.querySelectorAll('[data-testid="User-Name"] a')) {
          if (!a.getAttribute('href')?.includes('/status/')) a.setAttribute('href', `/scroll_user${i}`);
        }
        template.parentElement!.append(cell);
      }
    });
    const after = await hostsWhenSettled(page, before + 3);
    expect(after).toHaveLength(before + 3);
    expect(after).toEqual(
      expect.arrayContaining([0, 1, 2].map((i) => ({ post: `x:19900000000000000${10 + i}`, customer: `x:scroll_user${i}` }))),
    );
    expect(await hostsPerArticle(page)).toEqual([]);
  });

  it('shows how long each post has waited, counted from its own time', async () => {
    await page.evaluate(() => {
      const template = [...document.querySelectorAll('[data-testid="cellInnerDiv"]')].find((c) => c.querySelector('article'))!;
      for (const [handle, minutesAgo] of [['late_customer', 70], ['new_customer', 5]] as const) {
        const cell = template.cloneNode(true) as HTMLElement;
        cell.querySelector('[data-kotae-post]')?.remove();
        const id = handle === 'late_customer' ? '1990000000000000070' : '1990000000000000005';
        for (const a of cell.querySelectorAll('a[href*="/status/"]')) a.setAttribute('href', `/${handle}/status/${id}`);
        for (const a of cell.querySelectorAll('[data-testid="User-Name"] a')) {
          if (!a.getAttribute('href')?.includes('/status/')) a.setAttribute('href', `/${handle}`);
        }
        cell.querySelector('time')!.setAttribute('datetime', new Date(Date.now() - minutesAgo * 60_000).toISOString());
        template.parentElement!.append(cell);
      }
    });
    await expect.poll(async () => (await waitForBadge(page, '@late_customer')).description).toMatch(/^Overdue · 1 hr, 10 min/);
    await expect.poll(async () => (await waitForBadge(page, '@new_customer')).description).toMatch(/^Waiting 5 min/);
  });

  it('follows the post id when X reuses a post node for another post', async () => {
    const first = contract('home-timeline.html')[0]!;
    await page.evaluate(() => {
      const article = document.querySelector('article[data-testid="tweet"]')!;
      for (const a of article.querySelectorAll('a')) {
        const href = a.getAttribute('href') ?? '';
        if (href.includes('/status/')) a.setAttribute('href', '/recycled_user/status/1999999999999999999');
        else if (/^\/[A-Za-z0-9_]+$/.test(href)) a.setAttribute('href', '/recycled_user');
      }
      for (const span of article.querySelectorAll('[data-testid="User-Name"] span')) {
        if (span.textContent?.startsWith('@')) span.textContent = '@recycled_user';
      }
    });
    await expect
      .poll(async () => (await contractHosts(page))[0], { timeout: 5_000 })
      .toEqual({ post: 'x:1999999999999999999', customer: 'x:recycled_user' });
    expect((await contractHosts(page)).some((h) => h.post === first.post)).toBe(false);
    expect(await hostsPerArticle(page)).toEqual([]);
  });

  it('badges the new page after single-page navigation', async () => {
    const search = fixturePage('search-latest.html');
    await page.evaluate((html) => {
      const next = new DOMParser().parseFromString(html, 'text/html');
      history.pushState({}, '', '/search?q=kotae&f=live');
      document.querySelector('main')!.replaceWith(document.adoptNode(next.querySelector('main')!));
    }, search);
    const expected = contract('search-latest.html');
    await expect.poll(async () => contractHosts(page), { timeout: 10_000 }).toEqual(expected);
  });
});

describe('keyboard', () => {
  it('opens the panel for the focused post with Alt+K', async () => {
    await page.goto('https://x.com/home');
    const posts = customerPosts('home-timeline.html');
    await hostsWhenSettled(page, posts.length);
    const second = posts[1]!;
    // X's j/k put focus on a post's article; Tab does too.
    await page.locator(`article:has(a[href$="/status/${second.postId}"])`).first().focus();
    await page.keyboard.press('Alt+KeyK');
    const panel = await panelFrame(page, browser.extensionId!);
    await panel.getByRole('heading', { name: `Customer @${second.authorHandle}` }).waitFor();
    await panel.getByRole('button', { name: 'Close panel' }).press('Escape');
    await page.waitForSelector('iframe[data-kotae-panel]', { state: 'detached' });
  });
});

describe('page text is only ever text', () => {
  it('shows HTML from a post literally in the panel and runs nothing', async () => {
    await page.goto('https://x.com/notifications/mentions');
    await page.evaluate(() => {
      (window as unknown as { alert: () => void }).alert = () => {
        document.title = 'ALERT RAN';
      };
    });
    await clickNode(page, await waitForBadge(page, '@sam_oconnor'));
    const panel = await panelFrame(page, browser.extensionId!);
    const history = panel.getByRole('list', { name: 'History' });
    await history.getByText('<img src=x onerror=alert(1)>', { exact: false }).waitFor();
    expect(await panel.locator('.history img').count()).toBe(0);
    expect(await page.title()).not.toBe('ALERT RAN');
  });
});

describe('in Japanese', () => {
  it('labels the badge and the panel in Japanese when the browser is Japanese', async () => {
    const ja = await launchChromium({ lang: 'ja' });
    try {
      await routeX(ja.context);
      const jaPage = await ja.context.newPage();
      await jaPage.goto('https://x.com/home');
      await expect.poll(async () => (await queryByRole(jaPage, 'button', 'Kotae：@alice_w')).length, { timeout: 10_000 }).toBe(1);
      await clickNode(jaPage, (await queryByRole(jaPage, 'button', 'Kotae：@alice_w'))[0]!);
      const panel = await panelFrame(jaPage, ja.extensionId!);
      await panel.getByRole('heading', { name: 'お客様 @alice_w' }).waitFor();
      await panel.getByRole('textbox', { name: '新しいメモ' }).waitFor();
    } finally {
      await ja.close();
    }
  });
});
