/**
 * Keyword watch in real Chromium: a saved search added in the options page opens from
 * the popup as X's live search, where each post is marked new, then handled by whom.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedBrowser } from '../support/chromium';
import { clickNode, panelFrame, waitForBadge } from './kotae-page';
import { routeX } from './x-site';
import { customerPosts } from '../support/x-fixtures';

const QUERY = 'kotae OR コタエ -from:kotaesupport';
const LIVE_URL = `https://x.com/search?q=${encodeURIComponent(QUERY)}&src=typed_query&f=live`;
// One badge per customer, so each is found by its name.
const customers = [...new Set(customerPosts('search-latest.html').map((post) => `@${post.authorHandle}`))];
const [answered, ...others] = customers;

let browser: LaunchedBrowser;
let search: Page;

const watchOf = async (page: Page, who: string) => (await waitForBadge(page, who)).description.split(' · ')[0];

beforeAll(async () => {
  browser = await launchChromium();
  await routeX(browser.context);
});
afterAll(async () => {
  await browser?.close();
});

describe('keyword watch', () => {
  it('keeps a saved search made in the options page', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByRole('textbox', { name: 'Your name (shown on your notes)' }).fill('Aiko');
    await options.getByRole('button', { name: 'Save settings' }).click();
    await options.getByText('Saved', { exact: true }).waitFor();
    await options.getByRole('link', { name: 'Keyword watch' }).click();
    await options.getByRole('textbox', { name: 'Search (X’s search syntax)' }).fill(QUERY);
    await options.getByRole('textbox', { name: 'Name in the list (optional)' }).fill('Brand');
    await options.getByRole('textbox', { name: 'Name in the list (optional)' }).press('Enter');
    await options.getByText('Added Brand.').waitFor();
    await options.close();
  });

  it('opens it from the popup as X’s live search in a new tab', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const link = popup.getByRole('list', { name: 'Keyword watch' }).getByRole('link', { name: 'Brand' });
    // What the popup asks the browser to open, recorded on its way to the real call.
    await popup.evaluate(() => {
      const tabs = (globalThis as unknown as { chrome: { tabs: { create(props: { url?: string }): Promise<unknown> } } }).chrome.tabs;
      const create = tabs.create.bind(tabs);
      const opened: string[] = [];
      (globalThis as unknown as { openedUrls: string[] }).openedUrls = opened;
      tabs.create = (props) => {
        opened.push(props.url ?? '');
        return create(props);
      };
    });
    const [opened] = await Promise.all([browser.context.waitForEvent('page'), link.click()]);
    expect(await popup.evaluate(() => (globalThis as unknown as { openedUrls: string[] }).openedUrls)).toEqual([LIVE_URL]);
    // A tab the extension opens can start loading before the test's routing reaches it
    // (and fail on this closed network): load it again, now from the fixture.
    await opened.waitForLoadState('domcontentloaded');
    if (opened.url() !== LIVE_URL) await opened.goto(LIVE_URL);
    expect(opened.url()).toBe(LIVE_URL);
    search = opened;
    await popup.close();
  });

  it('marks every post of a first sweep as new', async () => {
    expect(customers.length).toBeGreaterThan(1);
    for (const who of customers) {
      await expect.poll(() => watchOf(search, who), { timeout: 10_000 }).toBe('Keyword watch: New');
    }
  });

  it('shows who handled a post after it was marked answered, and the rest as seen, on reload', async () => {
    await clickNode(search, await waitForBadge(search, answered!));
    const panel = await panelFrame(search, browser.extensionId!);
    await panel.getByRole('button', { name: 'Mark as answered' }).click();
    // The open page follows the change at once.
    await expect.poll(() => watchOf(search, answered!), { timeout: 10_000 }).toBe('Keyword watch: Handled by Aiko');
    await search.reload();
    await expect.poll(() => watchOf(search, answered!), { timeout: 10_000 }).toBe('Keyword watch: Handled by Aiko');
    for (const who of others) {
      await expect.poll(() => watchOf(search, who), { timeout: 10_000 }).toBe('Keyword watch: Seen');
    }
  });

  it('adds nothing to badges outside search pages', async () => {
    await search.goto('https://x.com/home');
    const home = customerPosts('home-timeline.html')[0]!;
    const badge = await waitForBadge(search, `@${home.authorHandle}`);
    await expect.poll(async () => (await waitForBadge(search, `@${home.authorHandle}`)).description).toMatch(/Seen: \d/);
    expect(badge.description).not.toContain('Keyword watch');
  });
});
