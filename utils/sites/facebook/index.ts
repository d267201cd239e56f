import type { SiteAdapter } from '@/utils/sites/types';
import { closestPostElement, findPostElements, parsePost, pendingPermalink, readPost } from './parse';
import { anyOf, article, postWrapper } from './selectors';
import { containsComposer, findReplyComposer, focusedPost, isSendAction, isSendKey } from './composer';

export {
  closestPostElement,
  findPostElements,
  itemKind,
  overlayAnchor,
  parsePost,
  parsePostAt,
  readPost,
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
  readPost,
  findReplyComposer,
  containsComposer,
  focusedPost,
  isSendAction,
  isSendKey,
  revealPermalink(element) {
    const link = pendingPermalink(element);
    if (!link) return false;
    // What the pointer passing over the time does, so Facebook fills in its href now;
    // leaving at once closes the date tooltip before it opens.
    const view = link.ownerDocument.defaultView;
    if (!view) return false;
    link.dispatchEvent(new view.MouseEvent('mouseover', { bubbles: true, cancelable: true, view }));
    link.dispatchEvent(new view.MouseEvent('mouseout', { bubbles: true, cancelable: true, view }));
    return true;
  },
};
