/**
 * Kotae on facebook.com in real Chromium with the built extension: badges on posts
 * and comments of every page type (hand-made pages, see tests/fixtures/facebook/),
 * notes, and the reply guide writing into the real `lexical` editor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { launchChromium, type LaunchedBrowser } from '../support/chromium';
import { facebookCustomerPosts, facebookFixture } from '../support/facebook-fixtures';
import { buildEditorPage, type EditorSnapshot } from './editors/build';
import { clickNode, contractHosts, guideFrame as guideFrameOf, insertDmTemplate, panelFrame, waitForBadge } from './kotae-page';
import { routeFacebook } from './facebook-site';
import { routeX } from './x-site';
import { customerPosts } from '../support/x-fixtures';

const PAGES = [
  ['home feed (2024–25)', 'https://www.facebook.com/', 'home-feed.html'],
  ['feed (2022, French)', 'https://www.facebook.com/feed-2022', 'feed-2022.html'],
  ['post page with comments (Japanese)', 'https://www.facebook.com/mika.tanaka.jp/posts/pfbid0MikaPost987654321abcdEFGHjk', 'post-page.html'],
  ['a Page with visitor posts (Arabic)', 'https://www.facebook.com/KotaeSupport', 'page-timeline.html'],
  ['group feed', 'https://www.facebook.com/groups/kotaeusers', 'group-feed.html'],
  ['chat and question boxes', 'https://www.facebook.com/test/chat', 'chat-and-questions.html'],
  ['malformed posts', 'https://www.facebook.com/test/malformed', 'malformed.html'],
] as const;

const MAIN_POST = 'pfbid0MikaPost987654321abcdEFGHjk';
const POST_URL = `https://www.facebook.com/mika.tanaka.jp/posts/${MAIN_POST}`;

const contract = (file: string) =>
  facebookCustomerPosts(file).map((post) => ({ post: `facebook:${post.postId}`, customer: `facebook:${post.authorHandle}` }));

async function hostsWhenSettled(page: Page, count: number) {
  const deadline = Date.now() + 10_000;
  while ((await contractHosts(page)).length < count && Date.now() < deadline) await page.waitForTimeout(50);
  await page.waitForTimeout(200);
  return contractHosts(page);
}

/** Post or comment elements holding more than one host of their own (the contract says one). */
const doubledHosts = (page: Page) =>
  page.$$eval('[data-kotae-post]', (hosts) => {
    const owner = (host: Element) => host.parentElement?.closest('[role="article"], [aria-posinset][aria-describedby][aria-labelledby]');
    const counts = new Map<Element, number>();
    for (const host of hosts) {
      const post = owner(host);
      if (post) counts.set(post, (counts.get(post) ?? 0) + 1);
    }
    return [...counts.values()].filter((n) => n > 1).length;
  });

let browser: LaunchedBrowser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  await routeFacebook(browser.context, {
    '/test/chat': 'chat-and-questions.html',
    '/test/malformed': 'malformed.html',
  });
  page = await browser.context.newPage();
});
afterAll(async () => {
  await browser?.close();
});

describe('badges on every facebook.com page type', () => {
  it.each(PAGES)('%s: one badge per customer post and comment, with the contract attributes', async (_name, url, file) => {
    await page.goto(url);
    const expected = contract(file);
    expect(await hostsWhenSettled(page, expected.length)).toEqual(expected);
    expect(await doubledHosts(page)).toBe(0);
    // Rendered, not just present: the badge button is in the accessibility tree.
    const first = facebookCustomerPosts(file)[0]!;
    expect((await waitForBadge(page, first.authorName)).name).toBe(`Kotae: ${first.authorName}`);
  });

  it('asks Facebook for a link it fills in on hover, so the post is badged without anyone hovering', async () => {
    const hovering = await browser.context.newPage();
    // As facebook.com does: a time link receives its href when the pointer enters it.
    await hovering.addInitScript(() => {
      document.addEventListener('mouseover', (event) => {
        const link = event.target instanceof Element ? event.target.closest('a[aria-label="5m"]') : null;
        if (link && !link.hasAttribute('href')) {
          link.setAttribute('href', 'https://www.facebook.com/bob.tanaka.77/posts/1234567890123456?__cft__[0]=AZB&__tn__=%2CO%2CP-R');
        }
      });
    });
    await hovering.goto('https://www.facebook.com/');
    await expect
      .poll(async () => (await contractHosts(hovering)).find((h) => h.customer === 'facebook:bob.tanaka.77'))
      .toEqual({ post: 'facebook:1234567890123456', customer: 'facebook:bob.tanaka.77' });
    await hovering.close();
  });

  it('badges a post once Facebook fills in its link, and comments added later', async () => {
    await page.goto('https://www.facebook.com/');
    const before = await hostsWhenSettled(page, contract('home-feed.html').length);
    // Bob's timestamp link has no href until it is hovered; then Facebook sets it.
    await page.evaluate(() => {
      const link = [...document.querySelectorAll('a[aria-label="5m"]')].find((a) => !a.hasAttribute('href'))!;
      link.setAttribute('href', 'https://www.facebook.com/bob.tanaka.77/posts/1234567890123456?__cft__[0]=AZB&__tn__=%2CO%2CP-R');
    });
    await expect
      .poll(async () => (await contractHosts(page)).find((h) => h.customer === 'facebook:bob.tanaka.77'))
      .toEqual({ post: 'facebook:1234567890123456', customer: 'facebook:bob.tanaka.77' });
    // A comment Facebook appends under the first post (as when "View more comments" is pressed).
    await page.evaluate(() => {
      const comment = document.querySelector('[role="article"][aria-label]')!;
      const copy = comment.cloneNode(true) as Element;
      copy.querySelector('[data-kotae-post]')?.remove();
      // Another commenter, another comment id, on every link of the copy.
      for (const a of copy.querySelectorAll('a[href]')) {
        const href = (a.getAttribute('href') ?? '')
          .replace(/facebook\.com\/KotaeSupport/, 'facebook.com/late.commenter')
          .replace(/comment_id=[^&]+/, 'comment_id=5550001112223334');
        a.setAttribute('href', href);
      }
      const item = document.createElement('li');
      item.append(copy);
      comment.closest('ul')!.append(item);
    });
    await expect
      .poll(async () => (await contractHosts(page)).filter((h) => h.customer === 'facebook:late.commenter').length)
      .toBe(1);
    expect((await contractHosts(page)).length).toBe(before.length + 2);
    expect(await doubledHosts(page)).toBe(0);
  });
});

describe('the team’s own Facebook Page', () => {
  it('answers the customer’s post with its comment, and keeps the comments’ badges when the post’s is put back', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByRole('textbox', { name: /Your team’s own accounts/ }).fill('https://www.facebook.com/KotaeSupport');
    await options.getByRole('button', { name: 'Save response times' }).click();
    await options.getByText('Saved', { exact: true }).waitFor();
    await options.close();

    await page.goto(POST_URL);
    const customer = facebookCustomerPosts('post-page.html')[0]!;
    await hostsWhenSettled(page, contract('post-page.html').length);
    // Kotae Support's comment under Mika's post answers it: the post's timer stops.
    await expect.poll(async () => (await waitForBadge(page, customer.authorName)).description).toMatch(/^Answered in/);

    // The site re-renders the post's header and drops its badge: it comes back, alone.
    const commentsBefore = (await contractHosts(page)).filter((h) => h.post !== `facebook:${MAIN_POST}`);
    await page.evaluate((key) => {
      const line = document.querySelector(`[data-kotae-post="${key}"]`)!.parentElement!;
      const fresh = line.cloneNode(true) as Element;
      fresh.querySelector('[data-kotae-post]')?.remove();
      line.replaceWith(fresh);
    }, `facebook:${MAIN_POST}`);
    await expect.poll(async () => (await contractHosts(page)).filter((h) => h.post === `facebook:${MAIN_POST}`).length).toBe(1);
    expect((await contractHosts(page)).filter((h) => h.post !== `facebook:${MAIN_POST}`)).toEqual(commentsBefore);
    expect(await doubledHosts(page)).toBe(0);
  });
});

describe('notes on facebook.com', () => {
  const NOTE = `Asked for a refund on Facebook — Facebookで返金の依頼 ${Date.now()}`;

  it('adds a note to a customer from a comment badge, kept after a reload', async () => {
    await page.goto(POST_URL);
    const customer = facebookCustomerPosts('post-page.html').find((p) => p.kind === 'comment' && p.authorHandle !== 'kotaesupport')!;
    await clickNode(page, await waitForBadge(page, customer.authorName));
    const panel = await panelFrame(page, browser.extensionId!);
    await panel.getByRole('heading', { name: `Customer ${customer.authorHandle}` }).waitFor();
    await panel.getByRole('textbox', { name: 'New note' }).fill(NOTE);
    await panel.getByRole('button', { name: 'Add note' }).click();
    await panel.getByRole('list', { name: 'Notes' }).getByText(NOTE).waitFor();
    await page.reload();
    await clickNode(page, await waitForBadge(page, customer.authorName));
    const again = await panelFrame(page, browser.extensionId!);
    await again.getByRole('list', { name: 'Notes' }).getByText(NOTE).waitFor();
  });
});

describe('one customer on X and Facebook', () => {
  it('links a Facebook customer to their X account by hand: one record, the same notes on both sites', async () => {
    await routeX(browser.context);
    const xPage = await browser.context.newPage();
    await xPage.goto('https://x.com/home');
    const onX = customerPosts('home-timeline.html')[0]!;
    await waitForBadge(xPage, `@${onX.authorHandle}`);

    await page.goto(POST_URL);
    const onFacebook = facebookCustomerPosts('post-page.html').find((p) => p.authorHandle === 'hanako.yamada')!;
    await clickNode(page, await waitForBadge(page, onFacebook.authorName));
    const panel = await panelFrame(page, browser.extensionId!);
    // The panel has loaded the customer before anything is typed into it.
    await panel.getByRole('heading', { name: `Customer ${onFacebook.authorHandle}` }).waitFor();
    const note = `Same person as @${onX.authorHandle} on X — X と同一人物 ${Date.now()}`;
    // Ctrl+Enter in the note box adds the note, as the panel promises.
    await panel.getByRole('textbox', { name: 'New note' }).fill(note);
    await panel.getByRole('textbox', { name: 'New note' }).press('Control+Enter');
    await panel.getByRole('list', { name: 'Notes' }).getByText(note).waitFor();
    await panel.getByRole('combobox', { name: 'Where' }).selectOption('x');
    // By keyboard: Enter in the handle box links.
    await panel.getByRole('textbox', { name: 'Handle, id or e-mail address' }).fill(`@${onX.authorHandle}`);
    await panel.getByRole('textbox', { name: 'Handle, id or e-mail address' }).press('Enter');
    await panel.getByRole('button', { name: `Unlink @${onX.authorHandle}` }).waitFor();
    await page.keyboard.press('Escape');

    // On x.com the X account's badge opens the same record, with the note written on Facebook.
    await xPage.reload();
    await clickNode(xPage, await waitForBadge(xPage, `@${onX.authorHandle}`));
    const xPanel = await panelFrame(xPage, browser.extensionId!);
    await xPanel.getByRole('list', { name: 'Notes' }).getByText(note).waitFor();
    await xPanel.getByRole('button', { name: 'Unlink hanako.yamada' }).waitFor();
    await xPage.close();
  });
});

describe('reply guide in Facebook’s comment box', () => {
  let guidePage: Page;
  const customer = facebookCustomerPosts('post-page.html')[0]!;

  async function editorState(): Promise<EditorSnapshot> {
    return guidePage.evaluate(() => (window as unknown as { __editorState: () => EditorSnapshot }).__editorState());
  }

  const guideFrame = (): Promise<Frame> => guideFrameOf(guidePage, browser.extensionId!);

  beforeAll(async () => {
    // The real Lexical editor, moved into the customer's post as Facebook's comment box.
    const editor = await buildEditorPage('lexical');
    await routeFacebook(browser.context, { [`/mika.tanaka.jp/posts/${MAIN_POST}/lexical`]: editor });
    guidePage = await browser.context.newPage();
    await guidePage.goto(`${POST_URL}/lexical`);
    await guidePage.waitForSelector('[data-lexical-editor="true"]');
    await guidePage.evaluate((html) => {
      const source = new DOMParser().parseFromString(html, 'text/html');
      const post = source.querySelector('[role="article"]')!;
      // The fixture's own (static) comment boxes make way for the real one.
      for (const box of post.querySelectorAll('[contenteditable]')) (box.closest('form') ?? box).remove();
      const form = document.querySelector('form')!;
      const adopted = document.adoptNode(post);
      adopted.append(form);
      document.body.prepend(adopted);
    }, facebookFixture('post-page.html'));
  });
  afterAll(async () => {
    await guidePage?.close();
  });

  it('opens when the agent goes into the comment box of a customer’s post', async () => {
    await waitForBadge(guidePage, customer.authorName);
    expect(await guidePage.$('iframe[data-kotae-guide]')).toBeNull();
    await guidePage.click('[data-lexical-editor="true"]');
    const guide = await guideFrame();
    await guide.getByRole('heading', { name: 'Reply guide' }).waitFor();
  });

  it('inserts a template into the real Lexical state, and the Comment button wakes up', async () => {
    const guide = await guideFrame();
    await insertDmTemplate(guide);
    const state = await editorState();
    expect(state.text).toContain(`${customer.authorName}, so we can look into this properly, could you send us your order number by DM?`);
    expect(await guidePage.getAttribute('[role="button"][aria-label="Comment"]', 'aria-disabled')).toBeNull();
  });

  it('checks the draft live as the agent types', async () => {
    await guidePage.click('[data-lexical-editor="true"]');
    await guidePage.keyboard.press('Control+End');
    await guidePage.keyboard.type(' 090-1234-5678');
    const guide = await guideFrame();
    await guide.getByRole('list', { name: 'Checks on your draft' }).getByText(/phone/i).waitFor();
  });

  it('records the reply when the agent presses Enter to comment', async () => {
    await guidePage.click('[data-lexical-editor="true"]');
    await guidePage.keyboard.press('Enter');
    await expect
      .poll(async () => (await waitForBadge(guidePage, customer.authorName)).description)
      .toMatch(/^In DM · follow up in/);
  });
});
