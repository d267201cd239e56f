import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from '../support/chromium';
import { contractHosts } from './kotae-page';
import { routeX } from './x-site';
import { customerPosts } from '../support/x-fixtures';

let browser: LaunchedBrowser;
const posts = customerPosts('home-timeline.html');
// The fixture's posts from October 2025 (one is from 2024).
const inOctober = posts.filter((post) => post.postedAt?.startsWith('2025-10')).length;

beforeAll(async () => {
  browser = await launchChromium();
  await routeX(browser.context);
});
afterAll(async () => {
  await browser?.close();
});

describe('reports in the options page', () => {
  it('draws the posts Kotae saw, with their numbers', async () => {
    const page = await browser.context.newPage();
    await page.goto('https://x.com/home');
    await expect.poll(async () => (await contractHosts(page)).length).toBe(posts.length);

    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html#reports`);
    const reports = options.getByRole('region', { name: 'Reports' });
    await reports.getByLabel('First day').fill('2025-10-01');
    await reports.getByLabel('Last day (included)').fill('2025-10-31');
    await reports.getByRole('button', { name: 'Show report' }).click();

    const weekdays = reports.getByRole('figure', { name: 'Posts by weekday' });
    // The chart library loads on its own once there is a report: its bars are drawn.
    await expect.poll(() => weekdays.locator('.recharts-bar-rectangle path').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const counts = await weekdays.getByRole('row').evaluateAll((rows) => rows.slice(1).map((row) => Number(row.lastElementChild?.textContent)));
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(inOctober);
    await expect.poll(() => reports.locator('dt:text-is("Customer posts") + dd').textContent()).toBe(String(inOctober));
  });
});
