// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { identityKey, identityKeySchema, postKeySchema, seenPostSchema } from '@/utils/model';
import type { ParsedPost } from '@/utils/sites/types';
import {
  closestPostElement,
  facebookAdapter,
  findPostElements,
  itemKind,
  overlayAnchor,
  readPost,
  parsePost,
  parsePostAt,
  parseTimestampText,
} from '@/utils/sites/facebook';
import { FACEBOOK_EXPECTED, FACEBOOK_FIXTURES, type ExpectedFacebookPost } from '../support/facebook-fixtures';

const DIR = FACEBOOK_FIXTURES;
type Expected = ExpectedFacebookPost;
const expectedFile = FACEBOOK_EXPECTED;
const NOW = new Date(expectedFile.now);
const files = Object.keys(expectedFile.posts);

const load = (file: string): Document =>
  new DOMParser().parseFromString(readFileSync(join(DIR, file), 'utf8'), 'text/html');

const at = (el: Element) => parsePostAt(el, NOW);

function summary(post: ParsedPost): Expected {
  return {
    kind: post.kind,
    postId: post.postId,
    parentPostId: post.parentPostId,
    authorHandle: post.authorHandle,
    authorName: post.authorName,
    postedAt: post.postedAt,
    text: post.text,
    permalink: post.permalink,
    promoted: post.promoted,
    quoted: post.quoted,
  };
}

function recognised(doc: ParentNode): Expected[] {
  return findPostElements(doc)
    .map(at)
    .filter((post): post is ParsedPost => post !== null)
    .map(summary);
}

function elementById(doc: Document, postId: string): Element {
  const found = findPostElements(doc).find((el) => at(el)?.postId === postId);
  if (!found) throw new Error(`no post or comment ${postId}`);
  return found;
}

function parsed(el: Element): ParsedPost {
  const post = at(el);
  if (!post) throw new Error('expected a post');
  return post;
}

function byText(doc: Document, text: string): Element {
  const found = findPostElements(doc).filter((el) => el.textContent?.includes(text));
  const innermost = found.filter((el) => !found.some((other) => other !== el && el.contains(other)));
  if (innermost.length !== 1 || !innermost[0]) throw new Error(`fixture lost "${text}"`);
  return innermost[0];
}

const MAIN_POST = 'pfbid0MikaPost987654321abcdEFGHjk';
const ALICE_POST = 'pfbid02AbCdEfGhJkLmNoPqRsTuVwXyZ123456789abcdefGHJ';

describe.each(files)('fixture %s', (file) => {
  it('recognises exactly the posts and comments in expected.json, in document order', () => {
    expect(recognised(load(file))).toEqual(expectedFile.posts[file]);
  });

  it('yields records the data model accepts, comments keyed <post>_<comment>', () => {
    for (const el of findPostElements(load(file))) {
      const post = at(el);
      if (!post) continue;
      expect(post.platform).toBe('facebook');
      expect(post.repostedBy).toBeNull();
      expect(() => seenPostSchema.parse(post)).not.toThrow();
      expect(postKeySchema.safeParse(`facebook:${post.postId}`).success).toBe(true);
      expect(identityKeySchema.safeParse(identityKey('facebook', post.authorHandle)).success).toBe(true);
      expect(post.permalink).toMatch(/^https:\/\/www\.facebook\.com\//);
      expect(post.permalink).not.toMatch(/__cft__|__tn__|fbclid|refid|comment_tracking|mibextid/);
      expect(itemKind(el)).toBe(post.kind);
      if (post.kind === 'comment') {
        expect(post.parentPostId).not.toBeNull();
        expect(post.postId.startsWith(`${post.parentPostId}_`)).toBe(true);
        expect(post.permalink).toContain('comment_id=');
      } else {
        expect(post.parentPostId).toBeNull();
      }
    }
  });

  it('reads the same with every class attribute removed or replaced', () => {
    const before = recognised(load(file));
    const stripped = load(file);
    for (const el of Array.from(stripped.querySelectorAll('[class]'))) el.removeAttribute('class');
    expect(recognised(stripped)).toEqual(before);
    const shuffled = load(file);
    Array.from(shuffled.querySelectorAll('*')).forEach((el, index) => el.setAttribute('class', `x${(index * 7919).toString(36)} xq${index}`));
    expect(recognised(shuffled)).toEqual(before);
  });

  it('puts one badge place in each item’s own name line, never in a nested comment', () => {
    const doc = load(file);
    for (const el of findPostElements(doc)) {
      const post = at(el);
      if (!post) continue;
      const anchor = overlayAnchor(el);
      expect(anchor).not.toBeNull();
      if (!anchor) continue;
      // The overlay's one reading of a new item answers the same item and place.
      const reading = readPost(el);
      expect(reading?.post.postId).toBe(post.postId);
      expect(reading?.anchor()).toEqual(anchor);
      expect(el.contains(anchor.parent)).toBe(true);
      expect(closestPostElement(anchor.parent)).toBe(el);
      if (anchor.before) expect(anchor.before.parentNode).toBe(anchor.parent);
      expect(anchor.parent.textContent).toContain(post.authorName);
      expect(anchor.parent.closest('[data-ad-preview="message"], div[dir="auto"], form')).toBeNull();
    }
  });

  it('reads every item the same after a badge host is inserted', () => {
    const doc = load(file);
    const items = findPostElements(doc);
    const before = items.map(at);
    items.forEach((el) => {
      const anchor = overlayAnchor(el);
      if (!anchor) return;
      const host = doc.createElement('span');
      host.setAttribute('data-kotae-post', 'facebook:x');
      host.textContent = '3 seen · 1 note';
      anchor.parent.insertBefore(host, anchor.before);
      expect(closestPostElement(host)).toBe(el);
    });
    expect(findPostElements(doc)).toEqual(items);
    expect(items.map(at)).toEqual(before);
  });
});

describe('posts and comments', () => {
  it('tells comments from posts by structure, whatever the labels say or whether they exist', () => {
    for (const file of ['home-feed.html', 'feed-2022.html', 'post-page.html', 'page-timeline.html']) {
      const before = recognised(load(file));
      const relabelled = load(file);
      for (const el of Array.from(relabelled.querySelectorAll('[role="article"][aria-label]'))) {
        el.setAttribute('aria-label', 'Lorem ipsum');
      }
      expect(recognised(relabelled)).toEqual(before);
      const unlabelled = load(file);
      for (const el of Array.from(unlabelled.querySelectorAll('[role="article"][aria-label]'))) el.removeAttribute('aria-label');
      expect(recognised(unlabelled)).toEqual(before);
    }
  });

  it('keys a reply on its reply_comment_id under the post, with its parent post', () => {
    const post = parsed(elementById(load('home-feed.html'), `${ALICE_POST}_1122334455669999`));
    expect(post).toMatchObject({ kind: 'comment', parentPostId: ALICE_POST, authorHandle: 'alice.w', text: 'Sent!' });
    expect(post.permalink).toBe(
      `https://www.facebook.com/alice.w/posts/${ALICE_POST}?comment_id=1122334455667788&reply_comment_id=1122334455669999`,
    );
  });

  it('takes a comment’s post from the enclosing post when its link names only the comment', () => {
    const doc = load('page-timeline.html');
    const comment = byText(doc, 'أرسلنا لك رسالة خاصة');
    expect(comment.querySelector('ul a')?.getAttribute('href')?.startsWith('?comment_id=')).toBe(true);
    expect(parsed(comment)).toMatchObject({
      postId: '1800000000000001_1800000000000101',
      parentPostId: '1800000000000001',
      permalink: 'https://www.facebook.com/permalink.php?story_fbid=1800000000000001&id=100012300012300&comment_id=1800000000000101',
    });
  });

  it('reads comments rendered beside their post, not inside it', () => {
    const doc = load('post-page.html');
    const beside = byText(doc, '配送状況はアプリで確認できますよ');
    expect(closestPostElement(beside.parentElement as Element)).toBeNull();
    expect(parsed(beside)).toMatchObject({ kind: 'comment', parentPostId: MAIN_POST, authorHandle: 'hanako.yamada' });
  });

  it('never takes a nested comment’s link, author or text as the post’s', () => {
    const doc = load('post-page.html');
    const main = elementById(doc, MAIN_POST);
    expect(main.querySelectorAll('[role="article"]').length).toBeGreaterThan(3);
    const post = parsed(main);
    expect(post.text).toBe('注文した商品がまだ届きません。\n問い合わせ番号は JP-2207 です 🙇…');
    expect(post.text).not.toContain('もっと見る');
    expect(post.authorName).toBe('田中 美香');
    // With the post's own link gone, nothing of its comments is taken instead.
    main.querySelector('time')?.closest('a')?.remove();
    expect(at(main)).toBeNull();
  });

  it('does not count a card of a shared post as a post or a comment of its own', () => {
    const doc = load('home-feed.html');
    const host = elementById(doc, 'pfbid0MikaShare123456789abcdEFGH');
    const card = host.querySelector('[aria-labelledby=":r4a:"] > div > div:last-child > div');
    if (!card) throw new Error('fixture changed');
    card.setAttribute('role', 'article');
    expect(itemKind(card)).toBeNull();
    expect(findPostElements(doc)).not.toContain(card);
    expect(closestPostElement(card.querySelector('a') as Element)).toBe(host);
    expect(parsed(host)).toMatchObject({
      postId: 'pfbid0MikaShare123456789abcdEFGH',
      quoted: { postId: '123456789012345', authorHandle: 'kotaesupport' },
    });
  });
});

describe('one post marked twice', () => {
  it('reads a post wrapper holding a list-positioned article of the same post once', () => {
    const doc = load('home-feed.html');
    const wrapper = elementById(doc, ALICE_POST);
    const inner = wrapper.firstElementChild;
    if (!inner) throw new Error('fixture changed');
    inner.setAttribute('role', 'article');
    inner.setAttribute('aria-posinset', '1');
    inner.setAttribute('aria-label', 'Alice Walker');
    expect(recognised(doc)).toEqual(expectedFile.posts['home-feed.html']);
    expect(findPostElements(doc)).not.toContain(inner);
  });

  it('reads nothing from an element that is not a post or a comment', () => {
    const doc = load('home-feed.html');
    expect(at(doc.querySelector('[data-ad-preview="message"]') as Element)).toBeNull();
    expect(at(doc.body)).toBeNull();
  });
});

describe('links Facebook fills in on hover', () => {
  it('returns null until the timestamp link gets its href, then reads the post', () => {
    const doc = load('home-feed.html');
    const bob = byText(doc, 'Is the app down for anyone else?');
    const link = bob.querySelector('a[aria-label="5m"]');
    if (!link) throw new Error('fixture changed');
    expect(link.hasAttribute('href')).toBe(false);
    expect(at(bob)).toBeNull();
    expect(findPostElements(doc)).toContain(bob);
    // The overlay re-reads the item around a changed href: that is this post.
    expect(closestPostElement(link)).toBe(bob);
    link.setAttribute('href', '#');
    expect(at(bob)).toBeNull();
    link.setAttribute('href', 'https://www.facebook.com/bob.tanaka.77/posts/1234567890123456?__cft__[0]=AZB&__tn__=%2CO%2CP-R');
    expect(at(bob)).toMatchObject({
      kind: 'post',
      postId: '1234567890123456',
      authorHandle: 'bob.tanaka.77',
      authorName: 'Bob Tanaka',
      postedAt: '2025-11-24T11:55:00.000Z',
      text: 'Is the app down for anyone else?',
      permalink: 'https://www.facebook.com/bob.tanaka.77/posts/1234567890123456',
    });
  });

  it('does the same for a comment', () => {
    const doc = load('post-page.html');
    const comment = byText(doc, '返金はできますか？');
    expect(at(comment)).toBeNull();
    comment.querySelector('ul a:not([href])')?.setAttribute('href', `/mika.tanaka.jp/posts/${MAIN_POST}?comment_id=2000000000000005&__cft__[0]=AZJ`);
    expect(at(comment)).toMatchObject({
      kind: 'comment',
      postId: `${MAIN_POST}_2000000000000005`,
      parentPostId: MAIN_POST,
      authorHandle: 'ichiro.suzuki.3',
      postedAt: '2025-11-23T12:00:00.000Z',
    });
  });

  it('never takes a shared post’s link while the own one has no href', () => {
    const doc = load('home-feed.html');
    const mika = elementById(doc, 'pfbid0MikaShare123456789abcdEFGH');
    mika.querySelector('a[aria-label="3d"]')?.removeAttribute('href');
    expect(at(mika)).toBeNull();
  });
});

describe('authors', () => {
  it('keys members of a group on their numeric id, not the group', () => {
    const doc = load('home-feed.html');
    const post = parsed(elementById(doc, '2233445566778899'));
    expect(post).toMatchObject({ authorHandle: '100009876543210', authorName: 'Priya Nair' });
  });

  it('takes the visitor, not the Page, on a "Visitor ▸ Page" post', () => {
    const post = parsed(elementById(load('page-timeline.html'), '1800000000000001'));
    expect(post).toMatchObject({ authorHandle: 'omar.haddad', authorName: 'عمر حداد' });
  });

  it('ignores a mention in the text when the header has no person', () => {
    const doc = load('malformed.html');
    const broken = byText(doc, 'No person in the header');
    expect(broken.querySelector('[data-ad-preview] a')).not.toBeNull();
    expect(at(broken)).toBeNull();
  });
});

describe('shared posts and ads', () => {
  it('records the shared post apart and never takes its id, author or text', () => {
    const post = parsed(elementById(load('home-feed.html'), 'pfbid0MikaShare123456789abcdEFGH'));
    expect(post.authorHandle).toBe('100012345678901');
    expect(post.text).toBe('Is this still true? 🤔');
    expect(post.quoted).toEqual({ postId: '123456789012345', authorHandle: 'kotaesupport' });
  });

  it('sets the shared post apart even before its own link has an href', () => {
    const doc = load('home-feed.html');
    const mika = elementById(doc, 'pfbid0MikaShare123456789abcdEFGH');
    mika.querySelector('a[aria-label="November 3"]')?.removeAttribute('href');
    expect(parsed(mika)).toMatchObject({ text: 'Is this still true? 🤔', quoted: { postId: null, authorHandle: 'kotaesupport' } });
  });

  it('marks an ad by its /ads/ link, and by the hidden label alone', () => {
    const doc = load('home-feed.html');
    const ad = elementById(doc, '987654321012345');
    expect(parsed(ad)).toMatchObject({ promoted: true, authorHandle: 'brandco', postedAt: null, quoted: null });
    const slot = ad.querySelector('a[aria-labelledby]');
    slot?.setAttribute('href', 'https://www.facebook.com/brandco/posts/987654321012346');
    expect(parsed(ad)).toMatchObject({ promoted: true, postId: '987654321012346' });
    slot?.removeAttribute('aria-labelledby');
    expect(parsed(ad).promoted).toBe(false);
  });

  it('does not call a post an ad because its link names an element inside it', () => {
    const post = parsed(elementById(load('home-feed.html'), ALICE_POST));
    expect(post.promoted).toBe(false);
  });
});

describe('time', () => {
  const now = new Date('2025-11-24T12:00:00.000Z');
  it.each([
    ['Just now', '2025-11-24T12:00:00.000Z'],
    ['たった今', '2025-11-24T12:00:00.000Z'],
    ['5m', '2025-11-24T11:55:00.000Z'],
    ['5 mins', '2025-11-24T11:55:00.000Z'],
    ['5分', '2025-11-24T11:55:00.000Z'],
    ['30 min', '2025-11-24T11:30:00.000Z'],
    ['2h', '2025-11-24T10:00:00.000Z'],
    ['2 hrs', '2025-11-24T10:00:00.000Z'],
    ['2時間', '2025-11-24T10:00:00.000Z'],
    ['3 h', '2025-11-24T09:00:00.000Z'],
    ['3d', '2025-11-21T12:00:00.000Z'],
    ['3日', '2025-11-21T12:00:00.000Z'],
    ['5 j', '2025-11-19T12:00:00.000Z'],
    ['1w', '2025-11-17T12:00:00.000Z'],
    ['1週間', '2025-11-17T12:00:00.000Z'],
    ['2 days', '2025-11-22T12:00:00.000Z'],
    ['1y', '2024-11-24T12:00:00.000Z'],
  ])('%s → %s (the latest moment it allows)', (label, iso) => {
    expect(parseTimestampText(label, now)).toBe(iso);
  });

  it.each(['', 'Sponsored', 'sometime last spring', '٣ س', '5x', 'November 31 at 10:15 AM', 'Smarch 3', '25:10'])(
    '%s → null',
    (label) => {
      expect(parseTimestampText(label, now)).toBeNull();
    },
  );

  it('reads absolute dates in local time, as the end of the minute or day they name', () => {
    expect(parseTimestampText('November 3 at 10:15 AM', now)).toBe(new Date(2025, 10, 3, 10, 15, 59).toISOString());
    expect(parseTimestampText('November 3, 2024 at 9:05 PM', now)).toBe(new Date(2024, 10, 3, 21, 5, 59).toISOString());
    expect(parseTimestampText('11月3日 10:15', now)).toBe(new Date(2025, 10, 3, 10, 15, 59).toISOString());
    expect(parseTimestampText('2024年11月3日', now)).toBe(new Date(2024, 10, 3, 23, 59, 59).toISOString());
    // No year and later in the year than now: last year's.
    expect(parseTimestampText('December 30 at 8:00 AM', now)).toBe(new Date(2024, 11, 30, 8, 0, 59).toISOString());
    const yesterday = new Date(now.getTime() - 86_400_000);
    expect(parseTimestampText('Yesterday at 9:30 PM', now)).toBe(
      new Date(yesterday.getFullYear(), yesterday.getMonth(), yesterday.getDate(), 21, 30, 59).toISOString(),
    );
  });

  it('never dates a post after now', () => {
    const early = new Date(2025, 10, 3, 10, 15, 10);
    expect(parseTimestampText('November 3 at 10:15 AM', early)).toBe(early.toISOString());
  });

  it('prefers <time datetime> and abbr[data-utime] over the link’s label', () => {
    const page = parsed(elementById(load('post-page.html'), MAIN_POST));
    expect(page.postedAt).toBe('2025-11-24T01:15:00.000Z');
    const legacy = parsed(elementById(load('feed-2022.html'), '1789012345678901'));
    expect(legacy.postedAt).toBe(new Date(1763917200 * 1000).toISOString());
  });

  it('counts relative labels back from the moment it is given', () => {
    const el = elementById(load('home-feed.html'), ALICE_POST);
    expect(parsePostAt(el, new Date('2025-12-01T00:00:00.000Z'))?.postedAt).toBe('2025-11-30T22:00:00.000Z');
    const live = parsePost(el);
    expect(live?.postId).toBe(ALICE_POST);
    expect(Date.now() - Date.parse(live?.postedAt ?? '')).toBeGreaterThanOrEqual(2 * 3_600_000 - 1000);
  });
});

describe('malformed markup', () => {
  it('returns null for broken items while the good ones still parse', () => {
    const doc = load('malformed.html');
    const items = findPostElements(doc);
    expect(items.length).toBeGreaterThan(expectedFile.posts['malformed.html']?.length ?? 0);
    expect(items.map(at).filter(Boolean).map((p) => p?.postId)).toEqual(['4000000000000001', '4000000000000001_4000000000000102']);
  });

  it('never throws, whatever it is given', () => {
    const doc = document.implementation.createHTMLDocument('');
    const empty = doc.createElement('div');
    empty.setAttribute('role', 'article');
    expect(at(empty)).toBeNull();
    expect(overlayAnchor(empty)).toBeNull();
    const hostile = {
      nodeType: 1,
      matches() {
        throw new Error('boom');
      },
      querySelectorAll() {
        throw new Error('boom');
      },
      querySelector() {
        throw new Error('boom');
      },
      closest() {
        throw new Error('boom');
      },
      getAttribute() {
        throw new Error('boom');
      },
    } as unknown as Element;
    expect(at(hostile)).toBeNull();
    expect(parsePost(hostile)).toBeNull();
    expect(overlayAnchor(hostile)).toBeNull();
    expect(findPostElements(hostile)).toEqual([]);
    expect(closestPostElement(hostile)).toBeNull();
    expect(itemKind(hostile)).toBeNull();
  });
});

describe('finding items', () => {
  it('includes the root itself and finds the innermost item around any node', () => {
    const doc = load('home-feed.html');
    const post = elementById(doc, ALICE_POST);
    const reply = elementById(doc, `${ALICE_POST}_1122334455669999`);
    expect(findPostElements(reply)).toEqual([reply]);
    expect(findPostElements(post)).toHaveLength(3);
    const replyText = Array.from(reply.querySelectorAll('div[dir="auto"]')).pop()?.firstChild;
    if (!replyText) throw new Error('fixture changed');
    expect(closestPostElement(replyText)).toBe(reply);
    const postText = post.querySelector('[data-ad-preview="message"] div[dir="auto"]')?.firstChild;
    if (!postText) throw new Error('fixture changed');
    expect(closestPostElement(postText)).toBe(post);
    expect(closestPostElement(doc.body)).toBeNull();
  });

  it('finds a comment Facebook adds to a post’s list, and only it', () => {
    const doc = load('feed-2022.html');
    const post = elementById(doc, '1789012345678901');
    const li = post.querySelector('ul > li');
    const list = li?.parentElement;
    if (!li || !list) throw new Error('fixture changed');
    const added = li.cloneNode(true) as Element;
    added.querySelectorAll('a[href*="posts/"]').forEach((a) =>
      a.setAttribute('href', (a.getAttribute('href') ?? '').replace('1790000000000001', '1790000000000003')),
    );
    list.append(added);
    const found = findPostElements(added);
    // The new comment and the reply in its thread; the post around them is not among them.
    expect(found.map((el) => at(el)?.postId)).toEqual(['1789012345678901_1790000000000003', '1789012345678901_1790000000000002']);
    expect(found).not.toContain(post);
    expect(found.every((el) => closestPostElement(el) === el)).toBe(true);
  });

  it('exposes the same functions through the adapter', () => {
    const doc = load('feed-2022.html');
    const items = facebookAdapter.findPosts(doc);
    expect(facebookAdapter.platform).toBe('facebook');
    expect(items.every((el) => el.matches(facebookAdapter.postSelector))).toBe(true);
    expect(items.map((el) => facebookAdapter.parsePost(el)?.postId ?? null)).toEqual([
      '1789012345678901',
      '1789012345678901_1790000000000001',
      '1789012345678901_1790000000000002',
      '1791111111111111',
      null,
    ]);
    expect(facebookAdapter.closestPost(items[1]?.querySelector('div[dir="auto"]') as Element)).toBe(items[1]);
  });
});
