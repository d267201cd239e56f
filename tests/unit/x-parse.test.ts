// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seenPostSchema } from '@/utils/model';
import type { ParsedPost } from '@/utils/sites/types';
import {
  closestPostElement,
  findPostElements,
  overlayAnchor,
  readPost,
  parsePost,
  parseStatusUrl,
  xAdapter,
} from '@/utils/sites/x';
import {
  expectedPosts,
  hasSharedFixtures,
  SHARED_X_FIXTURES,
  X_FIXTURES,
  type ExpectedPost,
} from '../support/x-fixtures';

const ownDir = X_FIXTURES;
const sharedDir = SHARED_X_FIXTURES;
const hasShared = hasSharedFixtures;
if (!hasShared) {
  console.warn(
    `\n⚠ The shared fixtures folder is missing (${sharedDir}): the tests on real x.com captures are skipped.\n`,
  );
}

const expected = expectedPosts;
const fixtureFiles = Object.keys(expected);

function load(path: string): Document {
  return new DOMParser().parseFromString(readFileSync(path, 'utf8'), 'text/html');
}
const loadOwn = (file: string) => load(join(ownDir, file));

function summary(post: ParsedPost): ExpectedPost {
  return {
    postId: post.postId,
    authorHandle: post.authorHandle,
    authorName: post.authorName,
    postedAt: post.postedAt,
    promoted: post.promoted,
    repostedBy: post.repostedBy,
    quotedPostId: post.quoted?.postId ?? null,
    quotedAuthorHandle: post.quoted?.authorHandle ?? null,
    text: post.text,
  };
}

/** The article whose own time link points at `postId`. */
function articleById(doc: Document, postId: string): Element {
  const article = findPostElements(doc).find((el) => parsePost(el)?.postId === postId);
  if (!article) throw new Error(`no article for ${postId}`);
  return article;
}

function parsed(article: Element): ParsedPost {
  const post = parsePost(article);
  if (!post) throw new Error('expected a post');
  return post;
}

describe('parseStatusUrl', () => {
  it.each([
    ['/alice/status/123', 'alice', '123'],
    ['/Alice_W/status/1981398750557065647', 'alice_w', '1981398750557065647'],
    ['/i/status/1707007575110099429', null, '1707007575110099429'],
    ['/i/web/status/1707007575110099429', null, '1707007575110099429'],
    ['/tehprom269887/status/1706099462379033033/analytics', 'tehprom269887', '1706099462379033033'],
    ['/alice/status/1790000000000000001/photo/1', 'alice', '1790000000000000001'],
    ['/alice/status/1790000000000000001/quotes', 'alice', '1790000000000000001'],
    ['/alice/status/1790000000000000001?s=20&t=AbC', 'alice', '1790000000000000001'],
    ['/alice/status/1790000000000000001/#reply', 'alice', '1790000000000000001'],
    ['https://x.com/alice/status/1790000000000000001', 'alice', '1790000000000000001'],
    ['https://twitter.com/ALICE/status/1790000000000000001', 'alice', '1790000000000000001'],
    ['https://mobile.twitter.com/alice/status/1790000000000000001/', 'alice', '1790000000000000001'],
    ['http://www.twitter.com/alice/statuses/20', 'alice', '20'],
    ['//x.com/i/status/1790000000000000001', null, '1790000000000000001'],
    ['https://x.com:443/alice/status/1790000000000000001', 'alice', '1790000000000000001'],
    // Largest signed 64-bit id: must come back digit for digit.
    ['/alice/status/9223372036854775807', 'alice', '9223372036854775807'],
  ])('%s → %s %s', (href, handle, postId) => {
    expect(parseStatusUrl(href)).toEqual({ handle, postId });
  });

  it.each([
    '',
    '/alice',
    '/alice/likes',
    '/alice/status/',
    '/alice/status/abc',
    '/alice/status/0123',
    '/alice/status/9223372036854775808',
    '/alice/status/99999999999999999999',
    '/i/status/',
    '/i/lists/123',
    '/home/status/123',
    '/hashtag/status/123',
    '/a-b/status/123',
    'alice/status/123',
    '/search?q=/alice/status/123',
    'https://example.com/alice/status/123',
    'https://x.com.evil.example/alice/status/123',
    'https://x.com@evil.example/alice/status/123',
    'javascript:alert(1)//x.com/alice/status/1',
  ])('%s → null', (href) => {
    expect(parseStatusUrl(href)).toBeNull();
  });
});

describe.each(fixtureFiles)('own fixture %s', (file) => {
  const doc = loadOwn(file);
  const articles = findPostElements(doc);
  const posts = articles.map((article) => parsePost(article));

  it('recognises exactly the posts in expected.json, in document order', () => {
    const recognised = posts.filter((post): post is ParsedPost => post !== null);
    expect(recognised.map(summary)).toEqual(expected[file]);
  });

  it('keeps every id a string beyond 2^53 and yields valid seen-post records', () => {
    for (const post of posts) {
      if (!post) continue;
      expect(typeof post.postId).toBe('string');
      expect(BigInt(post.postId) > 2n ** 53n).toBe(true);
      expect(post.permalink).toBe(`https://x.com/${post.authorHandle}/status/${post.postId}`);
      expect(post.platform).toBe('x');
      expect(() => seenPostSchema.parse(post)).not.toThrow();
    }
  });

  it('puts one badge place per customer post in its own header, never in a quote', () => {
    articles.forEach((article, index) => {
      const post = posts[index];
      if (!post || post.promoted) return;
      const anchor = overlayAnchor(article);
      expect(anchor).not.toBeNull();
      if (!anchor) return;
      // The overlay's one reading of a new post answers the same post and place.
      const reading = readPost(article);
      expect(reading?.post).toEqual(post);
      expect(reading?.anchor()).toEqual(anchor);
      const ownName = article.querySelector('[data-testid="User-Name"]');
      expect(article.contains(anchor.parent)).toBe(true);
      expect(anchor.parent.contains(ownName)).toBe(true);
      // A flex row: a fixed-height inline badge there does not add a line.
      expect(anchor.parent.classList.contains('r-18u37iz')).toBe(true);
      expect(anchor.parent.closest('div[role="link"]')).toBeNull();
      expect(anchor.parent.querySelector('[data-testid="tweetText"], div[role="link"], [role="group"]')).toBeNull();
      if (anchor.before) expect(anchor.before.parentNode).toBe(anchor.parent);
    });
  });

  it('reads every post the same after a badge host is inserted', () => {
    const fresh = loadOwn(file);
    for (const article of findPostElements(fresh)) {
      const before = parsePost(article);
      const anchor = overlayAnchor(article);
      if (!before || !anchor) continue;
      const host = fresh.createElement('span');
      host.textContent = '3 seen · 1 note';
      anchor.parent.insertBefore(host, anchor.before);
      expect(closestPostElement(host)).toBe(article);
      expect(parsePost(article)).toEqual(before);
    }
  });
});

describe('numbers that do not fit in a double', () => {
  it('keeps 1790000000000000001 exact, where Number() would round it', () => {
    const post = parsed(articleById(loadOwn('home-timeline.html'), '1790000000000000001'));
    expect(String(Number(post.postId))).not.toBe(post.postId);
    expect(post.postId).toBe('1790000000000000001');
  });
});

describe('quoted posts', () => {
  it('never takes the id, author or text of the quoted post (quote without links)', () => {
    const post = parsed(articleById(loadOwn('home-timeline.html'), '1980876543210987654'));
    expect(post.authorHandle).toBe('dev_kenji');
    expect(post.text).toBe('This is exactly the answer I needed, thanks!');
    expect(post.quoted).toEqual({ postId: null, authorHandle: 'kotaesupport' });
  });

  it('reads the focused post even though its quote, with its own time link, comes first', () => {
    const doc = loadOwn('post-page.html');
    const focused = doc.querySelector('article[data-testid="tweet"][tabindex="-1"]');
    if (!focused) throw new Error('fixture has no focused post');
    const times = Array.from(focused.querySelectorAll('time'));
    expect(times).toHaveLength(2);
    // The quote's time is first in document order: "first time in the article" would be wrong.
    expect(times[0]?.closest('div[role="link"]')).not.toBeNull();
    const post = parsed(focused);
    expect(post.postId).toBe('1981512345678901234');
    expect(post.postedAt).toBe('2025-10-24T01:12:45.000Z');
    expect(post.authorHandle).toBe('mikatanaka_jp');
    expect(post.authorName).toBe('Mika 🌸 Tanaka');
    expect(post.text).toBe('DMしました。よろしくお願いします 🙏');
    expect(post.quoted).toEqual({ postId: '1981400000000000002', authorHandle: 'kotaesupport' });
    const anchor = overlayAnchor(focused);
    expect(anchor && focused.querySelector('div[role="link"]')?.contains(anchor.parent)).toBe(false);
  });

  it('still sets the quote apart when it is not a role=link card', () => {
    const doc = loadOwn('post-page.html');
    const focused = doc.querySelector('article[data-testid="tweet"][tabindex="-1"]');
    const card = focused?.querySelector('div[role="link"]');
    if (!focused || !card) throw new Error('fixture has no quote card');
    card.removeAttribute('role');
    const post = parsed(focused);
    expect(post.postId).toBe('1981512345678901234');
    expect(post.text).toBe('DMしました。よろしくお願いします 🙏');
    expect(post.quoted).toEqual({ postId: '1981400000000000002', authorHandle: 'kotaesupport' });
  });

  it('accepts the quoteTweet container of some builds', () => {
    const doc = loadOwn('search-latest.html');
    const article = articleById(doc, '1981580000000000003');
    const card = article.querySelector('div[role="link"]');
    if (!card) throw new Error('fixture has no quote card');
    card.removeAttribute('role');
    card.setAttribute('data-testid', 'quoteTweet');
    const post = parsed(article);
    expect(post.authorHandle).toBe('sam_oconnor');
    expect(post.text).toBe('+1, same question');
    expect(post.quoted).toEqual({ postId: null, authorHandle: 'alice_w' });
  });
});

describe('reposts and social context', () => {
  it('keys a repost on the original author and records who reposted it', () => {
    const post = parsed(articleById(loadOwn('home-timeline.html'), '1981012345678901234'));
    expect(post.authorHandle).toBe('tokyobites');
    expect(post.authorName).toBe('東京バイツ');
    expect(post.repostedBy).toBe('kotaesupport');
  });

  it('does not treat "Pinned" as a repost', () => {
    const post = parsed(articleById(loadOwn('profile.html'), '1700000000000000001'));
    expect(post.repostedBy).toBeNull();
    expect(post.authorHandle).toBe('mikatanaka_jp');
  });
});

describe('promoted posts', () => {
  it('reads an ad with no time from its own photo link, promoted and undated', () => {
    const post = parsed(articleById(loadOwn('home-timeline.html'), '1980000000000000001'));
    expect(post).toMatchObject({ promoted: true, postedAt: null, authorHandle: 'brandco' });
  });

  it('drops an ad with no time and no link to itself', () => {
    const doc = loadOwn('search-latest.html');
    const ad = doc.querySelector('[data-testid="placementTracking"] article[data-testid="tweet"]');
    if (!ad) throw new Error('fixture has no ad');
    expect(parsePost(ad)).toBeNull();
  });

  it('marks an older-style ad that still has a time link', () => {
    const post = parsed(articleById(loadOwn('post-page.html'), '1981000000000000005'));
    expect(post).toMatchObject({ promoted: true, postedAt: '2025-10-20T08:00:00.000Z' });
  });

  it('recognises the "Ad" label alone, without the tracking wrapper', () => {
    const doc = loadOwn('home-timeline.html');
    const wrapper = doc.querySelector('[data-testid="placementTracking"]');
    if (!wrapper) throw new Error('fixture has no ad');
    wrapper.removeAttribute('data-testid');
    const ad = wrapper.querySelector('article');
    expect(ad && parsePost(ad)).toMatchObject({ postId: '1980000000000000001', promoted: true });
  });

  it('does not call an organic video post an ad because its player sits in placementTracking', () => {
    const doc = loadOwn('profile.html');
    const article = articleById(doc, '1981290000000000003');
    expect(article.querySelector('[data-testid="placementTracking"] [data-testid="videoPlayer"]')).not.toBeNull();
    expect(parsed(article).promoted).toBe(false);
  });
});

describe('malformed posts', () => {
  it('returns null for a post with no time while its neighbours still parse', () => {
    const doc = loadOwn('home-timeline.html');
    const broken = findPostElements(doc).find((el) => el.textContent?.includes('blank page at checkout'));
    if (!broken) throw new Error('fixture lost its malformed post');
    expect(broken.querySelector('time')).toBeNull();
    expect(parsePost(broken)).toBeNull();
    const next = broken.closest('[data-testid="cellInnerDiv"]')?.nextElementSibling?.querySelector('article');
    expect(next && parsePost(next)?.postId).toBe('1790000000000000001');
  });

  it('returns null for a post with no User-Name block', () => {
    const doc = loadOwn('post-page.html');
    const broken = findPostElements(doc).find((el) => el.textContent?.includes('lost its header'));
    if (!broken) throw new Error('fixture lost its malformed post');
    expect(parsePost(broken)).toBeNull();
    expect(overlayAnchor(broken)).toBeNull();
  });

  it('returns null, not the quoted post, when the own header is missing', () => {
    const doc = loadOwn('post-page.html');
    const focused = doc.querySelector('article[data-testid="tweet"][tabindex="-1"]');
    const ownName = focused?.querySelector('[data-testid="User-Name"]');
    if (!focused || !ownName) throw new Error('fixture changed');
    ownName.remove();
    // The quote still has a User-Name block and a time link of its own.
    expect(focused.querySelector('div[role="link"] [data-testid="User-Name"]')).not.toBeNull();
    expect(parsePost(focused)).toBeNull();
  });

  it('returns null for a post whose time is not wrapped in its permalink', () => {
    const doc = loadOwn('search-latest.html');
    const broken = findPostElements(doc).find((el) => el.textContent?.includes('kotae is down'));
    if (!broken) throw new Error('fixture lost its malformed post');
    expect(broken.querySelector('time')).not.toBeNull();
    expect(parsePost(broken)).toBeNull();
  });

  it('never throws, whatever it is given', () => {
    const doc = document.implementation.createHTMLDocument('');
    const empty = doc.createElement('article');
    empty.setAttribute('data-testid', 'tweet');
    expect(parsePost(empty)).toBeNull();
    expect(overlayAnchor(empty)).toBeNull();
    const hostile = {
      nodeType: 1,
      matches() {
        throw new Error('boom');
      },
      querySelectorAll() {
        throw new Error('boom');
      },
      closest() {
        throw new Error('boom');
      },
    } as unknown as Element;
    expect(parsePost(hostile)).toBeNull();
    expect(overlayAnchor(hostile)).toBeNull();
    expect(findPostElements(hostile)).toEqual([]);
    expect(closestPostElement(hostile)).toBeNull();
  });
});

describe('text', () => {
  it('keeps emoji as their alt text and markup-looking text as text', () => {
    const home = loadOwn('home-timeline.html');
    expect(parsed(articleById(home, '1980765432109876543')).text).toBe('Fixed after the update 🎉🙏 great support');
    const mentions = loadOwn('notifications.html');
    const post = parsed(articleById(mentions, '1981690000000000002'));
    expect(post.text).toBe('@KotaeSupport your contact form shows <img src=x onerror=alert(1)> instead of my name');
    expect(articleById(mentions, '1981690000000000002').querySelector('[data-testid="tweetText"] img')).toBeNull();
  });

  it('does not take a link in the text as the post’s own permalink', () => {
    const post = parsed(articleById(loadOwn('search-latest.html'), '1981570000000000004'));
    expect(post.authorHandle).toBe('mikatanaka_jp');
    expect(post.permalink).toBe('https://x.com/mikatanaka_jp/status/1981570000000000004');
  });

  it('uses the header handle for an /i/status/ permalink', () => {
    const doc = loadOwn('post-page.html');
    const article = articleById(doc, '1981530000000000004');
    expect(article.querySelector('time')?.closest('a')?.getAttribute('href')).toBe('/i/status/1981530000000000004');
    expect(parsed(article).permalink).toBe('https://x.com/alice_w/status/1981530000000000004');
  });
});

describe('recycled cells', () => {
  it('reads the new post when X reuses an article for another one', () => {
    const doc = loadOwn('home-timeline.html');
    const [first, , , quoting, , , mika] = findPostElements(doc);
    if (!first || !quoting || !mika) throw new Error('fixture changed');
    expect(parsePost(first)?.postId).toBe('1981398750557065647');
    first.replaceChildren(...Array.from(quoting.cloneNode(true).childNodes));
    expect(parsePost(first)).toMatchObject({ postId: '1980876543210987654', authorHandle: 'dev_kenji' });
    first.replaceChildren(...Array.from(mika.cloneNode(true).childNodes));
    expect(parsePost(first)).toMatchObject({ postId: '1790000000000000001', authorHandle: 'mikatanaka_jp', quoted: null });
  });
});

describe('finding posts', () => {
  it('includes the root itself and finds the post around any node', () => {
    const doc = loadOwn('notifications.html');
    const [article] = findPostElements(doc);
    if (!article) throw new Error('fixture changed');
    expect(findPostElements(article)).toEqual([article]);
    const textNode = article.querySelector('[data-testid="tweetText"] span')?.firstChild;
    if (!textNode) throw new Error('fixture changed');
    expect(closestPostElement(textNode)).toBe(article);
    expect(closestPostElement(doc.body)).toBeNull();
  });

  it('exposes the same functions through the adapter', () => {
    const doc = loadOwn('profile.html');
    const posts = xAdapter.findPosts(doc);
    expect(posts).toHaveLength(6);
    expect(posts.every((el) => el.matches(xAdapter.postSelector))).toBe(true);
    expect(xAdapter.platform).toBe('x');
    expect(xAdapter.parsePost(posts[0] as Element)?.postId).toBe('1700000000000000001');
    // The profile header's UserName block is not a post.
    expect(doc.querySelector('[data-testid="UserName"]')?.closest(xAdapter.postSelector)).toBeNull();
  });
});

describe.skipIf(!hasShared)('real capture: tweetyoink 2025 post', () => {
  const path = join(sharedDir, 'tweetyoink_x-tweet-sample.html');

  it('reads id, handle, display name, time and text', () => {
    const doc = load(path);
    const articles = findPostElements(doc);
    expect(articles).toHaveLength(1);
    const article = articles[0] as Element;
    // Despite being described as a timeline post, it is a focused post: tabindex=-1, full date.
    expect(article.getAttribute('tabindex')).toBe('-1');
    expect(parsePost(article)).toEqual({
      platform: 'x',
      kind: 'post',
      postId: '1981398750557065646',
      parentPostId: null,
      authorHandle: 'testuser123',
      authorName: 'Test User Account',
      postedAt: '2025-10-23T16:34:09.000Z',
      text: "Democrat Shutdown Jeopardizes America's Skies",
      permalink: 'https://x.com/testuser123/status/1981398750557065646',
      promoted: false,
      repostedBy: null,
      quoted: null,
    });
  });

  it('places the badge in the header row beside the name', () => {
    const article = findPostElements(load(path))[0] as Element;
    const anchor = overlayAnchor(article);
    const ownName = article.querySelector('[data-testid="User-Name"]');
    expect(anchor?.parent.contains(ownName)).toBe(true);
    expect(anchor?.parent.classList.contains('r-18u37iz')).toBe(true);
    expect(anchor?.parent.querySelector('[data-testid="tweetText"], [role="group"]')).toBeNull();
  });
});

describe.skipIf(!hasShared)('real capture: rvinowise 2023 timeline cells', () => {
  const path = join(sharedDir, 'rvinowise_timeline-cells-sequence_2023.html');
  const rows: Array<[string, string, string, string, string]> = [
    ['1706099190240088103', 'rvinowise', 'Victor Rîbin', '2023-09-25T00:11:59.000Z', "another person's reply"],
    ['1706099462379033033', 'tehprom269887', 'tehprom', '2023-09-25T00:13:04.000Z', "reply to another person's reply"],
    ['1734248650228855291', 'tehprom269887', 'tehprom', '2023-12-11T16:27:53.000Z', 'the head of a thread'],
    ['1734248653919789531', 'tehprom269887', 'tehprom', '2023-12-11T16:27:54.000Z', '2nd message of a thread'],
    ['1734248657547870564', 'tehprom269887', 'tehprom', '2023-12-11T16:27:55.000Z', '3rd message of a thread'],
    ['1707007575110099429', 'tehprom269887', 'tehprom', '2023-09-27T12:21:35.000Z', '1st message of a thread'],
    ['1707007579103117527', 'tehprom269887', 'tehprom', '2023-09-27T12:21:36.000Z', '3rd message of a thread'],
    ['1725958337445961955', 'tehprom269887', 'tehprom', '2023-11-18T19:25:09.000Z', 'reply with a poll'],
  ];

  it('parses every article of the nine cells', () => {
    const doc = load(path);
    expect(doc.querySelectorAll('[data-testid="cellInnerDiv"]')).toHaveLength(9);
    const posts = findPostElements(doc).map((article) => parsePost(article));
    expect(posts.map((post) => post && [post.postId, post.authorHandle, post.authorName, post.postedAt, post.text])).toEqual(rows);
    for (const post of posts) {
      expect(typeof post?.postId).toBe('string');
      expect(post).toMatchObject({ promoted: false, repostedBy: null, quoted: null });
      expect(post?.permalink).toBe(`https://x.com/${post?.authorHandle}/status/${post?.postId}`);
    }
  });

  it('ignores the "Show more replies" cell and reads its /i/status/ link', () => {
    const doc = load(path);
    const separator = Array.from(doc.querySelectorAll('[data-testid="cellInnerDiv"]')).find(
      (cell) => findPostElements(cell).length === 0,
    );
    if (!separator) throw new Error('capture changed');
    expect(separator.textContent).toContain('Show more replies');
    const link = separator.querySelector('a[href]');
    expect(link && parseStatusUrl(link.getAttribute('href') ?? '')).toEqual({
      handle: null,
      postId: '1707007575110099429',
    });
    expect(link && closestPostElement(link)).toBeNull();
  });

  it('places every badge in the post’s own header row', () => {
    for (const article of findPostElements(load(path))) {
      const anchor = overlayAnchor(article);
      expect(anchor?.parent.contains(article.querySelector('[data-testid="User-Name"]'))).toBe(true);
      // In 2023 the time sat inside the User-Name block, so the row holds it; never the text.
      expect(anchor?.parent.querySelector('time')).not.toBeNull();
      expect(anchor?.parent.querySelector('[data-testid="tweetText"]')).toBeNull();
    }
  });
});
