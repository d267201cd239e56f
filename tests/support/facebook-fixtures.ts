/** The hand-made facebook.com fixture pages and what the adapter must find on each. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedPost } from '@/utils/sites/types';
import { REPO_ROOT } from './chromium';

export const FACEBOOK_FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'facebook');

export interface ExpectedFacebookPost {
  kind: 'post' | 'comment';
  postId: string;
  parentPostId: string | null;
  authorHandle: string;
  authorName: string;
  postedAt: string | null;
  text: string;
  permalink: string;
  promoted: boolean;
  quoted: ParsedPost['quoted'];
}

/** What each page must read as, with relative times counted back from `now`. */
export const FACEBOOK_EXPECTED = JSON.parse(readFileSync(join(FACEBOOK_FIXTURES, 'expected.json'), 'utf8')) as {
  now: string;
  posts: Record<string, ExpectedFacebookPost[]>;
};
const expected = FACEBOOK_EXPECTED;

export function facebookFixture(file: string): string {
  return readFileSync(join(FACEBOOK_FIXTURES, file), 'utf8');
}

/** Posts and comments that must carry a badge on one page: all recognised ones but ads. */
export function facebookCustomerPosts(file: string): ExpectedFacebookPost[] {
  const posts = expected.posts[file];
  if (!posts) throw new Error(`expected.json has no entry for ${file}`);
  return posts.filter((post) => !post.promoted);
}
