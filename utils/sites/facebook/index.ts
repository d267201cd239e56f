import type { SiteAdapter } from '@/utils/sites/types';
import { closestPostElement, findPostElements, overlayAnchor, parsePost } from './parse';
import { anyOf, article, postWrapper } from './selectors';
import { containsComposer, findReplyComposer, focusedPost, isSendAction, isSendKey } from './composer';

export {
  closestPostElement,
  findPostElements,
  itemKind,
  overlayAnchor,
  parsePost,
  parsePostAt,
  parseTimestampText,
} from './parse';
export type { ItemKind } from './parse';
export { cleanFacebookUrl, parsePostUrl, parseProfileUrl } from './urls';
export type { FacebookPostRef } from './urls';

/** The facebook.com site adapter: finds, reads and badges posts and the comments under them. */
export const facebookAdapter: SiteAdapter = {
  platform: 'facebook',
  // Candidates; findPosts and closestPost leave out a role=article that is a shared-post card.
  postSelector: anyOf([...article, ...postWrapper]),
  closestPost: closestPostElement,
  findPosts: findPostElements,
  parsePost,
  overlayAnchor,
  findReplyComposer,
  containsComposer,
  focusedPost,
  isSendAction,
  isSendKey,
};
