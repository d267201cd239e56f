import type { Platform } from '@/utils/model';

/** A post as read from the page by a site adapter. Pure data; no DOM references. */
export interface ParsedPost {
  platform: Platform;
  /** A post, or a comment under one (Facebook; X replies are posts of their own). */
  kind: 'post' | 'comment';
  /**
   * Site id as a string (X ids are 64-bit snowflakes). A Facebook comment is keyed
   * `<postId>_<commentId>`, as Facebook's own API names comments.
   */
  postId: string;
  /** For a comment: the id of the post it is under. */
  parentPostId: string | null;
  /** The author's key part: X handle lower-cased without `@`; Facebook numeric id or vanity. */
  authorHandle: string;
  /** The author's display name as shown (handles change; keep the name too). */
  authorName: string;
  /**
   * ISO timestamp of the post's own time: X's `<time datetime>`; on Facebook an exact time
   * where given, else the latest moment its relative label ("2h") allows. Null if none.
   */
  postedAt: string | null;
  /** The post's text as shown, emoji as their alt text. */
  text: string;
  /** Absolute permalink of the post itself. */
  permalink: string;
  /** Paid placement: not a customer post. */
  promoted: boolean;
  /** Handle (lower-case) of whoever reposted this into the timeline, if it is a repost. */
  repostedBy: string | null;
  /** The quoted post, if this post quotes one. Never used as the post's own id/author. */
  quoted: { postId: string | null; authorHandle: string | null } | null;
}

/** Where the overlay host is inserted: `parent.insertBefore(host, before)`. */
export interface OverlayAnchor {
  parent: Element;
  before: Node | null;
}

/** A post read from the page, with where its badge would go (worked out only when asked). */
export interface PostReading {
  post: ParsedPost;
  /** Where the badge goes inside the post, or null if there is no sensible place. */
  anchor(): OverlayAnchor | null;
}

/** A reply box the site shows, and what it belongs to. */
export interface ReplyComposer {
  /** The contenteditable the site's editor listens on. */
  editable: HTMLElement;
  /** The site's own send button for this composer, if found. */
  sendButton: Element | null;
  /** The post (or Facebook comment) being answered; null when the composer writes a new post. */
  replyTo: Element | null;
}

/** Everything the overlay needs to know about one site. One implementation per site. */
export interface SiteAdapter {
  platform: Platform;
  /** CSS selector matching post root elements (for querySelectorAll and matches). */
  postSelector: string;
  /** The post root element containing `node`, or null. */
  closestPost(node: Node): Element | null;
  /** All post root elements under `root` (including `root` itself if it is one). */
  findPosts(root: ParentNode): Element[];
  /** Reads one post. Returns null, never throws, when the markup is not a usable post. */
  parsePost(post: Element): ParsedPost | null;
  /**
   * `parsePost` and where the post's badge goes, in one reading of the markup: a new post
   * needs both, and finding its parts is most of the work of either.
   */
  readPost(post: Element): PostReading | null;
  /**
   * The reply composer the agent is using now, if any. `focused` is the editable the agent
   * last focused (still connected), for sites that show many reply boxes at once.
   */
  findReplyComposer(root: ParentNode, focused: Element | null): ReplyComposer | null;
  /** The post a conversation page is about (the others on it are its thread), if any. */
  focusedPost(root: ParentNode): Element | null;
  /** Whether `element` is or holds a composer (cheap: called on added nodes only). */
  containsComposer(element: Element): boolean;
  /** True when `target` (a click or key target) is the send button of `composer`. */
  isSendAction(composer: ReplyComposer, target: Element): boolean;
  /** True when this key press in the composer sends (never while an IME is composing). */
  isSendKey(event: SendKeyEvent): boolean;
  /**
   * For a post the site drew without its permalink (Facebook fills it in on hover): asks
   * the site to fill it in now. True when it asked; the overlay then reads the post again
   * when the `href` arrives. Sites that always give permalinks leave this out.
   */
  revealPermalink?(post: Element): boolean;
  /**
   * Whether `url` is a page where keyword watch marks each post (X's search results).
   * Sites without keyword watch leave this out.
   */
  isWatchPage?(url: URL): boolean;
}

/** The parts of a KeyboardEvent a send-key decision needs. */
export type SendKeyEvent = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey' | 'isComposing'>;
