import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { launchChromium, type LaunchedBrowser } from '../support/chromium';
import { buildEditorPage, type EditorSnapshot } from './editors/build';
import { clickNode, guideFrame as guideFrameOf, insertDmTemplate, panelFrame, waitForBadge } from './kotae-page';
import { routeX, showPostAboveComposer } from './x-site';

// A post page as X shows it while replying: the customer's post (focused), then
// X's Draft.js composer, here the real draft-js package.
const CUSTOMER_POST = '1981530000000000004';
const CUSTOMER = 'alice_w';

let browser: LaunchedBrowser;
let page: Page;

async function editorState(): Promise<EditorSnapshot> {
  return page.evaluate(() => (window as unknown as { __editorState: () => EditorSnapshot }).__editorState());
}

const guideFrame = (): Promise<Frame> => guideFrameOf(page, browser.extensionId!);

beforeAll(async () => {
  browser = await launchChromium();
  const editor = await buildEditorPage('draft');
  await routeX(browser.context, { [`/${CUSTOMER}/status/${CUSTOMER_POST}`]: editor });
  page = await browser.context.newPage();
  await page.goto(`https://x.com/${CUSTOMER}/status/${CUSTOMER_POST}`);
  await page.waitForSelector('[data-testid="tweetTextarea_0"]');
  await showPostAboveComposer(page, CUSTOMER_POST);
});
afterAll(async () => {
  await browser?.close();
});

describe('reply guide on x.com', () => {
  it('opens beside the composer when replying to a customer', async () => {
    await waitForBadge(page, `@${CUSTOMER}`);
    const guide = await guideFrame();
    await guide.getByRole('heading', { name: 'Reply guide' }).waitFor();
    expect(await guide.getByRole('list', { name: 'Templates' }).getByRole('button').count()).toBe(6);
  });

  it('inserts a template, variables filled, into the real Draft.js state, and enables Post', async () => {
    const guide = await guideFrame();
    await insertDmTemplate(guide);
    const state = await editorState();
    expect(state.text).toMatch(/^Alice Walker, so we can look into this properly, could you send us your order number by DM\?/);
    expect(await page.getAttribute('[data-testid="tweetButtonInline"]', 'aria-disabled')).not.toBe('true');
  });

  it('warns live when the draft shows private data, and offers the DM template', async () => {
    await page.click('.public-DraftEditor-content');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Or call 090-1234-5678.');
    const guide = await guideFrame();
    await guide.getByRole('list', { name: 'Checks on your draft' }).getByText(/phone/i).waitFor();
    await guide.getByRole('button', { name: /continue in DM/ }).waitFor();
    expect((await editorState()).text).toMatch(/Or call 090-1234-5678\.$/);
  });

  it('is reached from the composer with Alt+G', async () => {
    await page.click('.public-DraftEditor-content');
    await page.keyboard.press('Alt+KeyG');
    const guide = await guideFrame();
    await expect.poll(() => guide.evaluate(() => document.hasFocus())).toBe(true);
  });

  it('records the reply in the customer’s history when the agent presses Post', async () => {
    await page.click('[data-testid="tweetButtonInline"]');
    // The badge's timer moves at once: the public wait is over, a DM follow-up runs.
    await expect.poll(async () => (await waitForBadge(page, `@${CUSTOMER}`)).description).toMatch(/^In DM · follow up in/);
    await clickNode(page, await waitForBadge(page, `@${CUSTOMER}`));
    const panel = await panelFrame(page, browser.extensionId!);
    const history = panel.getByRole('list', { name: 'History' });
    // The DM template's reply moves the post to DM: its public timer stops.
    await history.getByText('Moved to DM or e-mail', { exact: false }).waitFor();
    await history.getByText(/could you send us your order number by DM/).waitFor();
    await history.getByText(/from “DM・メールへのご案内 \/ Continue in DM or e-mail”/).waitFor();
  });

  it('closes with its close button and stays closed for this composer', async () => {
    await page.keyboard.press('Escape'); // close the panel first
    const guide = await guideFrame();
    await guide.getByRole('button', { name: 'Close reply guide' }).click();
    await page.waitForSelector('iframe[data-kotae-guide]', { state: 'detached' });
    await page.waitForTimeout(300);
    expect(await page.$('iframe[data-kotae-guide]')).toBeNull();
    // …until the agent asks for it again.
    await page.click('.public-DraftEditor-content');
    await page.keyboard.press('Alt+KeyG');
    await guideFrame();
  });
});
