/**
 * Writing into the sites' composers, proven against the real editors: a Draft.js
 * page served at x.com and a Lexical page served at facebook.com, in real Chromium.
 * Every check reads the editor's OWN state back (`window.__editorState()`), never
 * just the DOM: a DOM that shows the text while the state is empty is exactly the
 * failure these tests exist to catch (see the control tests).
 *
 * The insertion code is bundled and added with `page.addScriptTag`, so it runs in
 * the page's main world here, whereas the extension runs it in a content script's
 * isolated world. That is acceptable for this test: the code uses only DOM APIs, and
 * SITES.md records that a synthetic paste from the isolated world reaches the page's
 * handlers with its clipboardData intact in Chromium.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as InsertModule from '../../utils/composer/insert';
import { launchChromium, REPO_ROOT, type LaunchedBrowser } from '../support/chromium';
import { buildEditorPage, bundleScript, type EditorKind, type EditorSnapshot } from './editors/build';

type Insert = typeof InsertModule;
type InsertResult = InsertModule.InsertResult;

/** What the test pages and the injected script put on `window`. */
interface PageGlobals {
  __kotaeInsert: Insert;
  __editorState: () => EditorSnapshot;
}

const X_URL = 'https://x.com/compose/post';
const FACEBOOK_URL = 'https://www.facebook.com/';

const SITES: Record<EditorKind, { url: string; editable: string; send: string }> = {
  draft: {
    url: X_URL,
    editable: '[data-testid="tweetTextarea_0"] .public-DraftEditor-content[contenteditable="true"][role="textbox"]',
    send: '[data-testid="tweetButtonInline"]',
  },
  lexical: {
    url: FACEBOOK_URL,
    editable: 'div[contenteditable="true"][role="textbox"][data-lexical-editor="true"][aria-label="Write a comment…"]',
    send: '[role="button"][aria-label="Comment"]',
  },
};

const MULTILINE = 'Hello Sam,\n\nThanks for writing in.\nWe are on it.\n\n\nKind regards,\nKotae support';
const JAPANESE = 'お問い合わせありがとうございます🙇‍♀️ すぐに確認します👍🏽\n担当：山田 🇯🇵';

let browser: LaunchedBrowser;
let context: BrowserContext;
let insertScript: string;
const timings: Array<{ editor: EditorKind; case: string; ms: number; method: string }> = [];

beforeAll(async () => {
  const [draftPage, lexicalPage, script] = await Promise.all([
    buildEditorPage('draft'),
    buildEditorPage('lexical'),
    bundleScript(join(REPO_ROOT, 'utils', 'composer', 'insert.ts'), '__kotaeInsert'),
  ]);
  insertScript = script;
  browser = await launchChromium({ extensionDir: null });
  context = browser.context;
  const html = (body: string) => ({ status: 200, contentType: 'text/html; charset=utf-8', body });
  await context.route(/^https:\/\/([a-z]+\.)?(x|twitter|twimg)\.com\//, (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === 'x.com' && url.pathname === '/compose/post') return route.fulfill(html(draftPage));
    return route.fulfill({ status: 204, body: '' });
  });
  await context.route(/^https:\/\/([a-z]+\.)?(facebook|fbcdn)\.(com|net)\//, (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === 'www.facebook.com' && url.pathname === '/') return route.fulfill(html(lexicalPage));
    return route.fulfill({ status: 204, body: '' });
  });
});

afterAll(async () => {
  if (timings.length > 0) console.table(timings);
  await browser?.close();
});

async function openEditor(which: EditorKind, query = ''): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(SITES[which].url + query);
  await page.waitForSelector(SITES[which].editable);
  await page.addScriptTag({ content: insertScript });
  expect(errors).toEqual([]);
  return page;
}

async function editorState(page: Page): Promise<EditorSnapshot> {
  return page.evaluate(() => (window as unknown as PageGlobals).__editorState());
}

/** Runs insertIntoComposer in the page on the element `selector` finds. */
async function insert(
  page: Page,
  selector: string,
  text: string,
  options: { replace?: boolean } = {},
): Promise<InsertResult & { ms: number }> {
  return page.evaluate(
    async ({ selector, text, options }) => {
      const element = document.querySelector<HTMLElement>(selector);
      if (!element) throw new Error(`Nothing matches ${selector}`);
      const started = performance.now();
      const result = await (window as unknown as PageGlobals).__kotaeInsert.insertIntoComposer(element, text, options);
      return { ...result, ms: Math.round(performance.now() - started) };
    },
    { selector, text, options },
  );
}

async function sendEnabled(page: Page, which: EditorKind): Promise<boolean> {
  return page.evaluate(
    (selector) => (window as unknown as PageGlobals).__kotaeInsert.isSendEnabled(document.querySelector(selector)),
    SITES[which].send,
  );
}

function record(editor: EditorKind, name: string, result: { ms: number; ok: boolean } & Partial<{ method: string }>) {
  timings.push({ editor, case: name, ms: result.ms, method: result.ok ? (result.method ?? '') : 'failed' });
}

/** The text split into lines as a block/paragraph editor should hold it. */
function asLines(text: string): string[] {
  return text.split('\n');
}

describe.each(['draft', 'lexical'] as const)('insertIntoComposer into the real %s editor', (which) => {
  const { editable, send } = SITES[which];

  it('inserts a single line; the state holds it and the send button is enabled', async () => {
    const page = await openEditor(which);
    expect(await sendEnabled(page, which)).toBe(false);
    expect(await page.getAttribute(send, 'aria-disabled')).toBe('true');

    const result = await insert(page, editable, 'Thanks for reaching out, we will look into it.');
    record(which, 'single line', result);
    expect(result).toMatchObject({ ok: true, method: 'paste' });
    const state = await editorState(page);
    expect(state.text).toBe('Thanks for reaching out, we will look into it.');
    expect(state.blocks).toBe(1);
    expect(await sendEnabled(page, which)).toBe(true);
    expect(await page.getAttribute(send, 'aria-disabled')).toBeNull();
    await page.close();
  });

  it('keeps line breaks and blank lines as separate blocks in the editor state', async () => {
    const page = await openEditor(which);
    const result = await insert(page, editable, MULTILINE);
    record(which, 'multi-line', result);
    expect(result).toMatchObject({ ok: true, method: 'paste' });
    const state = await editorState(page);
    expect(state.lines).toEqual(asLines(MULTILINE));
    expect(state.blocks).toBe(asLines(MULTILINE).length);
    expect(state.text).toBe(MULTILINE);
    expect(await sendEnabled(page, which)).toBe(true);
    await page.close();
  });

  it('keeps Japanese text and emoji (surrogate pairs, ZWJ sequences, flags) exactly', async () => {
    const page = await openEditor(which);
    const result = await insert(page, editable, JAPANESE);
    record(which, 'japanese + emoji', result);
    expect(result).toMatchObject({ ok: true, method: 'paste' });
    expect((await editorState(page)).text).toBe(JAPANESE);
    await page.close();
  });

  it("appends at the end of what the agent typed, even with the caret moved to the start", async () => {
    const page = await openEditor(which);
    await page.click(editable);
    await page.keyboard.type('@sam Hi! ');
    expect((await editorState(page)).text).toBe('@sam Hi! ');
    await page.keyboard.press('Home');

    const result = await insert(page, editable, 'Sorry about that.\nLet us fix it.');
    record(which, 'append after typing', result);
    expect(result).toMatchObject({ ok: true, method: 'paste' });
    const state = await editorState(page);
    expect(state.text).toBe('@sam Hi! Sorry about that.\nLet us fix it.');
    expect(state.lines).toEqual(['@sam Hi! Sorry about that.', 'Let us fix it.']);

    // The editor is still usable: the agent keeps typing at the end.
    await page.keyboard.type(' Thanks');
    expect((await editorState(page)).text).toBe('@sam Hi! Sorry about that.\nLet us fix it. Thanks');
    await page.close();
  });

  it('accepts an element inside the editor as the composer', async () => {
    const page = await openEditor(which);
    const inner = which === 'draft' ? `${editable} [data-contents="true"]` : `${editable} > p`;
    const result = await insert(page, inner, 'From a block element.\nSecond line.');
    expect(result).toMatchObject({ ok: true, method: 'paste' });
    expect((await editorState(page)).lines).toEqual(['From a block element.', 'Second line.']);
    await page.close();
  });

  it('appends twice in a row without doubling or losing text', async () => {
    const page = await openEditor(which);
    expect(await insert(page, editable, 'First part.')).toMatchObject({ ok: true });
    expect(await insert(page, editable, ' Second part.')).toMatchObject({ ok: true });
    expect((await editorState(page)).text).toBe('First part. Second part.');
    await page.close();
  });

  it('replaces the whole content in replace mode', async () => {
    const page = await openEditor(which);
    await page.click(editable);
    await page.keyboard.type('an old draft');
    await page.keyboard.press('Enter');
    await page.keyboard.type('on two lines');
    expect((await editorState(page)).blocks).toBe(2);

    const result = await insert(page, editable, 'A fresh reply.\n\nSigned, Kotae', { replace: true });
    record(which, 'replace', result);
    expect(result).toMatchObject({ ok: true, method: 'paste' });
    const state = await editorState(page);
    expect(state.text).toBe('A fresh reply.\n\nSigned, Kotae');
    expect(state.lines).toEqual(['A fresh reply.', '', 'Signed, Kotae']);
    await page.close();
  });

  it('returns { ok: false } for a textarea and a non-editable element, without throwing', async () => {
    const page = await openEditor(which);
    await page.evaluate(() => {
      const area = document.createElement('textarea');
      area.id = 'plain-textarea';
      const div = document.createElement('div');
      div.id = 'not-editable';
      div.textContent = 'static text';
      document.body.append(area, div);
    });
    expect(await insert(page, '#plain-textarea', 'hello')).toMatchObject({ ok: false, reason: 'notEditable' });
    expect(await insert(page, '#not-editable', 'hello')).toMatchObject({ ok: false, reason: 'notEditable' });
    expect(await page.inputValue('#plain-textarea')).toBe('');
    expect((await editorState(page)).text).toBe('');
    await page.close();
  });

  it('control: setting textContent directly leaves the editor state empty', async () => {
    const page = await openEditor(which);
    await page.evaluate((selector) => {
      const element = document.querySelector<HTMLElement>(selector);
      if (element) element.textContent = 'naively written reply';
    }, editable);
    // Give the editor every chance to notice (Lexical's mutation observer, React renders).
    await page.waitForTimeout(200);
    const state = await editorState(page);
    expect(state.text).toBe('');
    expect(state.raw).toBe('');
    expect(await sendEnabled(page, which)).toBe(false);
    await page.close();
  });

  it("control: a paste swallowed before the editor sees it is not reported as taken", async () => {
    const page = await openEditor(which);
    // A site (or a reload of its script) that ignores synthetic pastes.
    await page.evaluate(() => window.addEventListener('paste', (event) => event.stopImmediatePropagation(), true));
    const result = await insert(page, editable, 'Line one\nLine two');
    record(which, 'paste swallowed', result);
    const state = await editorState(page);
    if (which === 'lexical') {
      // Lexical understands beforeinput: the fallback must carry the lines as paragraphs.
      expect(result).toMatchObject({ ok: true, method: 'beforeinput' });
      expect(state.lines).toEqual(['Line one', 'Line two']);
    } else {
      // Draft.js ignores beforeinput: the caller must fall back to the clipboard.
      expect(result).toMatchObject({ ok: false, reason: 'notTaken' });
      expect(state.text).toBe('');
      expect(await sendEnabled(page, which)).toBe(false);
    }
    await page.close();
  });
});

describe.each(['draft', 'lexical'] as const)('from an isolated world, as a content script runs (%s)', (which) => {
  it('inserts multi-line text and the page state takes it', async () => {
    const page = await openEditor(which);
    // A fresh world, like the extension's: it shares the DOM, not the page's JavaScript.
    const session = await context.newCDPSession(page);
    const { frameTree } = await session.send('Page.getFrameTree');
    const { executionContextId: contextId } = await session.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName: 'kotae-content-script',
    });
    await session.send('Runtime.evaluate', { expression: insertScript, contextId });
    const call = `(async () => {
      const started = performance.now();
      const result = await __kotaeInsert.insertIntoComposer(
        document.querySelector(${JSON.stringify(SITES[which].editable)}), ${JSON.stringify(MULTILINE)});
      return { ...result, ms: Math.round(performance.now() - started), pageSees: typeof window.__editorState };
    })()`;
    const { result, exceptionDetails } = await session.send('Runtime.evaluate', {
      expression: call,
      contextId,
      awaitPromise: true,
      returnByValue: true,
    });
    await session.detach();
    expect(exceptionDetails).toBeUndefined();
    const value = result.value as InsertResult & { ms: number; pageSees: string };
    record(which, 'multi-line, isolated world', value);
    // The isolated world does not see the page's globals: it really is another world.
    expect(value.pageSees).toBe('undefined');
    expect(value).toMatchObject({ ok: true, method: 'paste' });
    expect((await editorState(page)).lines).toEqual(asLines(MULTILINE));
    expect(await page.getAttribute(SITES[which].send, 'aria-disabled')).toBeNull();
    await page.close();
  });
});

describe('Draft.js specifics', () => {
  it("control: execCommand('insertText') with several lines does not reach the state intact", async () => {
    const page = await openEditor('draft');
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.focus(SITES.draft.editable);
    await page.evaluate(() => document.execCommand('insertText', false, 'first line\nsecond line'));
    await page.waitForTimeout(200);
    // Only the last line survives, and into an empty editor React throws (SITES.md).
    expect((await editorState(page)).text).not.toBe('first line\nsecond line');
    console.log('execCommand into an empty Draft.js editor:', errors.length > 0 ? errors : 'no page error');
    await page.close();
  });
});

describe('Lexical specifics', () => {
  it('keeps lines as line breaks in a plain-text Lexical editor', async () => {
    const page = await openEditor('lexical', '?lexical=plain');
    expect(await page.evaluate(() => (window as unknown as { __lexicalMode: string }).__lexicalMode)).toBe('plain');
    const result = await insert(page, SITES.lexical.editable, MULTILINE);
    record('lexical', 'multi-line (plain-text plugin)', result);
    expect(result).toMatchObject({ ok: true, method: 'paste' });
    const state = await editorState(page);
    expect(state.blocks).toBe(1);
    expect(state.raw).toBe(MULTILINE);
    await page.close();
  });

  it('falls back to beforeinput after text the agent typed', async () => {
    const page = await openEditor('lexical');
    await page.click(SITES.lexical.editable);
    await page.keyboard.type('Hi Sam, ');
    await page.evaluate(() => window.addEventListener('paste', (event) => event.stopImmediatePropagation(), true));
    const result = await insert(page, SITES.lexical.editable, 'thanks!\n\nMore soon.');
    record('lexical', 'beforeinput after typing', result);
    expect(result).toMatchObject({ ok: true, method: 'beforeinput' });
    expect((await editorState(page)).lines).toEqual(['Hi Sam, thanks!', '', 'More soon.']);
    await page.close();
  });
});

describe('copyToClipboardFallback', () => {
  it('puts the text on the clipboard when permitted', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://x.com' });
    const page = await openEditor('draft');
    await page.bringToFront();
    const copied = await page.evaluate(
      (text) => (window as unknown as PageGlobals).__kotaeInsert.copyToClipboardFallback(text),
      MULTILINE,
    );
    expect(copied).toBe(true);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(MULTILINE);
    await page.close();
  });

  it('returns false instead of throwing when the clipboard API is missing', async () => {
    const page = await openEditor('lexical');
    const copied = await page.evaluate(async () => {
      Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
      return (window as unknown as PageGlobals).__kotaeInsert.copyToClipboardFallback('x');
    });
    expect(copied).toBe(false);
    await page.close();
  });
});
