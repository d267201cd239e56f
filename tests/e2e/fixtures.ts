import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './x-site';

export interface ExpectedPost {
  postId: string;
  authorHandle: string;
  authorName: string;
  postedAt: string | null;
  promoted: boolean;
  repostedBy: string | null;
  quotedPostId: string | null;
}

/** What the adapter must recognise on each fixture page (tests/fixtures/x/expected.json). */
export const expectedPosts = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Record<
  string,
  ExpectedPost[]
>;

/** The posts that must carry a badge: every recognised customer post, ads excluded. */
export function customerPosts(file: string): ExpectedPost[] {
  const posts = expectedPosts[file];
  if (!posts) throw new Error(`expected.json has no entry for ${file}`);
  return posts.filter((post) => !post.promoted);
}
