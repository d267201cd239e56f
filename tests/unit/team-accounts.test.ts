import { describe, expect, it } from 'vitest';
import { formatTeamAccount, parseTeamAccount } from '@/utils/team-accounts';

describe('team accounts as typed', () => {
  it.each([
    ['@KotaeSupport', 'x:kotaesupport'],
    ['kotae_jp', 'x:kotae_jp'],
    ['  @kotae  ', 'x:kotae'],
    ['https://x.com/Kotae_JP', 'x:kotae_jp'],
    ['twitter.com/kotae', 'x:kotae'],
    ['facebook:KotaeShop', 'facebook:kotaeshop'],
    ['fb:100012345', 'facebook:100012345'],
    ['https://www.facebook.com/KotaeShop?ref=bookmarks', 'facebook:kotaeshop'],
    ['https://www.facebook.com/profile.php?id=100012345&__tn__=R', 'facebook:100012345'],
    ['facebook.com/kotae.shop', 'facebook:kotae.shop'],
  ])('%s → %s', (line, key) => {
    expect(parseTeamAccount(line)).toBe(key);
  });

  it.each(['', '   ', 'not a handle!', '@', 'facebook:', 'fb:bad name', 'https://www.facebook.com/groups/123/', 'https://x.com/kotae/status/1', 'https://example.com/kotae'])(
    'refuses %j',
    (line) => {
      expect(parseTeamAccount(line)).toBeNull();
    },
  );

  it('shows keys the way they are typed, and reads them back the same', () => {
    for (const key of ['x:kotae', 'facebook:kotaeshop', 'facebook:100012345']) {
      expect(parseTeamAccount(formatTeamAccount(key))).toBe(key);
    }
    expect(formatTeamAccount('x:kotae')).toBe('@kotae');
  });
});
