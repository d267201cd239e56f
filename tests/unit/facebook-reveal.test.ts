// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { facebookAdapter } from '@/utils/sites/facebook';
import { FACEBOOK_FIXTURES } from '../support/facebook-fixtures';

const BOB_POST = 'https://www.facebook.com/bob.tanaka.77/posts/1234567890123456?__cft__[0]=AZB';

function load(file: string): Document {
  return new DOMParser().parseFromString(readFileSync(join(FACEBOOK_FIXTURES, file), 'utf8'), 'text/html');
}

function postWithText(doc: Document, text: string): Element {
  const post = facebookAdapter.findPosts(doc).find((el) => el.textContent?.includes(text));
  if (!post) throw new Error('fixture changed');
  return post;
}

describe('a post drawn before Facebook filled in its link', () => {
  it('is asked for its link the way the pointer would, and is read once Facebook gives it', () => {
    const doc = load('home-feed.html');
    const bob = postWithText(doc, 'Is the app down for anyone else?');
    const seen: string[] = [];
    // As Facebook does: the time link gets its href when the pointer enters it.
    doc.addEventListener('mouseover', (event) => {
      const link = event.target as Element;
      seen.push(event.type);
      if (link.matches('a[aria-label="5m"]') && !link.hasAttribute('href')) link.setAttribute('href', BOB_POST);
    });
    doc.addEventListener('mouseout', (event) => seen.push(event.type));
    expect(facebookAdapter.parsePost(bob)).toBeNull();
    expect(facebookAdapter.revealPermalink?.(bob)).toBe(true);
    expect(seen).toEqual(['mouseover', 'mouseout']);
    expect(facebookAdapter.parsePost(bob)).toMatchObject({ postId: '1234567890123456', authorHandle: 'bob.tanaka.77' });
    // Nothing left to ask for.
    expect(facebookAdapter.revealPermalink?.(bob)).toBe(false);
  });

  it('leaves posts with links, and markup that is no post, alone', () => {
    const doc = load('home-feed.html');
    let events = 0;
    doc.addEventListener('mouseover', () => (events += 1));
    for (const post of facebookAdapter.findPosts(doc)) {
      if (facebookAdapter.parsePost(post)) expect(facebookAdapter.revealPermalink?.(post)).toBe(false);
    }
    const stray = doc.createElement('div');
    stray.append(doc.createElement('a'));
    expect(facebookAdapter.revealPermalink?.(stray)).toBe(false);
    expect(events).toBe(0);
  });
});
