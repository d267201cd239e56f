// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPostElements, overlayAnchor, parsePostAt } from '@/utils/sites/facebook';

const DIR = join(__dirname, '..', 'fixtures', 'facebook');
const NOW = new Date((JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as { now: string }).now);
const MAIN_POST = 'pfbid0MikaPost987654321abcdEFGHjk';
const COPIES = 30;

const load = (file: string): Document =>
  new DOMParser().parseFromString(readFileSync(join(DIR, file), 'utf8'), 'text/html');

/** The post page with its first comment thread (a comment and its reply) repeated. */
function bigPostPage(): Document {
  const doc = load('post-page.html');
  const thread = doc.querySelector('[role="article"] ul > li');
  if (!thread?.parentElement) throw new Error('fixture changed');
  for (let i = 1; i < COPIES; i += 1) thread.parentElement.insertBefore(thread.cloneNode(true), thread.nextSibling);
  return doc;
}

const anchorAfter = (el: Element) => {
  const anchor = overlayAnchor(el);
  return anchor && { parent: anchor.parent, before: anchor.before, name: anchor.before?.previousSibling ?? anchor.parent.lastChild };
};

describe('a post with many comments', () => {
  it('reads the post and every comment as on the page with one of each', () => {
    const small = load('post-page.html');
    const big = bigPostPage();
    const smallItems = findPostElements(small);
    const bigItems = findPostElements(big);
    expect(bigItems).toHaveLength(smallItems.length + 2 * (COPIES - 1));
    const read = (items: Element[]) => items.map((el) => parsePostAt(el, NOW));
    const smallPosts = read(smallItems);
    const bigPosts = read(bigItems);
    // The post, then the thread COPIES times, then the rest as on the small page.
    const [post, comment, reply, ...rest] = smallPosts;
    expect(bigPosts[0]).toEqual(post);
    expect(post?.postId).toBe(MAIN_POST);
    for (let i = 0; i < COPIES; i += 1) {
      expect(bigPosts[1 + 2 * i]).toEqual(comment);
      expect(bigPosts[2 + 2 * i]).toEqual(reply);
    }
    expect(bigPosts.slice(1 + 2 * COPIES)).toEqual(rest);
  });

  it('puts each badge after its own name link', () => {
    const small = load('post-page.html');
    const big = bigPostPage();
    const smallItems = findPostElements(small);
    const bigItems = findPostElements(big);
    const names = (items: Element[]) => items.map((el) => anchorAfter(el)?.name?.textContent ?? null);
    const bigNames = names(bigItems);
    const [post, comment, reply, ...rest] = names(smallItems);
    expect(bigNames[0]).toBe(post);
    for (let i = 0; i < COPIES; i += 1) expect(bigNames.slice(1 + 2 * i, 3 + 2 * i)).toEqual([comment, reply]);
    expect(bigNames.slice(1 + 2 * COPIES)).toEqual(rest);
    for (const el of bigItems) {
      const anchor = anchorAfter(el);
      if (anchor) expect(el.contains(anchor.parent)).toBe(true);
    }
  });

  it('sees the page as it is at each call', () => {
    const big = bigPostPage();
    const [post, comment] = findPostElements(big);
    if (!post || !comment) throw new Error('fixture changed');
    expect(parsePostAt(post, NOW)?.text).toContain('注文した商品がまだ届きません。');
    const paragraph = post.querySelector('[data-ad-preview="message"] div[dir="auto"]');
    if (!paragraph) throw new Error('fixture changed');
    paragraph.textContent = '届きました。';
    expect(parsePostAt(post, NOW)?.text.split('\n')[0]).toBe('届きました。');
    // A badge anchor follows the name link where it is now.
    const before = parsePostAt(comment, NOW);
    expect(before?.kind).toBe('comment');
    const anchor = overlayAnchor(comment);
    expect(anchor).not.toBeNull();
    anchor?.parent.insertBefore(big.createElement('span'), anchor.before);
    expect(overlayAnchor(comment)?.before).not.toBe(anchor?.before);
  });
});
