/** The x.com fixture pages and what the adapter must find on each (tests/fixtures/x/expected.json). */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './chromium';

export const X_FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'x');
/** Real captures of x.com, beside the project when present (always in CI). */
export const SHARED_X_FIXTURES = resolve(REPO_ROOT, '..', 'shared', 'fixtures', 'x');
export const hasSharedFixtures = existsSync(SHARED_X_FIXTURES);

export interface ExpectedPost {
  postId: string;
  authorHandle: string;
  authorName: string;
  postedAt: string | null;
  promoted: boolean;
  repostedBy: string | null;
  quotedPostId: string | null;
  quotedAuthorHandle: string | null;
  text: string;
}

export const expectedPosts = JSON.parse(readFileSync(join(X_FIXTURES, 'expected.json'), 'utf8')) as Record<
  string,
  ExpectedPost[]
>;

/** The posts that must carry a badge: every recognised customer post, ads excluded. */
export function customerPosts(file: string): ExpectedPost[] {
  const posts = expectedPosts[file];
  if (!posts) throw new Error(`expected.json has no entry for ${file}`);
  return posts.filter((post) => !post.promoted);
}
