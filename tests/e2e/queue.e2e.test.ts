import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedBrowser } from '../support/chromium';
import { contractHosts, waitForBadge } from './kotae-page';
import { routeX } from './x-site';
import { customerPosts } from '../support/x-fixtures';

let browser: LaunchedBrowser;
let page: Page;
const posts = customerPosts('home-timeline.html');

/** The number on the toolbar icon, as the browser shows it. */
async function toolbarCount(): Promise<string> {
  const worker = browser.context.serviceWorkers()[0]!;
  return worker.evaluate(() =>
    (globalThis as unknown as { chrome: { action: { getBadgeText(details: object): Promise<string> } } }).chrome.action.getBadgeText({}),
  );
}

beforeAll(async () => {
  browser = await launchChromium();
  await routeX(browser.context);
  page = await browser.context.newPage();
  await page.goto('https://x.com/home');
});
afterAll(async () => {
  await browser?.close();
});

describe('who is still waiting', () => {
  it('counts overdue posts on the toolbar icon', async () => {
    await expect.poll(async () => (await contractHosts(page)).length).toBe(posts.length);
    // Every fixture post is far older than the hour's target.
    await expect.poll(toolbarCount, { timeout: 10_000 }).toBe(String(posts.length));
  });

  it('lists the waiting posts in the popup, oldest wait first, and filters overdue', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const list = popup.getByRole('list', { name: 'Still waiting' });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(posts.length);
    const oldest = [...posts].sort((a, b) => a.postedAt!.localeCompare(b.postedAt!))[0]!;
    await expect.poll(() => list.getByRole('listitem').first().textContent()).toContain(oldest.authorName);
    await popup.getByRole('radio', { name: 'Mine' }).check();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(0);
    await popup.getByRole('radio', { name: 'Overdue' }).check();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(posts.length);
    await popup.close();
  });

  it('gives the team’s own posts no timer and leaves them out of the count', async () => {
    const worker = browser.context.serviceWorkers()[0]!;
    await worker.evaluate(() =>
      (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }).chrome.storage.local.set({
        teamIdentities: ['x:kotaesupport'],
      }),
    );
    await page.goto('https://x.com/KotaeSupport/status/1981500000000000001');
    await expect.poll(async () => (await waitForBadge(page, '@alice_w')).description).toMatch(/^Overdue/);
    expect((await waitForBadge(page, '@kotaesupport')).description).not.toMatch(/Overdue|Waiting/);
  });

  it('takes an answered post out of the count', async () => {
    // Sightings are counted every few seconds (5 s apart at most): wait until the count
    // has stayed the same for longer than that.
    let before = Number(await toolbarCount());
    for (let previous = NaN; before !== previous; ) {
      previous = before;
      await page.waitForTimeout(5_500);
      before = Number(await toolbarCount());
    }
    // What the panel's "Mark as answered" sends, sent from an extension page.
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.evaluate(
      (postKey) =>
        (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
          type: 'post.mark',
          payload: { postKey, mark: 'markedAnswered' },
        }),
      `x:${posts[0]!.postId}`,
    );
    await expect.poll(toolbarCount, { timeout: 10_000 }).toBe(String(before - 1));
    await popup.close();
  });
});
