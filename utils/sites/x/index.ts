import type { SiteAdapter } from '@/utils/sites/types';
import { closestPostElement, findPostElements, isSearchPage, parsePost, readPost } from './parse';
import { anyOf, postRoot } from './selectors';
import { containsComposer, findReplyComposer, focusedPost, isSendAction, isSendKey } from './composer';

export {
  closestPostElement,
  findPostElements,
  isSearchPage,
  overlayAnchor,
  parsePost,
  parseProfileUrl,
  parseStatusUrl,
  readPost,
} from './parse';
export type { StatusRef } from './parse';

/** The x.com site adapter: everything the overlay needs to find, read and badge posts. */
export const xAdapter: SiteAdapter = {
  platform: 'x',
  postSelector: anyOf(postRoot),
  closestPost: closestPostElement,
  findPosts: findPostElements,
  parsePost,
  readPost,
  findReplyComposer,
  containsComposer,
  focusedPost,
  isSendAction,
  isSendKey,
  isWatchPage: isSearchPage,
};
