/**
 * Reads x.com posts from the DOM. Pure: every function takes the nodes it reads as parameters
 * (no `document`, `window` or `location`), so tests feed it saved pages, and none of them
 * throws: a post X renders in a shape we do not know yields null and never stops the others.
 */
import type { OverlayAnchor, ParsedPost, PostReading } from '@/utils/sites/types';
import * as S from './selectors';

const POST = S.anyOf(S.postRoot);
const USER_NAME = S.anyOf(S.userName);
const QUOTE = S.anyOf(S.quoteContainer);
const TIME = S.anyOf(S.postTime);
const TEXT = S.anyOf(S.postText);
const SOCIAL = S.anyOf(S.socialContext);
const PLACEMENT = S.anyOf(S.placementTracking);
const VIDEO = S.anyOf(S.videoPlayer);
const CELL = S.anyOf(S.timelineCell);
const CARD = S.anyOf(S.embeddedCard);
const AVATAR = S.anyOf([...S.postAvatar, ...S.avatarContainer]);
const ACTIONS = S.anyOf([...S.replyButton, ...S.likeButton, '[role="group"]']);
const FLEX_ROW = S.anyOf(S.flexRow);
const LABEL_HOST = S.anyOf(S.promotedLabelHost);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
// Node.DOCUMENT_POSITION_FOLLOWING, spelled out so no global is read.
const FOLLOWING = 4;

export interface StatusRef {
  /** Lower-cased handle, or null for `/i/status/<id>` links that name no author. */
  handle: string | null;
  /** Decimal snowflake, kept as a string: it does not fit in a double. */
  postId: string;
}

// --- URLs ---------------------------------------------------------------------------------------

/** Path segments of an x.com URL (relative, absolute or protocol-relative); null for other sites. */
function xPathSegments(href: string): string[] | null {
  const trimmed = href.trim();
  let path: string;
  const absolute = /^(?:https?:)?\/\/([^/?#]*)(.*)$/i.exec(trimmed);
  if (absolute) {
    // A port is harmless; user-info ("x.com@evil.example") makes the host something else.
    const host = (absolute[1] ?? '').toLowerCase().replace(/:\d+$/, '');
    if (!S.hosts.includes(host)) return null;
    path = absolute[2] ?? '';
  } else if (trimmed.startsWith('/')) {
    path = trimmed;
  } else {
    return null;
  }
  const bare = path.split(/[?#]/, 1)[0] ?? '';
  return bare.split('/').filter((segment) => segment !== '');
}

function isPostId(value: string | undefined): value is string {
  if (value === undefined || !S.postIdPattern.test(value)) return false;
  return BigInt(value) <= S.maxPostId;
}

function isHandle(value: string | undefined): value is string {
  if (value === undefined || !S.handlePattern.test(value)) return false;
  return !S.reservedPaths.includes(value.toLowerCase());
}

function isStatusSegment(value: string | undefined): boolean {
  return value !== undefined && S.statusSegments.includes(value.toLowerCase());
}

/**
 * The post a link points at: `/<handle>/status/<id>`, `/i/status/<id>`, `/i/web/status/<id>`,
 * with any suffix (`/photo/1`, `/analytics`, `/quotes`), query or fragment, relative or on an
 * x.com/twitter.com host. Null for anything else.
 */
export function parseStatusUrl(href: string): StatusRef | null {
  if (typeof href !== 'string') return null;
  const parts = xPathSegments(href);
  if (!parts) return null;
  if (parts[0]?.toLowerCase() === 'i') {
    const at = parts[1]?.toLowerCase() === 'web' ? 2 : 1;
    if (!isStatusSegment(parts[at])) return null;
    const postId = parts[at + 1];
    return isPostId(postId) ? { handle: null, postId } : null;
  }
  const [handle, segment, postId] = parts;
  if (!isHandle(handle) || !isStatusSegment(segment) || !isPostId(postId)) return null;
  return { handle: handle.toLowerCase(), postId };
}

/** True for one of X's search result pages, where keyword watch marks each post. */
export function isSearchPage(url: URL): boolean {
  return S.hosts.includes(url.hostname) && S.searchPaths.includes(url.pathname.replace(/\/+$/, ''));
}

/** The handle of a profile link (`/<handle>` or `https://x.com/<handle>`), lower-cased. */
export function parseProfileUrl(href: string): string | null {
  if (typeof href !== 'string') return null;
  const parts = xPathSegments(href);
  if (!parts || parts.length !== 1 || !isHandle(parts[0])) return null;
  return parts[0].toLowerCase();
}

// --- Finding posts ------------------------------------------------------------------------------

function isElement(node: unknown): node is Element {
  return typeof node === 'object' && node !== null && (node as Node).nodeType === ELEMENT_NODE;
}

/** Every post root under `root`, in document order, `root` first if it is one. */
export function findPostElements(root: ParentNode): Element[] {
  try {
    const found: Element[] = [];
    if (isElement(root) && root.matches(POST)) found.push(root);
    found.push(...Array.from(root.querySelectorAll(POST)));
    return found;
  } catch {
    return [];
  }
}

/** The post root containing `node` (an element or a text node), or null. */
export function closestPostElement(node: Node): Element | null {
  try {
    const element = isElement(node) ? node : node.parentElement;
    return element?.closest(POST) ?? null;
  } catch {
    return null;
  }
}

// --- Reading one post ---------------------------------------------------------------------------

/** The parts of a post that belong to the post itself, with quoted posts set apart. */
interface PostParts {
  userName: Element;
  quotes: Element[];
  inQuote(node: Node): boolean;
  time: Element | null;
  text: Element | null;
  socialContext: Element | null;
}

/** Descendants of `article` matching `selector` whose nearest post root is `article` itself. */
function ownAll(article: Element, selector: string): Element[] {
  const found = Array.from(article.querySelectorAll(selector));
  // Called on something that is not a post root (a test fragment): everything inside counts.
  if (!article.matches(POST)) return found;
  return found.filter((el) => el.closest(POST) === article);
}

/**
 * For a second User-Name block outside any known quote container: the largest ancestor that
 * still holds only the quoted post (not the own header, action bar, or anything above it).
 */
function fallbackQuoteRoot(quoteName: Element, own: Element, article: Element): Element {
  let root = quoteName;
  for (let parent = root.parentElement; parent && parent !== article; parent = parent.parentElement) {
    if (parent.contains(own) || parent.querySelector(ACTIONS)) break;
    const earlier = Array.from(parent.querySelectorAll(`${TIME}, ${TEXT}`)).some(
      (el) => (el.compareDocumentPosition(quoteName) & FOLLOWING) !== 0 && !root.contains(el),
    );
    if (earlier) break;
    root = parent;
  }
  return root;
}

function analyse(article: Element): PostParts | null {
  const userNames = ownAll(article, USER_NAME);
  if (userNames.length === 0) return null;

  // A quote container holds a User-Name block but not the post's action bar (a wrapper around
  // the whole post would). The verified-org badge's role=link sits inside a User-Name: no match.
  // A post whose own header is missing is then left with no User-Name of its own, and is
  // dropped rather than read as the post it quotes.
  const quotes: Element[] = [];
  for (const candidate of ownAll(article, QUOTE)) {
    const holdsName = userNames.some((name) => name !== candidate && candidate.contains(name));
    if (holdsName && !candidate.querySelector(ACTIONS)) quotes.push(candidate);
  }
  const inQuote = (node: Node): boolean => quotes.some((quote) => quote.contains(node));

  const userName = userNames.find((name) => !inQuote(name));
  if (!userName) return null;
  for (const name of userNames) {
    if (name !== userName && !inQuote(name)) quotes.push(fallbackQuoteRoot(name, userName, article));
  }

  const firstOwn = (selector: string): Element | null =>
    ownAll(article, selector).find((el) => !inQuote(el)) ?? null;
  return {
    userName,
    quotes,
    inQuote,
    time: firstOwn(TIME),
    text: firstOwn(TEXT),
    socialContext: firstOwn(SOCIAL),
  };
}

/** Text as shown: text nodes plus emoji `<img alt>`; line breaks as `\n`. */
function visibleText(root: Element): string {
  let out = '';
  const walk = (node: Node): void => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === TEXT_NODE) {
        out += child.nodeValue ?? '';
      } else if (isElement(child)) {
        const tag = child.tagName.toLowerCase();
        if (tag === 'img') out += child.getAttribute('alt') ?? '';
        else if (tag === 'br') out += '\n';
        else if (tag !== 'script' && tag !== 'style' && tag !== 'template') walk(child);
      }
    }
  };
  walk(root);
  return out;
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** A handle written as `@handle` in a span (quoted posts show it without a link). */
function handleFromText(block: Element): string | null {
  for (const el of Array.from(block.querySelectorAll('span, div'))) {
    const match = /^@([A-Za-z0-9_]{1,50})$/.exec((el.textContent ?? '').trim());
    if (match?.[1]) return match[1].toLowerCase();
  }
  return null;
}

function handleOf(userName: Element): string | null {
  for (const link of Array.from(userName.querySelectorAll('a[href]'))) {
    const handle = parseProfileUrl(link.getAttribute('href') ?? '');
    if (handle) return handle;
  }
  return handleFromText(userName);
}

function readAuthor(article: Element, parts: PostParts): { handle: string; name: string } | null {
  let handle = handleOf(parts.userName);
  if (!handle) {
    // The avatar container is named after the author; used only when the header has no handle.
    const testIds = ownAll(article, AVATAR)
      .filter((el) => !parts.inQuote(el))
      .map((el) => el.getAttribute('data-testid') ?? '');
    const suffix = testIds.find((id) => id.startsWith(S.avatarContainerPrefix))?.slice(S.avatarContainerPrefix.length);
    if (suffix && isHandle(suffix)) handle = suffix.toLowerCase();
  }
  if (!handle) return null;
  const firstLink = parts.userName.querySelector('a[href]');
  let name = firstLink ? squash(visibleText(firstLink)) : '';
  if (!name || name.startsWith('@')) {
    // No display-name link: take the block's first line of text that is not the @handle.
    const lines = Array.from(parts.userName.querySelectorAll('span'))
      .map((span) => squash(visibleText(span)))
      .filter((text) => text && !text.startsWith('@') && text !== '·');
    name = lines[0] ?? handle;
  }
  return { handle, name };
}

function linkAround(node: Element, within: Element): Element | null {
  const link = node.closest('a[href]');
  return link && within.contains(link) ? link : null;
}

function hasPromotedLabel(article: Element, parts: PostParts): boolean {
  for (const el of ownAll(article, LABEL_HOST)) {
    const label = (el.textContent ?? '').trim();
    if (!S.promotedLabels.includes(label)) continue;
    // Display names, post text and link-card titles are written by people, not by X.
    if (parts.inQuote(el) || parts.userName.contains(el) || parts.text?.contains(el) || el.closest(CARD)) continue;
    return true;
  }
  return false;
}

function isPromoted(article: Element, parts: PostParts, hasTimeLink: boolean): boolean {
  // The promoted-cell shape: the tracking div wraps the article inside its timeline cell.
  const wrapper = article.parentElement?.closest(PLACEMENT);
  if (wrapper) {
    const cell = article.closest(CELL);
    if (!cell || cell.contains(wrapper)) return true;
  }
  for (const tracking of ownAll(article, PLACEMENT)) {
    // Organic video posts wrap their player in placementTracking too.
    if (!parts.inQuote(tracking) && !tracking.querySelector(VIDEO)) return true;
  }
  return !hasTimeLink && hasPromotedLabel(article, parts);
}

/** A promoted post with no time link: its own photo/analytics links still carry its id. */
function fallbackStatusRef(article: Element, parts: PostParts, authorHandle: string): StatusRef | null {
  for (const link of ownAll(article, 'a[href]')) {
    if (parts.inQuote(link) || parts.text?.contains(link) || parts.socialContext?.contains(link)) continue;
    const ref = parseStatusUrl(link.getAttribute('href') ?? '');
    if (ref && (ref.handle === null || ref.handle === authorHandle)) return ref;
  }
  return null;
}

function isoOrNull(value: string | null): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  // Keep X's own string when it is already a full ISO timestamp; normalise anything else.
  const full = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
  return full.test(value) ? value : new Date(ms).toISOString();
}

function readRepostedBy(article: Element, parts: PostParts): string | null {
  const context = parts.socialContext;
  if (!context) return null;
  // X wraps the context in the reposter's profile link; a "Pinned" context has no link.
  const link = linkAround(context, article) ?? context.querySelector('a[href]');
  return link ? parseProfileUrl(link.getAttribute('href') ?? '') : null;
}

function readQuoted(parts: PostParts): ParsedPost['quoted'] {
  const quote = parts.quotes[0];
  if (!quote) return null;
  const name = quote.matches(USER_NAME) ? quote : quote.querySelector(USER_NAME);
  const authorHandle = name ? handleOf(name) : null;
  let postId: string | null = null;
  const time = quote.querySelector(TIME);
  const timeLink = time ? linkAround(time, quote) : null;
  const candidates = timeLink ? [timeLink] : Array.from(quote.querySelectorAll('a[href]'));
  for (const link of candidates) {
    const ref = parseStatusUrl(link.getAttribute('href') ?? '');
    if (ref) {
      postId = ref.postId;
      break;
    }
  }
  return { postId, authorHandle };
}

function postFrom(article: Element, parts: PostParts): ParsedPost | null {
  const author = readAuthor(article, parts);
  if (!author) return null;

  const timeLink = parts.time ? linkAround(parts.time, article) : null;
  let ref = timeLink ? parseStatusUrl(timeLink.getAttribute('href') ?? '') : null;
  const promoted = isPromoted(article, parts, ref !== null);
  if (!ref) {
    // Without its time link a post has no trustworthy id; ads are the one known exception.
    if (!promoted) return null;
    ref = fallbackStatusRef(article, parts, author.handle);
    if (!ref) return null;
  }

  return {
    platform: 'x',
    kind: 'post',
    postId: ref.postId,
    parentPostId: null,
    authorHandle: author.handle,
    authorName: author.name,
    postedAt: isoOrNull(parts.time?.getAttribute('datetime') ?? null),
    text: parts.text ? visibleText(parts.text).trim() : '',
    permalink: `${S.canonicalOrigin}/${ref.handle ?? author.handle}/status/${ref.postId}`,
    promoted,
    repostedBy: readRepostedBy(article, parts),
    quoted: readQuoted(parts),
  };
}

/** Reads one post; null (never an exception) when it is not a post we can key. */
export function parsePost(article: Element): ParsedPost | null {
  return readPost(article)?.post ?? null;
}

/** {@link parsePost} and {@link overlayAnchor} from one look at the post's parts. */
export function readPost(article: Element): PostReading | null {
  try {
    const parts = analyse(article);
    const post = parts && postFrom(article, parts);
    return post ? { post, anchor: () => anchorFrom(article, parts) } : null;
  } catch {
    return null;
  }
}

// --- Badge placement ----------------------------------------------------------------------------

/**
 * Where the fixed-size inline badge goes: in the post's own header, in the flex row around the
 * User-Name block, right after it. A row keeps the post's height; a column would add a line.
 * Never inside a quoted post, never below the header.
 */
export function overlayAnchor(article: Element): OverlayAnchor | null {
  try {
    const parts = analyse(article);
    return parts ? anchorFrom(article, parts) : null;
  } catch {
    return null;
  }
}

function anchorFrom(article: Element, parts: PostParts): OverlayAnchor | null {
  try {
    const userName = parts.userName;
    let child: Element = userName;
    let el = userName.parentElement;
    for (let depth = 0; el && el !== article && depth < 4; depth++, el = el.parentElement) {
      // Past the header: the row that also holds the avatar, text or actions.
      if (el.querySelector(AVATAR) || (parts.text && el.contains(parts.text)) || el.querySelector(ACTIONS)) break;
      if (el.matches(FLEX_ROW)) return { parent: el, before: child.nextSibling };
      child = el;
    }
    // Unknown layout: still beside the name, at the cost of possibly one extra line.
    const parent = userName.parentElement;
    return parent && parent !== article ? { parent, before: userName.nextSibling } : null;
  } catch {
    return null;
  }
}
