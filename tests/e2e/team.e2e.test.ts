/**
 * Two agents of one team, each in their own Chromium profile with the extension, against
 * a real team server on loopback: a note one adds appears on the other's overlay, and
 * an open reply shows as "… replying" on the other's badge of the same post.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/testing';
import { launchChromium, type LaunchedBrowser } from '../support/chromium';
import { routeX, showPostAboveComposer } from './x-site';
import { clickNode, joinFromPopup, panelFrame, waitForBadge } from './kotae-page';
import { buildEditorPage } from './editors/build';

const CUSTOMER = 'alice_w';
const POST = '1981530000000000004';
const POST_URL = `https://x.com/${CUSTOMER}/status/${POST}`;
const NOTE = `Called about the late parcel — 配送遅延の件 ${Date.now()}`;

let server: TestServer;
let ayaka: LaunchedBrowser;
let ben: LaunchedBrowser;

/** Joins the team from the extension's popup, as a person does. */
async function join(browser: LaunchedBrowser, name: string): Promise<void> {
  const invite = await server.invite(server.teamId, 'agent');
  await joinFromPopup(browser, { serverUrl: server.url, code: invite.code, name });
}

/** A post page with the customer's post and X's reply composer (the real draft-js). */
async function openPostWithComposer(browser: LaunchedBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(POST_URL);
  await page.waitForSelector('[data-testid="tweetTextarea_0"]');
  await showPostAboveComposer(page, POST);
  return page;
}

beforeAll(async () => {
  server = await startTestServer();
  const editor = await buildEditorPage('draft');
  [ayaka, ben] = await Promise.all([launchChromium(), launchChromium()]);
  for (const browser of [ayaka, ben]) await routeX(browser.context, { [`/${CUSTOMER}/status/${POST}`]: editor });
  await join(ayaka, 'Ayaka');
  await join(ben, 'Ben');
});
afterAll(async () => {
  await Promise.all([ayaka?.close(), ben?.close()]);
  await server?.close();
});

describe('a team on one server', () => {
  it('shows a note Ayaka adds on Ben’s overlay of the same post, with her name', async () => {
    const [pageA, pageB] = await Promise.all([openPostWithComposer(ayaka), openPostWithComposer(ben)]);
    await waitForBadge(pageB, `@${CUSTOMER}`);

    await clickNode(pageA, await waitForBadge(pageA, `@${CUSTOMER}`));
    const panel = await panelFrame(pageA, ayaka.extensionId!);
    await panel.getByRole('textbox', { name: 'New note' }).fill(NOTE);
    await panel.getByRole('button', { name: 'Add note' }).click();
    await panel.getByRole('list', { name: 'Notes' }).getByText(NOTE).waitFor();

    // Ben's badge counts it without a reload; his panel shows it with Ayaka as its author.
    await expect.poll(async () => (await waitForBadge(pageB, `@${CUSTOMER}`)).description, { timeout: 10_000 }).toMatch(/notes: 1/);
    await clickNode(pageB, await waitForBadge(pageB, `@${CUSTOMER}`));
    const benPanel = await panelFrame(pageB, ben.extensionId!);
    const note = benPanel.getByRole('list', { name: 'Notes' }).getByRole('listitem').filter({ hasText: NOTE });
    await note.getByText(/^Ayaka/).waitFor();
    await pageA.keyboard.press('Escape');
    await pageB.keyboard.press('Escape');
    await Promise.all([pageA.close(), pageB.close()]);
  });

  it('shows Ben that Ayaka is replying to the post, until she sends', async () => {
    const [pageA, pageB] = await Promise.all([openPostWithComposer(ayaka), openPostWithComposer(ben)]);
    await waitForBadge(pageB, `@${CUSTOMER}`);
    // Ayaka starts a reply: her guide opens and the team is told.
    await pageA.click('.public-DraftEditor-content');
    await pageA.keyboard.type('Hello Alice');
    await pageA.waitForSelector('iframe[data-kotae-guide]');
    await expect
      .poll(async () => (await waitForBadge(pageB, `@${CUSTOMER}`)).description, { timeout: 10_000 })
      .toMatch(/Ayaka is replying to this post/);
    // She presses Post: the note on Ben's badge goes.
    await pageA.click('[data-testid="tweetButtonInline"]');
    await expect
      .poll(async () => (await waitForBadge(pageB, `@${CUSTOMER}`)).description, { timeout: 10_000 })
      .not.toMatch(/is replying/);
  });
});
