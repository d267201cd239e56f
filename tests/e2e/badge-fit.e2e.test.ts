/**
 * The badge clips its line only when the line does not fit, measured in real Chromium with
 * real fonts: an unclipped badge whose text ran past its box would paint over the page.
 * The badge module is bundled and rendered in a plain page (open shadow roots, so the
 * test can read them); the extension draws the same content in closed ones.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as BadgeModule from '../../components/overlay/badge-content';
import { launchChromium, REPO_ROOT, type LaunchedBrowser } from '../support/chromium';
import { bundleScript } from './editors/build';

interface Drawn {
  text: string;
  clipped: boolean;
  /** Width of the badge's text, and the room its box has for it. */
  width: number;
  room: number;
}

let browser: LaunchedBrowser;
let page: Page;

beforeAll(async () => {
  const script = await bundleScript(join(REPO_ROOT, 'components', 'overlay', 'badge-content.ts'), '__kotaeBadge');
  browser = await launchChromium({ extensionDir: null });
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.setContent('<!doctype html><html><body style="margin:0;font:15px sans-serif"></body></html>');
  await page.addScriptTag({ content: script });
});

afterAll(async () => {
  await browser?.close();
});

/** Draws one badge for every combination of language, status, wait, counts, tag and colleagues. */
function drawAll(): Promise<Drawn[]> {
  return page.evaluate(() => {
    const { createBadgeContent } = (window as unknown as { __kotaeBadge: typeof BadgeModule }).__kotaeBadge;
    const minute = 60_000;
    const waits = [0, 12 * minute, 59 * minute, 90 * minute, 23 * 60 * minute + 59 * minute, 40 * 24 * 60 * minute];
    const out: Drawn[] = [];
    for (const lang of ['en', 'ja'] as const) {
      for (const status of ['new', 'open', 'waiting', 'resolved'] as const) {
        for (const waitedMs of waits) {
          for (const [seen, notes] of [[1, 0], [9_999, 999]]) {
            for (const tags of [[], ['VIP'], ['返品'], ['a tag far too long to fit in a badge']]) {
              for (const replying of [[], ['Ken']]) {
                const content = createBadgeContent(lang, () => {});
                const host = document.createElement('span');
                host.attachShadow({ mode: 'open' }).append(...content.nodes);
                document.body.append(host);
                content.setWho('@alice');
                content.show({ identityId: 'x:alice', customerId: 'c1', seenCount: seen!, repliedCount: 0, noteCount: notes!, tags, status }, false);
                const since = new Date(Date.now() - waitedMs).toISOString();
                content.showTimer({ state: 'overdue', since, waitedMs, targetMs: 60 * minute, dueAt: since, timer: 'first' });
                content.showPresence(replying);
                const { button } = content;
                const range = document.createRange();
                range.selectNodeContents(button);
                const style = getComputedStyle(button);
                const room = button.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
                out.push({ text: button.textContent ?? '', clipped: style.overflowX === 'clip', width: range.getBoundingClientRect().width, room });
                host.remove();
              }
            }
          }
        }
      }
    }
    return out;
  });
}

describe('badge line', () => {
  it('is clipped whenever it would run past the badge, and only then', async () => {
    const drawn = await drawAll();
    const overflowing = drawn.filter((d) => !d.clipped && d.width > d.room);
    expect(overflowing).toEqual([]);
    // Both kinds occur: short lines are left unclipped, long ones clipped.
    expect(drawn.some((d) => !d.clipped)).toBe(true);
    expect(drawn.filter((d) => d.clipped).every((d) => d.width > d.room - 8 || d.text.includes('Ken'))).toBe(true);
    expect(drawn.some((d) => d.clipped && d.width > d.room)).toBe(true);
  });
});
