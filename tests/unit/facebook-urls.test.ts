import { describe, expect, it } from 'vitest';
import { isValidHandle, postIdSchema } from '@/utils/model';
import { cleanFacebookUrl, parsePostUrl, parseProfileUrl } from '@/utils/sites/facebook';

describe('cleanFacebookUrl', () => {
  it.each([
    [
      'https://www.facebook.com/alice.w/posts/pfbid02Abc123XYZ?__cft__[0]=AZXk91&__tn__=%2CO%2CP-R',
      'https://www.facebook.com/alice.w/posts/pfbid02Abc123XYZ',
    ],
    [
      '/story.php?story_fbid=1791111111111111&id=100087654321098&__cft__[0]=A&refid=8&mibextid=Nif5oz&ref=sharing',
      'https://www.facebook.com/story.php?story_fbid=1791111111111111&id=100087654321098',
    ],
    [
      'https://m.facebook.com/alice.w/posts/123?comment_id=456&comment_tracking=%7B%22tn%22%3A%22O%22%7D&fbclid=IwAR0&__eep__=6',
      'https://www.facebook.com/alice.w/posts/123?comment_id=456',
    ],
    ['https://web.facebook.com/groups/kotaeusers/posts/3000000000000001/#top', 'https://www.facebook.com/groups/kotaeusers/posts/3000000000000001'],
    ['//facebook.com/watch/?v=1844444444444444&__xts__[0]=x', 'https://www.facebook.com/watch?v=1844444444444444'],
    ['https://www.facebook.com:443/KotaeSupport', 'https://www.facebook.com/KotaeSupport'],
  ])('%s → %s', (href, clean) => {
    expect(cleanFacebookUrl(href)).toBe(clean);
  });

  it.each([
    '',
    'javascript:alert(1)//www.facebook.com/x',
    'https://evil.example/alice.w/posts/1',
    'https://www.facebook.com.evil.example/alice.w',
    'https://www.facebook.com@evil.example/alice.w',
    'https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.com',
    'alice.w/posts/1',
    'mailto:a@b.jp',
  ])('%s → null', (href) => {
    expect(cleanFacebookUrl(href)).toBeNull();
  });
});

describe('parsePostUrl', () => {
  const pfbid = 'pfbid02AbCdEfGhJkLmNoPqRsTuVwXyZ123456789abcdefGHJ';
  it.each([
    [`/alice.w/posts/${pfbid}?__cft__[0]=A`, pfbid, null, null],
    ['https://www.facebook.com/KotaeSupport/posts/123456789012345', '123456789012345', null, null],
    ['https://www.facebook.com/permalink.php?story_fbid=1800000000000001&id=100012300012300', '1800000000000001', null, null],
    ['https://www.facebook.com/permalink.php?story_fbid=pfbid0Xyz12345678&id=100012300012300', 'pfbid0Xyz12345678', null, null],
    ['https://m.facebook.com/story.php?story_fbid=1791111111111111&id=100087654321098', '1791111111111111', null, null],
    ['/groups/kotaeusers/posts/3000000000000001/', '3000000000000001', null, null],
    ['/groups/123456/permalink/3000000000000002/', '3000000000000002', null, null],
    ['https://www.facebook.com/photo/?fbid=987654321012345&set=a.11223344', '987654321012345', null, null],
    ['https://www.facebook.com/photo.php?fbid=1833333333333333&set=p.1833333333333333&type=3', '1833333333333333', null, null],
    ['https://www.facebook.com/reel/1822222222222222/?s=ifu', '1822222222222222', null, null],
    ['https://www.facebook.com/watch/?v=1844444444444444', '1844444444444444', null, null],
    ['https://www.facebook.com/KotaeSupport/videos/1811111111111111/', '1811111111111111', null, null],
    ['https://www.facebook.com/videos/1811111111111112/', '1811111111111112', null, null],
    ['https://www.facebook.com/KotaeSupport/photos/a.1122/1855555555555555/', '1855555555555555', null, null],
    [`/alice.w/posts/${pfbid}?comment_id=1122334455667788`, pfbid, '1122334455667788', null],
    [
      `/alice.w/posts/${pfbid}?comment_id=1122334455667788&reply_comment_id=1122334455669999&__cft__[0]=A`,
      pfbid,
      '1122334455667788',
      '1122334455669999',
    ],
    // base64 of "comment:3000000000000001_3000000000000101", on a link that is not the post's page
    ['/groups/kotaeusers/?comment_id=Y29tbWVudDozMDAwMDAwMDAwMDAwMDAxXzMwMDAwMDAwMDAwMDAxMDE%3D', '3000000000000001', '3000000000000101', null],
    ['?comment_id=1800000000000101&__cft__[0]=AZB', null, '1800000000000101', null],
  ])('%s → post %s, comment %s, reply %s', (href, postId, commentId, replyCommentId) => {
    const ref = parsePostUrl(href);
    expect(ref).toMatchObject({ postId, commentId, replyCommentId });
    expect(ref?.url.startsWith('https://www.facebook.com/')).toBe(true);
    expect(ref?.url).not.toMatch(/__cft__|__tn__|fbclid|refid|mibextid/);
    if (postId) expect(postIdSchema.safeParse(postId).success).toBe(true);
  });

  it('tells a post page link from one that only encodes the post in the comment id', () => {
    expect(parsePostUrl('/alice.w/posts/123?comment_id=456')?.isPermalink).toBe(true);
    expect(parsePostUrl('/groups/g/?comment_id=Y29tbWVudDozMDAwMDAwMDAwMDAwMDAxXzMwMDAwMDAwMDAwMDAxMDE%3D')?.isPermalink).toBe(false);
  });

  it.each([
    '',
    '#',
    '/alice.w',
    '/alice.w/posts/',
    '/alice.w/posts/abc',
    '/alice.w/posts/%E0%A4%A',
    '/groups/kotaeusers/',
    '/groups/kotaeusers/user/100001111111111/',
    '/hashtag/support',
    '/watch/',
    '/photo/?fbid=abc',
    '/permalink.php?id=100012300012300',
    '/ads/about/?entry_product=ad_preferences',
    '/l.php?u=https%3A%2F%2Fwww.facebook.com%2Falice%2Fposts%2F1',
    'https://evil.example/alice.w/posts/1234567890',
    'javascript:void(0)',
    '?comment_id=not-a-number',
  ])('%s → null', (href) => {
    expect(parsePostUrl(href)).toBeNull();
  });
});

describe('parseProfileUrl', () => {
  it.each([
    ['https://www.facebook.com/profile.php?id=100012345678901&__cft__[0]=A', '100012345678901'],
    ['/groups/kotaeusers/user/100001111111111/', '100001111111111'],
    ['https://www.facebook.com/people/Jean-Pierre-Martin/100087654321098/', '100087654321098'],
    ['https://www.facebook.com/Alice.W?__tn__=-UC%2CP-R', 'alice.w'],
    ['https://web.facebook.com/KotaeSupport', 'kotaesupport'],
    ['https://m.facebook.com/omar.haddad/', 'omar.haddad'],
    ['https://facebook.com/100012300012300', '100012300012300'],
    ['/KotaeSupport?comment_id=Y29tbWVudDoxXzEx', 'kotaesupport'],
  ])('%s → %s', (href, key) => {
    const parsed = parseProfileUrl(href);
    expect(parsed).toBe(key);
    expect(isValidHandle('facebook', parsed ?? '')).toBe(true);
  });

  it.each([
    '/groups/kotaeusers/',
    '/groups/kotaeusers/members/',
    '/watch',
    '/watch/?v=1',
    '/hashtag/support',
    '/events',
    '/events/123/',
    '/pages/Some-Page/123456',
    '/photo',
    '/photo.php?fbid=1',
    '/l.php?u=x',
    '/profile.php',
    '/profile.php?id=abc',
    '/people/Name',
    '/alice.w/posts/123',
    '/marketplace/',
    '/Jean-Pierre',
    '/...',
    'https://instagram.com/alice',
    'javascript:alert(1)',
    'alice.w',
  ])('%s → null', (href) => {
    expect(parseProfileUrl(href)).toBeNull();
  });
});
