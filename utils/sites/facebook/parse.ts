/**
 * Reads facebook.com posts and comments from the DOM. Pure: every function takes the nodes it
 * reads as parameters (no `document`, `window` or `location`), so tests feed it hand-made pages,
 * and none of them throws: markup in a shape we do not know yields null for that element and
 * never stops the others.
 *
 * Post or comment is decided by structure, never by the (localised) words of a label:
 * - a `div[aria-posinset][aria-describedby][aria-labelledby]` wrapper is a post;
 * - a `role=article` inside another post or comment is a comment when it has an `aria-label`,
 *   sits in a list (`ul`/`role=list`) under it, or its own link carries `comment_id`; one with
 *   none of these (or with a list position of its own) is a card attached to its host (a
 *   shared post) or the host itself marked twice, and not an item of its own;
 * - a `role=article` inside no other is a post, unless its own link carries `comment_id` or it
 *   is a labelled article in a list (comments rendered beside their post).
 */
import type { OverlayAnchor, ParsedPost, PostReading } from '@/utils/sites/types';
import * as S from './selectors';
import { FacebookLink, type FacebookPostRef } from './urls';

const ARTICLE = S.anyOf(S.article);
const CANDIDATE = S.anyOf([...S.article, ...S.postWrapper]);
const LIST = S.anyOf(S.commentList);
const MESSAGE = S.anyOf(S.postMessage);
const TEXT_BLOCK = S.anyOf(S.textBlock);
const TEXT = `${MESSAGE}, ${TEXT_BLOCK}`;
const INLINE_BUTTON = S.anyOf(S.inlineButton);
const EXACT_TIME = S.anyOf(S.exactTime);
const TITLE = S.anyOf(S.headerTitle);
const FORM = S.anyOf([...S.composerForm, ...S.composer]);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
// Node.DOCUMENT_POSITION_PRECEDING and _FOLLOWING, spelled out so no global is read.
const PRECEDING = 2;
const FOLLOWING = 4;
/** Longest post id the data model accepts (`postIdSchema`). */
const MAX_POST_ID = 100;

export type ItemKind = 'post' | 'comment';

function isElement(node: unknown): node is Element {
  return typeof node === 'object' && node !== null && (node as Node).nodeType === ELEMENT_NODE;
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** An href Facebook has not filled in yet (it does so on hover or focus). */
function isPendingHref(link: Element): boolean {
  const href = link.getAttribute('href');
  return href === null || S.pendingHrefs.includes(href.trim());
}

// --- Post or comment ------------------------------------------------------------------------

/** One variant of a selector list in the shape `tag`, `tag[attr]…` or `[attr="value"]…`. */
interface Variant {
  selector: string;
  tag: string | null;
  attributes: { name: string; value: string | null }[];
}

const variantCache = new Map<string, Variant[] | null>();

/**
 * The variants of a selector list, or null when one is in a shape not read here (an id, a
 * class, a combinator, a pseudo-class, an escape). Depends on the selector text only.
 */
function variantsOf(selector: string): Variant[] | null {
  const known = variantCache.get(selector);
  if (known !== undefined) return known;
  let variants: Variant[] | null = [];
  for (const text of selector.split(',').map((part) => part.trim())) {
    const shape = /^([a-z][a-z0-9]*)?((?:\[[a-z][a-z0-9-]*(?:="[^"\\]*")?\])*)$/.exec(text);
    const attributes = Array.from((shape?.[2] ?? '').matchAll(/\[([a-z][a-z0-9-]*)(?:="([^"]*)")?\]/g), (m) => ({
      name: m[1] ?? '',
      value: m[2] ?? null,
    }));
    if (!shape || (!shape[1] && attributes.length === 0)) {
      variants = null;
      break;
    }
    variants.push({ selector: text, tag: shape[1] ?? null, attributes });
  }
  variantCache.set(selector, variants);
  return variants;
}

/**
 * `el.matches(selector)`, skipping `matches` for elements that cannot match: each variant
 * needs its tag name and its attributes, read without `matches`.
 */
function matchesFast(el: Element, selector: string): boolean {
  const variants = variantsOf(selector);
  if (!variants) return el.matches(selector);
  let localName: string | undefined;
  for (const { tag, attributes } of variants) {
    if (tag !== null && (localName ??= el.localName) !== tag) continue;
    let all = true;
    for (const { name } of attributes) {
      if (!el.hasAttribute(name)) {
        all = false;
        break;
      }
    }
    if (all) return el.matches(selector);
  }
  return false;
}

/** The tag names of a selector list of bare tag names (`h2, h3`), else null. */
function tagsOf(selector: string): string[] | null {
  const variants = variantsOf(selector);
  if (!variants || variants.length < 2) return null;
  const tags: string[] = [];
  for (const { tag, attributes } of variants) {
    if (tag === null || attributes.length > 0) return null;
    tags.push(tag);
  }
  return tags;
}

/** Two lists in document order merged into one, each element once. */
function mergeInOrder(a: readonly Element[], b: readonly Element[]): readonly Element[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: Element[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Element;
    const y = b[j] as Element;
    if (x === y) {
      out.push(x);
      i += 1;
      j += 1;
    } else if ((x.compareDocumentPosition(y) & FOLLOWING) !== 0) {
      out.push(x);
      i += 1;
    } else {
      out.push(y);
      j += 1;
    }
  }
  for (; i < a.length; i += 1) out.push(a[i] as Element);
  for (; j < b.length; j += 1) out.push(b[j] as Element);
  return out;
}

const isCandidate = (el: Element): boolean => matchesFast(el, CANDIDATE);

/** Up to this many elements, a list of an item's descendants is searched rather than the DOM. */
const SHORT = 8;
/** Beyond this many, a part of an item is queried itself rather than filtered from the item's list. */
const LONG = 64;

/**
 * Classifies candidates (articles and post wrappers) with a cache for one pass over the page:
 * an item's kind depends on its ancestors', which would otherwise be worked out again for
 * every link inside it. Also keeps, for the same pass, each item's own elements and the links
 * it has parsed: the page may change between passes, so an instance never outlives one call.
 */
class Items {
  private readonly kinds = new Map<Element, ItemKind | null>();
  private readonly items = new Map<Element, boolean>();
  private readonly matching = new Map<Element, Map<string, readonly Element[]>>();
  private readonly nested = new Map<Element, readonly Element[]>();
  private readonly owned = new Map<Element, ReadonlySet<Element> | null>();
  private readonly ownMatching = new Map<Element, Map<string, readonly Element[]>>();
  private readonly roots = new Map<Element, readonly Element[]>();
  private readonly links = new Map<string, FacebookLink>();
  private readonly forms = new Map<Element, boolean>();
  private readonly blocks = new Map<Element, boolean>();

  /** 'post', 'comment', or null for a candidate that is not an item (a shared-post card). */
  kindOf(el: Element): ItemKind | null {
    const known = this.kinds.get(el);
    if (known !== undefined) return known;
    const kind = this.classify(el);
    this.kinds.set(el, kind);
    return kind;
  }

  /**
   * Whether `el` is a post or a comment, without telling which: a candidate inside no other is
   * always one, so finding the item around a node never has to classify the posts above it.
   */
  isItem(el: Element): boolean {
    const known = this.items.get(el);
    if (known !== undefined) return known;
    const kind = this.kinds.get(el);
    const item =
      kind !== undefined
        ? kind !== null
        : isCandidate(el) && (this.closest(el.parentElement) === null || this.kindOf(el) !== null);
    this.items.set(el, item);
    return item;
  }

  /** The innermost item containing `el` (itself included), or null. */
  closest(el: Element | null): Element | null {
    for (let at = el?.closest(CANDIDATE) ?? null; at; at = at.parentElement?.closest(CANDIDATE) ?? null) {
      if (this.isItem(at)) return at;
    }
    return null;
  }

  /**
   * Descendants of `item` matching `selector`, nested items' included, in document order.
   * The browser matches them (one query per selector and item in a pass): handing every
   * element to script costs more than matching it.
   */
  within(item: Element, selector: string): readonly Element[] {
    let bySelector = this.matching.get(item);
    if (!bySelector) {
      bySelector = new Map();
      this.matching.set(item, bySelector);
    }
    let found = bySelector.get(selector);
    if (!found) {
      const tags = tagsOf(selector);
      if (selector === 'a[href]') {
        // An a[href] is an a with an href; the links are listed anyway.
        found = this.within(item, 'a').filter((el) => el.hasAttribute('href'));
      } else if (tags) {
        // A list of tag names costs a pass over the item per tag; one tag alone, much less.
        found = [];
        for (const tag of tags) found = mergeInOrder(found, Array.from(item.querySelectorAll(tag)));
      } else {
        found = Array.from(item.querySelectorAll(selector));
      }
      bySelector.set(selector, found);
    }
    return found;
  }

  /** The items inside `item`, at any depth, in document order. */
  nestedItems(item: Element): readonly Element[] {
    let nested = this.nested.get(item);
    if (!nested) {
      nested = this.within(item, CANDIDATE).filter((el) => this.isItem(el));
      this.nested.set(item, nested);
    }
    return nested;
  }

  /**
   * The descendants of `item` that belong to it, not to a nested comment; null when all of
   * them do (no item inside). Walks the item's own part only, and once: a post with hundreds
   * of comments is not searched through all of them for each of its parts.
   */
  private ownSet(item: Element): ReadonlySet<Element> | null {
    const known = this.owned.get(item);
    if (known !== undefined) return known;
    const nested = this.nestedItems(item);
    let own: Set<Element> | null = null;
    if (nested.length > 0) {
      const found = new Set<Element>();
      const stops = new Set(nested);
      const walk = (el: Element): void => {
        for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
          if (stops.has(child)) continue;
          found.add(child);
          walk(child);
        }
      };
      walk(item);
      own = found;
    }
    this.owned.set(item, own);
    return own;
  }

  /** Whether `el` belongs to `item` (`closest(el) === item`). */
  belongs(item: Element, el: Element): boolean {
    if (el === item || !item.contains(el)) return this.closest(el) === item;
    return this.ownSet(item)?.has(el) ?? true;
  }

  /**
   * Descendants of `item` matching `selector` that belong to it, not to a nested comment, in
   * document order.
   */
  own(item: Element, selector: string): readonly Element[] {
    let bySelector = this.ownMatching.get(item);
    if (!bySelector) {
      bySelector = new Map();
      this.ownMatching.set(item, bySelector);
    }
    let found = bySelector.get(selector);
    if (!found) {
      const own = this.ownSet(item);
      const all = this.within(item, selector);
      found = own ? all.filter((el) => own.has(el)) : all;
      bySelector.set(selector, found);
    }
    return found;
  }


  /**
   * `el.querySelectorAll(selector)` for `el` inside `item`, from the item's list when it is
   * short (an item's list is made once per pass, a query on `el` each time).
   */
  inside(item: Element, el: Element, selector: string): readonly Element[] {
    if (el === item) return this.within(item, selector);
    const all = this.within(item, selector);
    if (all.length > LONG || !item.contains(el)) return Array.from(el.querySelectorAll(selector));
    return all.filter((inner) => inner !== el && el.contains(inner));
  }

  /**
   * `el.closest(FORM) !== null`, once per element in a pass. The browser walks the ancestors:
   * a walk in script would hand each of them to script, and each stays wrapped for as long
   * as the page keeps it.
   */
  inForm(el: Element): boolean {
    let known = this.forms.get(el);
    if (known === undefined) {
      known = el.closest(FORM) !== null;
      this.forms.set(el, known);
    }
    return known;
  }

  /** Whether `el` holds a comment box or a list or an item, once per element in a pass. */
  holdsBlock(item: Element, el: Element): boolean {
    let known = this.blocks.get(el);
    if (known === undefined) {
      known = el.querySelector(FORM) !== null || el.querySelector(LIST) !== null || this.holdsItem(item, el);
      this.blocks.set(el, known);
    }
    return known;
  }

  /** Whether `el` holds an item (a nested comment), for `el` inside `item` (or `item` itself). */
  holdsItem(item: Element, el: Element): boolean {
    const nested = this.nestedItems(item);
    if (nested.length === 0) return false;
    if (nested.length > SHORT) return Array.from(el.querySelectorAll(CANDIDATE)).some((inner) => this.isItem(inner));
    return nested.some((inner) => inner !== el && el.contains(inner));
  }


  /** Own text blocks and messages, outermost only. */
  textRoots(item: Element): readonly Element[] {
    const known = this.roots.get(item);
    if (known) return known;
    // In document order an element comes after the ones around it, and the outermost blocks
    // do not overlap: a block is nested when the last outermost one holds it.
    const found: Element[] = [];
    for (const el of this.own(item, TEXT)) {
      const last = found[found.length - 1];
      if (!last?.contains(el)) found.push(el);
    }
    this.roots.set(item, found);
    return found;
  }

  /** A link's href, read once per pass. */
  private link(href: string): FacebookLink {
    let link = this.links.get(href);
    if (!link) {
      link = new FacebookLink(href);
      this.links.set(href, link);
    }
    return link;
  }

  /** `parsePostUrl(href)` */
  postUrl(href: string): FacebookPostRef | null {
    return this.link(href).post();
  }

  /** `parseProfileUrl(href)` */
  profileUrl(href: string): string | null {
    return this.link(href).profile();
  }

  /** `cleanFacebookUrl(href)?.startsWith(prefix) === true` */
  cleanUrlStartsWith(href: string, prefix: string): boolean {
    return this.link(href).cleanStartsWith(prefix);
  }

  private classify(el: Element): ItemKind | null {
    if (!isCandidate(el)) return null;
    const isArticle = el.matches(ARTICLE);
    const parent = this.closest(el.parentElement);
    if (!isArticle) return 'post';
    const labelled = squash(el.getAttribute('aria-label') ?? '') !== '';
    const list = el.parentElement?.closest(LIST) ?? null;
    const inList = list !== null && (parent === null || parent.contains(list));
    if (parent) {
      // A list-positioned article inside a post wrapper is the same post marked twice.
      if (el.hasAttribute('aria-posinset')) return null;
      return labelled || inList || hasCommentLink(this, el) ? 'comment' : null;
    }
    return (labelled && inList) || hasCommentLink(this, el) ? 'comment' : 'post';
  }
}

/**
 * Whether the article's own links (outside its text and any nested article) include a comment
 * link. Skips nested articles and the lists that hold them, so a post with many comments is
 * cheap to classify; a comment's own action row (a list of controls) is still looked at.
 */
function hasCommentLink(items: Items, article: Element): boolean {
  const walk = (el: Element): boolean => {
    for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
      if (isCandidate(child) || matchesFast(child, TEXT)) continue;
      if (matchesFast(child, LIST) && child.querySelector(CANDIDATE)) continue;
      if (matchesFast(child, 'a[href]')) {
        const href = child.getAttribute('href') ?? '';
        if (!items.profileUrl(href) && items.postUrl(href)?.commentId) return true;
      }
      if (walk(child)) return true;
    }
    return false;
  };
  return walk(article);
}

/** Every post and comment under `root`, in document order, `root` first if it is one. */
export function findPostElements(root: ParentNode): Element[] {
  try {
    const items = new Items();
    const found: Element[] = [];
    if (isElement(root) && root.matches(CANDIDATE)) found.push(root);
    found.push(...Array.from(root.querySelectorAll(CANDIDATE)));
    return found.filter((el) => items.isItem(el));
  } catch {
    return [];
  }
}

/** The innermost post or comment containing `node` (an element or a text node), or null. */
export function closestPostElement(node: Node): Element | null {
  try {
    return new Items().closest(isElement(node) ? node : node.parentElement);
  } catch {
    return null;
  }
}

/** Whether `element` is a post, a comment, or neither (null). */
export function itemKind(element: Element): ItemKind | null {
  try {
    return new Items().kindOf(element);
  } catch {
    return null;
  }
}

// --- Reading the parts of one item --------------------------------------------------------------

interface Parts {
  items: Items;
  item: Element;
  kind: ItemKind;
  authorHandle: string;
  /** The author's name link (the first of theirs with text), for the name and the badge. */
  nameLink: Element;
  authorName: string;
  /** The header: the largest block around the name that holds none of the body (posts only). */
  header: Element | null;
  /** The timestamp link, which is the permalink once Facebook has filled its href in. */
  timeLink: Element | null;
  /** A post shared into this one, set apart so its id, author and text are never taken. */
  shared: Element | null;
  inText(node: Node): boolean;
}

function profileKey(items: Items, link: Element): string | null {
  return items.profileUrl(link.getAttribute('href') ?? '');
}

/**
 * The element with this id inside `root`: the document's first one when it is inside `root`
 * (then no other comes before it there), else found with a query.
 */
function byId(root: Element, id: string): Element | null {
  const first = root.ownerDocument?.getElementById(id) ?? null;
  if (first && first !== root && root.contains(first)) return first;
  return root.querySelector(`[id="${id.replace(/["\\]/g, '\\$&')}"]`);
}

/** The elements the item names as its own title (`aria-labelledby`), inside the item. */
function labelledTitles(item: Element): Element[] {
  const ids = (item.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => byId(item, id)).filter((el): el is Element => el !== null);
}

function findAuthorLink(items: Items, item: Element, texts: readonly Element[], outside: (node: Node) => boolean): Element | null {
  const isAuthor = (link: Element) => items.belongs(item, link) && !outside(link) && profileKey(items, link) !== null;
  const linksIn = (el: Element) => (matchesFast(el, 'a[href]') ? [el] : items.inside(item, el, 'a[href]'));
  // The title the item names, then its own headings, each with the header around it: context
  // lines such as "Bob commented on this" come before the header but outside it. A heading
  // after the item's own text belongs to a shared post. The headings are only looked for
  // when the named title has no author link.
  const isTitle = (title: Element) =>
    items.belongs(item, title) &&
    !outside(title) &&
    !texts.some((text) => (text.compareDocumentPosition(title) & FOLLOWING) !== 0);
  for (const titles of [() => labelledTitles(item), () => items.own(item, TITLE)]) {
    for (const title of titles()) {
      if (!isTitle(title)) continue;
      const link = linksIn(headerAround(items, item, title, texts) ?? title).find(isAuthor);
      if (link) return link;
    }
  }
  return items.own(item, 'a[href]').find(isAuthor) ?? null;
}

/** Whether `link` can be the timestamp link: a post or comment link, an ad link, or one not filled in yet. */
function isTimeCandidate(items: Items, item: Element, link: Element): boolean {
  if (link.querySelector(EXACT_TIME)) return true;
  if (isPendingHref(link)) return true;
  const href = link.getAttribute('href') ?? '';
  if (items.profileUrl(href)) return false;
  return items.postUrl(href) !== null || isAdLink(items, link);
}

function isAdLink(items: Items, link: Element): boolean {
  const href = link.getAttribute('href') ?? '';
  return S.adPaths.some((path) => items.cleanUrlStartsWith(href, `${S.canonicalOrigin}${path}`));
}

/** What the badge needs of an item, and the start of reading it. */
interface Author {
  kind: ItemKind;
  texts: readonly Element[];
  inText(node: Node): boolean;
  authorLink: Element;
  authorHandle: string;
  nameLink: Element;
  /** `squash(visibleText(nameLink))` */
  nameText: string;
  /** The item's own links outside its text and its comment box. */
  ownLinks: readonly Element[];
}

function readAuthor(items: Items, item: Element): Author | null {
  const kind = items.kindOf(item);
  if (!kind) return null;
  const texts = items.textRoots(item);
  const inForm = (node: Node) => {
    const el = isElement(node) ? node : node.parentElement;
    return el !== null && items.inForm(el);
  };
  const inText = (node: Node) => texts.some((text) => text.contains(node));
  const outside = (node: Node) => inText(node) || inForm(node);

  const authorLink = findAuthorLink(items, item, texts, outside);
  if (!authorLink) return null;
  const authorHandle = profileKey(items, authorLink);
  if (!authorHandle) return null;
  const ownLinks = items.own(item, 'a').filter((link) => !outside(link));
  let nameText = '';
  const named = ownLinks.find((link) => {
    if (profileKey(items, link) !== authorHandle) return false;
    nameText = shownText(link);
    return nameText !== '';
  });
  const nameLink = named ?? authorLink;
  if (!named) nameText = shownText(authorLink);
  return { kind, texts, inText, authorLink, authorHandle, nameLink, nameText, ownLinks };
}

function analyse(items: Items, item: Element): Parts | null {
  const author = readAuthor(items, item);
  if (!author) return null;
  const { kind, texts, inText, authorLink, authorHandle, nameLink, nameText, ownLinks } = author;
  const authorName = nameText || squash(authorLink.getAttribute('aria-label') ?? '');

  let header: Element | null = null;
  let timeLink: Element | null = null;
  if (kind === 'post') {
    header = headerAround(items, item, nameLink, texts);
    timeLink = header ? (ownLinks.find((link) => header?.contains(link) && link !== nameLink && isTimeCandidate(items, item, link)) ?? null) : null;
  } else {
    // A comment's time sits in its action row, below its text.
    timeLink =
      ownLinks.find((link) => {
        if (link.querySelector(EXACT_TIME) || isPendingHref(link)) return true;
        const href = link.getAttribute('href') ?? '';
        return !items.profileUrl(href) && items.postUrl(href)?.commentId != null;
      }) ?? null;
  }
  const shared = kind === 'post' && header ? sharedBlock(items, item, header, ownLinks, texts, timeLink) : null;
  return { items, item, kind, authorHandle, nameLink, authorName, header, timeLink, shared, inText };
}

/** The largest ancestor of `start` (the name or title), inside the item, that holds none of the item's body. */
function headerAround(items: Items, item: Element, start: Element, texts: readonly Element[]): Element | null {
  // Holding some of the body is true of an element's ancestors when true of it: find the first
  // ancestor holding text, then look for the rest in the one below it first (one query each
  // for the whole chain when, as usual, it holds none).
  const chain: Element[] = [];
  for (let el = start.parentElement; el && el !== item; el = el.parentElement) {
    if (texts.some((text) => el.contains(text) && !text.contains(start))) break;
    chain.push(el);
  }
  const holdsBody = (el: Element) => items.holdsBlock(item, el);
  const top = chain[chain.length - 1];
  if (top === undefined || !holdsBody(top)) return top ?? null;
  let header: Element | null = null;
  for (const el of chain) {
    if (holdsBody(el)) break;
    header = el;
  }
  return header;
}

/**
 * A post shared into this one: starts at the first own post link or heading outside the header
 * and the text, grown to the largest block that holds neither the own header nor the own text
 * before it.
 */
function sharedBlock(
  items: Items,
  item: Element,
  header: Element,
  ownLinks: readonly Element[],
  texts: readonly Element[],
  timeLink: Element | null,
): Element | null {
  const own = timeLink ? items.postUrl(timeLink.getAttribute('href') ?? '')?.postId : null;
  const starts = [
    ...ownLinks.filter((link) => {
      if (header.contains(link)) return false;
      const href = link.getAttribute('href') ?? '';
      const ref = items.postUrl(href);
      return ref?.postId != null && ref.commentId === null && ref.postId !== own && !items.profileUrl(href);
    }),
    ...items
      .own(item, TITLE)
      .filter((title) => !header.contains(title) && !texts.some((text) => text.contains(title)) && title.querySelector('a[href]')),
  ];
  const start = starts.sort((a, b) => ((a.compareDocumentPosition(b) & PRECEDING) !== 0 ? 1 : -1))[0];
  if (!start) return null;
  let root: Element = start;
  for (let parent = root.parentElement; parent && parent !== item; parent = parent.parentElement) {
    if (parent.contains(header) || parent.querySelector(FORM) || parent.querySelector(LIST)) break;
    const textBefore = texts.some(
      (text) => parent.contains(text) && !root.contains(text) && (text.compareDocumentPosition(start) & PRECEDING) === 0,
    );
    if (textBefore) break;
    root = parent;
  }
  // A shared post has an author; a block with none is the post's own media.
  const author = (matchesFast(root, 'a[href]') ? [root] : Array.from(root.querySelectorAll('a[href]'))).some(
    (link) => profileKey(items, link) !== null && !texts.some((text) => text.contains(link) && !root.contains(text)),
  );
  return author ? root : null;
}

// --- Text -------------------------------------------------------------------------------------

/** Text as shown: text nodes (white space collapsed) plus emoji `<img alt>`; `<br>` as `\n`. */
function visibleText(root: Element): string {
  let out = '';
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === TEXT_NODE) {
        out += (child.nodeValue ?? '').replace(/\s+/g, ' ');
      } else if (isElement(child)) {
        const tag = child.tagName.toLowerCase();
        if (tag === 'img') out += child.getAttribute('alt') ?? '';
        else if (tag === 'br') out += '\n';
        // "See more" and other controls are not the author's words.
        else if (matchesFast(child, INLINE_BUTTON)) continue;
        else if (tag !== 'script' && tag !== 'style' && tag !== 'template') walk(child);
      }
    }
  };
  walk(root);
  return out;
}

/** `squash(visibleText(el))`, without walking an element with no text and no image (an avatar). */
function shownText(el: Element): string {
  if (!/\S/.test(el.textContent ?? '') && el.querySelector('img') === null) return '';
  return squash(visibleText(el));
}

function blockText(block: Element): string {
  return visibleText(block)
    .split('\n')
    .map((line) => line.replace(/ +/g, ' ').trim())
    .join('\n')
    .trim();
}

/** Descendants of `block` matching `selector` that no other such descendant holds, in document order. */
function outermost(block: Element, selector: string): Element[] {
  const found: Element[] = [];
  for (const el of Array.from(block.querySelectorAll(selector))) {
    const last = found[found.length - 1];
    if (!last?.contains(el)) found.push(el);
  }
  return found;
}

function readText(parts: Parts): string {
  const { items, item, header, shared } = parts;
  const mine = (el: Element) => !header?.contains(el) && !shared?.contains(el) && !items.inForm(el);
  const roots = items.textRoots(item).filter(mine);
  const messages = roots.filter((el) => matchesFast(el, MESSAGE));
  const chosen = messages.length > 0 ? messages : roots;
  const lines: string[] = [];
  for (const block of chosen) {
    // A message holds one div[dir=auto] per paragraph; read them as lines.
    const paragraphs = matchesFast(block, MESSAGE) ? outermost(block, TEXT_BLOCK) : [];
    for (const paragraph of paragraphs.length > 0 ? paragraphs : [block]) {
      const text = blockText(paragraph);
      if (text) lines.push(text);
    }
  }
  return lines.join('\n');
}

// --- Time ---------------------------------------------------------------------------------------

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Relative labels: count → unit. English, Japanese and French interfaces (2018–2026). */
const RELATIVE: { pattern: RegExp; unit: number | 'year' }[] = [
  { pattern: /^(\d+)\s*(?:m|min|mins|minute|minutes)$/i, unit: MINUTE },
  { pattern: /^(\d+)\s*(?:h|hr|hrs|hour|hours)$/i, unit: HOUR },
  { pattern: /^(\d+)\s*(?:d|day|days|j)$/i, unit: DAY },
  { pattern: /^(\d+)\s*(?:w|wk|wks|week|weeks|sem)$/i, unit: WEEK },
  { pattern: /^(\d+)\s*(?:y|yr|yrs|year|years|an|ans)$/i, unit: 'year' },
  { pattern: /^(\d+)\s*分(?:前)?$/, unit: MINUTE },
  { pattern: /^(\d+)\s*時間(?:前)?$/, unit: HOUR },
  { pattern: /^(\d+)\s*日(?:前)?$/, unit: DAY },
  { pattern: /^(\d+)\s*週間(?:前)?$/, unit: WEEK },
  { pattern: /^(\d+)\s*年(?:前)?$/, unit: 'year' },
];
const JUST_NOW = ['just now', 'now', 'たった今', "à l'instant", 'à l’instant'];
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function clampToNow(date: Date, now: Date): string | null {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return null;
  return new Date(Math.min(ms, now.getTime())).toISOString();
}

function hour24(hour: number, meridiem: string | undefined): number {
  if (!meridiem) return hour;
  const pm = meridiem.toLowerCase() === 'pm';
  return (hour % 12) + (pm ? 12 : 0);
}

/**
 * A date and time as the page shows it, in the viewer's local time. Without a year it is the
 * latest such date not after `now`. The result is the last moment the label covers (the end
 * of its minute, or of its day when no time is shown), so a wait is never overstated.
 */
function absoluteTime(
  now: Date,
  year: number | null,
  month: number,
  day: number,
  time: { hour: number; minute: number } | null,
): string | null {
  if (month < 0 || month > 11 || day < 1 || day > 31) return null;
  if (time && (time.hour > 23 || time.minute > 59)) return null;
  const at = (y: number) =>
    time ? new Date(y, month, day, time.hour, time.minute, 59) : new Date(y, month, day, 23, 59, 59);
  let date = at(year ?? now.getFullYear());
  if (date.getDate() !== day) return null; // 31 November
  if (year === null && date.getTime() > now.getTime() + DAY) date = at(now.getFullYear() - 1);
  return clampToNow(date, now);
}

/**
 * When a post was made, from the label of its timestamp link: "Just now", "5m", "2 hrs", "3d",
 * "1w", "5分", "2時間", "Yesterday at 10:15 AM", "November 3 at 10:15 AM", "11月3日 10:15".
 * A relative label maps to the latest moment it allows (`now` − N units: "5m" is shown from
 * five to six minutes after posting), so a response timer never overstates the wait. Null for
 * anything else.
 */
export function parseTimestampText(label: string, now: Date): string | null {
  const text = squash(label).replace(/\s*(?:ago|前)$/i, '').replace(/^il y a\s+/i, '');
  if (!text || Number.isNaN(now.getTime())) return null;
  if (JUST_NOW.includes(text.toLowerCase())) return now.toISOString();
  for (const { pattern, unit } of RELATIVE) {
    const match = pattern.exec(text);
    if (!match?.[1]) continue;
    const count = Number(match[1]);
    if (unit === 'year') {
      const date = new Date(now.getTime());
      date.setFullYear(date.getFullYear() - count);
      return clampToNow(date, now);
    }
    return clampToNow(new Date(now.getTime() - count * unit), now);
  }
  const yesterday = /^(?:yesterday at|昨日)\s*(\d{1,2}):(\d{2})\s*(am|pm)?$/i.exec(text);
  if (yesterday?.[1] && yesterday[2]) {
    const day = new Date(now.getTime() - DAY);
    const hour = hour24(Number(yesterday[1]), yesterday[3]);
    return absoluteTime(now, day.getFullYear(), day.getMonth(), day.getDate(), { hour, minute: Number(yesterday[2]) });
  }
  const english = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:,\s*(\d{4}))?(?:\s+at\s+(\d{1,2}):(\d{2})\s*(am|pm)?)?$/i.exec(text);
  if (english?.[1] && english[2]) {
    const name = english[1].toLowerCase();
    const month = MONTHS.findIndex((full) => full === name || (name.length >= 3 && full.startsWith(name) && name.length <= 4));
    if (month < 0) return null;
    const time = english[4] && english[5] ? { hour: hour24(Number(english[4]), english[6]), minute: Number(english[5]) } : null;
    return absoluteTime(now, english[3] ? Number(english[3]) : null, month, Number(english[2]), time);
  }
  const japanese = /^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日\s*(?:(\d{1,2}):(\d{2}))?$/.exec(text);
  if (japanese?.[2] && japanese[3]) {
    const time = japanese[4] && japanese[5] ? { hour: Number(japanese[4]), minute: Number(japanese[5]) } : null;
    return absoluteTime(now, japanese[1] ? Number(japanese[1]) : null, Number(japanese[2]) - 1, Number(japanese[3]), time);
  }
  return null;
}

function exactTime(el: Element): string | null {
  const datetime = el.getAttribute('datetime');
  if (datetime !== null) {
    const ms = Date.parse(datetime);
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
  }
  const utime = el.getAttribute('data-utime');
  if (utime !== null && /^\d{1,12}$/.test(utime)) return new Date(Number(utime) * 1000).toISOString();
  return null;
}

/**
 * `items.own(item, selector)` inside `within` (itself included), or all of them when `within`
 * is null: looked for in `within` alone, a smaller part of the page than the item.
 */
function ownIn(items: Items, item: Element, within: Element | null, selector: string): readonly Element[] {
  if (within === null || within === item || !item.contains(within)) {
    return items.own(item, selector).filter((el) => within === null || within.contains(el));
  }
  const found = Array.from(within.querySelectorAll(selector));
  if (within.matches(selector)) found.unshift(within);
  return found.filter((el) => items.belongs(item, el));
}

function readTime(parts: Parts, now: Date): string | null {
  const { items, item, timeLink, header, shared } = parts;
  // Exact sources first: in the timestamp link, then anywhere in the own header / action row.
  const exact = [
    ...(timeLink ? Array.from(timeLink.querySelectorAll(EXACT_TIME)) : []),
    ...ownIn(items, item, header, EXACT_TIME).filter((el) => !parts.inText(el) && !shared?.contains(el)),
  ];
  for (const el of exact) {
    const iso = exactTime(el);
    if (iso) return iso;
  }
  if (!timeLink) return null;
  for (const label of [timeLink.getAttribute('aria-label'), visibleText(timeLink)]) {
    const iso = label ? parseTimestampText(label, now) : null;
    if (iso) return iso;
  }
  return null;
}

// --- Ids, sponsored, shared -------------------------------------------------------------------

function isPromoted(parts: Parts): boolean {
  const { header, timeLink } = parts;
  if (!header) return false;
  // The "Sponsored" label: a link to /ads/ in the header (2021–2025), or the timestamp slot
  // naming its label by aria-labelledby to a hidden element instead of showing a time
  // (2022–2025, the obfuscated "Sponsored").
  for (const link of parts.items.inside(parts.item, header, 'a[href]')) if (isAdLink(parts.items, link)) return true;
  const slot = timeLink ? [timeLink, ...Array.from(timeLink.querySelectorAll('[aria-labelledby]'))] : [];
  for (const el of slot) {
    const ids = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
    // The hidden label lives outside the post, where no reader of the post's markup sees it.
    if (ids.length > 0 && ids.every((id) => byId(parts.item, id) === null)) return true;
  }
  return false;
}

function refOf(items: Items, link: Element | null): FacebookPostRef | null {
  if (!link || isPendingHref(link)) return null;
  return items.postUrl(link.getAttribute('href') ?? '');
}

function readQuoted(parts: Parts): ParsedPost['quoted'] {
  const { items, shared, inText } = parts;
  if (!shared) return null;
  let postId: string | null = null;
  let authorHandle: string | null = null;
  const links = shared.matches('a') ? [shared] : Array.from(shared.querySelectorAll('a'));
  for (const link of links) {
    const href = link.getAttribute('href') ?? '';
    const person = items.profileUrl(href);
    if (person) {
      if (!inText(link)) authorHandle ??= person;
      continue;
    }
    const ref = items.postUrl(href);
    if (ref?.postId && ref.commentId === null) postId ??= ref.postId;
  }
  return postId || authorHandle ? { postId, authorHandle } : null;
}

/** The id and permalink of the post an item belongs to (for a comment: its enclosing post). */
function enclosingPost(items: Items, comment: Element, now: Date): { postId: string; permalink: string } | null {
  for (let at = items.closest(comment.parentElement); at; at = items.closest(at.parentElement)) {
    if (items.kindOf(at) !== 'post') continue;
    const post = readItem(items, at, now);
    return post ? { postId: post.postId, permalink: post.permalink } : null;
  }
  return null;
}

function withCommentQuery(permalink: string, commentId: string, replyId: string | null): string {
  const query = `comment_id=${commentId}${replyId ? `&reply_comment_id=${replyId}` : ''}`;
  return `${permalink}${permalink.includes('?') ? '&' : '?'}${query}`;
}

function readItem(items: Items, item: Element, now: Date): ParsedPost | null {
  const parts = analyse(items, item);
  return parts && postFrom(items, item, parts, now);
}

function postFrom(items: Items, item: Element, parts: Parts, now: Date): ParsedPost | null {
  const base = {
    platform: 'facebook' as const,
    authorHandle: parts.authorHandle,
    authorName: parts.authorName,
    text: readText(parts),
    postedAt: readTime(parts, now),
    repostedBy: null,
  };
  const ref = refOf(items, parts.timeLink);

  if (parts.kind === 'comment') {
    const commentId = ref?.replyCommentId ?? ref?.commentId;
    if (!ref || !commentId) return null;
    let parentPostId = ref.postId;
    let permalink = ref.url;
    if (!ref.isPermalink) {
      // The link names the comment but is not the post's page: build the link on the post's own.
      const parent = enclosingPost(items, item, now);
      if (parent && (parentPostId === null || parentPostId === parent.postId)) {
        parentPostId = parent.postId;
        permalink = withCommentQuery(parent.permalink, ref.commentId ?? commentId, ref.replyCommentId);
      }
    }
    if (!parentPostId) return null;
    const postId = `${parentPostId}_${commentId}`;
    if (postId.length > MAX_POST_ID) return null;
    return { ...base, kind: 'comment', postId, parentPostId, permalink, promoted: false, quoted: null };
  }

  const promoted = isPromoted(parts);
  let own = ref?.postId && ref.commentId === null ? ref : null;
  if (!own && promoted && (!parts.timeLink || !isPendingHref(parts.timeLink))) {
    // An ad's time slot is its "Sponsored" label; its own media links still carry its id.
    own =
      items
        .own(item, 'a[href]')
        .filter((link) => !parts.inText(link) && !parts.shared?.contains(link))
        .map((link) => items.postUrl(link.getAttribute('href') ?? ''))
        .find((found) => found?.postId && found.commentId === null) ?? null;
  }
  if (!own?.postId || own.postId.length > MAX_POST_ID) return null;
  return {
    ...base,
    kind: 'post',
    postId: own.postId,
    parentPostId: null,
    permalink: own.url,
    promoted,
    quoted: readQuoted(parts),
  };
}

/** Reads one post or comment as of `now` (relative times are counted back from it). */
export function parsePostAt(element: Element, now: Date): ParsedPost | null {
  try {
    return readItem(new Items(), element, now);
  } catch {
    return null;
  }
}

/**
 * The item's own time link when Facebook has not given it an `href` yet. Facebook fills
 * the link in when the pointer enters it; until then the item has no id to key.
 */
export function pendingPermalink(element: Element): Element | null {
  try {
    const parts = analyse(new Items(), element);
    return parts?.timeLink && isPendingHref(parts.timeLink) ? parts.timeLink : null;
  } catch {
    return null;
  }
}

/** Reads one post or comment; null (never an exception) when it is not one we can key. */
export function parsePost(element: Element): ParsedPost | null {
  return parsePostAt(element, new Date());
}

/** {@link parsePost} and {@link overlayAnchor} from one look at the item's parts. */
export function readPost(element: Element): PostReading | null {
  try {
    const items = new Items();
    const parts = analyse(items, element);
    const post = parts && postFrom(items, element, parts, new Date());
    return post ? { post, anchor: () => anchorAfter(parts.nameLink, element) } : null;
  } catch {
    return null;
  }
}

// --- Badge placement ----------------------------------------------------------------------------

/**
 * Where the fixed-size inline badge goes: right after the author's name link, in the item's own
 * header line (a comment's name line), never inside a nested comment or a shared post.
 */
export function overlayAnchor(element: Element): OverlayAnchor | null {
  try {
    const author = readAuthor(new Items(), element);
    return author ? anchorAfter(author.nameLink, element) : null;
  } catch {
    return null;
  }
}

function anchorAfter(nameLink: Element, element: Element): OverlayAnchor | null {
  const parent = nameLink.parentElement;
  if (!parent || !element.contains(parent)) return null;
  return { parent, before: nameLink.nextSibling };
}
