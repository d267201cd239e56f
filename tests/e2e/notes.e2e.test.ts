import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedBrowser } from '../support/chromium';
import { clickNode, focusNode, panelFrame, waitForBadge } from './kotae-page';
import { routeX } from './x-site';
import { customerPosts } from '../support/x-fixtures';

const NOTE = `Promised a refund by Friday — 金曜までに返金 ${Date.now()}`;
const HTML_NOTE = '<img src=x onerror="window.__kotaeXss=1">';

let browser: LaunchedBrowser;
let page: Page;
const customer = customerPosts('home-timeline.html')[0]!;
const who = `@${customer.authorHandle}`;

beforeAll(async () => {
  browser = await launchChromium();
  await routeX(browser.context);
  page = await browser.context.newPage();
  await page.goto('https://x.com/home');
});
afterAll(async () => {
  await browser?.close();
});

describe('notes on x.com', () => {
  it('adds a note through the panel, found by role and name', async () => {
    await clickNode(page, await waitForBadge(page, who));
    const panel = await panelFrame(page, browser.extensionId!);
    await panel.getByRole('heading', { name: `Customer ${who}` }).waitFor();
    await panel.getByRole('textbox', { name: 'New note' }).fill(NOTE);
    await panel.getByRole('button', { name: 'Add note' }).click();
    await panel.getByRole('list', { name: 'Notes' }).getByText(NOTE).waitFor();
    await panel.getByRole('textbox', { name: 'New note' }).fill(HTML_NOTE);
    await panel.getByRole('button', { name: 'Add note' }).click();
    await panel.getByRole('list', { name: 'Notes' }).getByText(HTML_NOTE).waitFor();
    expect(await panel.locator('.notes img').count()).toBe(0);
  });

  it('updates the badge on the page with the new note count', async () => {
    await expect
      .poll(async () => (await waitForBadge(page, who)).description, { timeout: 5_000 })
      .toMatch(/notes: 2/);
  });

  it('closes the panel with Escape and gives focus back to the badge', async () => {
    const panel = await panelFrame(page, browser.extensionId!);
    await panel.getByRole('button', { name: 'Close panel' }).focus();
    await page.keyboard.press('Escape');
    await page.waitForSelector('iframe[data-kotae-panel]', { state: 'detached' });
  });

  it('keeps the note after a reload, reached by keyboard', async () => {
    await page.reload();
    await focusNode(page, await waitForBadge(page, who));
    await page.keyboard.press('Enter');
    const panel = await panelFrame(page, browser.extensionId!);
    await panel.getByRole('list', { name: 'Notes' }).getByText(NOTE).waitFor();
  });

  it('never lets the page read the note text', async () => {
    const found = await page.evaluate(
      ([, probe]) => {
        const hits: string[] = [];
        const visit = (root: Document | ShadowRoot) => {
          if ((root.textContent ?? '').includes(probe)) hits.push('text');
          for (const el of root.querySelectorAll('*')) {
            for (const attr of el.getAttributeNames()) if (el.getAttribute(attr)?.includes(probe)) hits.push(`@${attr}`);
            if (el.shadowRoot) visit(el.shadowRoot);
            if (el instanceof HTMLIFrameElement) {
              try {
                if (el.contentDocument) visit(el.contentDocument);
              } catch {
                // cross-origin: unreadable, as intended
              }
            }
          }
        };
        visit(document);
        if (document.documentElement.outerHTML.includes(probe)) hits.push('html');
        if (JSON.stringify(localStorage).includes(probe) || JSON.stringify(sessionStorage).includes(probe)) hits.push('storage');
        if ((window as unknown as { __kotaeXss?: number }).__kotaeXss) hits.push('xss ran');
        return hits;
      },
      [NOTE, NOTE.slice(0, 24)] as const,
    );
    expect(found).toEqual([]);
  });

  it('keeps the note after the browser restarts', async () => {
    const profile = browser.userDataDir;
    await browser.context.close();
    const again = await launchChromium({ userDataDir: profile });
    try {
      await routeX(again.context);
      const next = await again.context.newPage();
      await next.goto('https://x.com/home');
      await clickNode(next, await waitForBadge(next, who));
      const panel = await panelFrame(next, again.extensionId!);
      await panel.getByRole('list', { name: 'Notes' }).getByText(NOTE).waitFor();
    } finally {
      await again.context.close();
    }
  });
});
