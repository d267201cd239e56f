/**
 * Every selector and markup assumption Kotae makes about facebook.com, in one place.
 *
 * Each entry is a list of fallbacks, newest or most reliable first, each with the period it was
 * seen in. Facebook's class names are atomic and regenerated with every build, so nothing here
 * names a class: only roles, aria attributes, data attributes, tags and URL shapes. No `:has()`
 * either (test DOMs and older browsers lack it); the logic that would need it lives in parse.ts.
 *
 * No real capture of modern facebook.com was at hand when this was written: the facts come from
 * shared/SITES.md, and periods not given there are estimates. Check them against the first real
 * capture (tests/fixtures/facebook/ holds hand-made pages only).
 */

/** Joins a fallback list into one selector for `querySelectorAll`, `matches` and `closest`. */
export function anyOf(variants: readonly string[]): string {
  return variants.join(', ');
}

// --- Page structure -------------------------------------------------------------------------

// the feed list on some pages: 2020–2022 home feed, group feeds, logged-out pages (2020–2026)
export const feed = ['[role="feed"]'];

// --- Posts and comments -----------------------------------------------------------------------

// post or comment as an article: posts in 2020–2022 feeds and on logged-out post pages,
// comments everywhere (2020–2026)
export const article = ['[role="article"]'];
// post wrapper of logged-in 2024–2025 pages (home feed, profile timeline): no role at all, but
// the list position and the ids of its title and body (2023–2025)
export const postWrapper = ['div[aria-posinset][aria-describedby][aria-labelledby]'];

// comment lists under a post and reply threads under a comment: a plain <ul> of <li> in
// 2020–2025 markup, a role=list in some 2024 builds
export const commentList = ['ul', '[role="list"]'];
export const commentListItem = ['li', '[role="listitem"]'];

// the title of a post header (author name line): h2/h3/h4 by page (2020–2025), strong in
// logged-out pages (2021–2025)
export const headerTitle = ['h2', 'h3', 'h4', 'strong'];

// post text: the ad-preview attributes mark the message of every post, ads or not (2020–2025)
export const postMessage = ['[data-ad-preview="message"]', '[data-ad-comet-preview="message"]'];
// paragraph blocks of text, posts and comments alike (2017–2026); names sit in span[dir=auto]
export const textBlock = ['div[dir="auto"]'];
// "See more" / "もっと見る" and other inline controls inside the text (2017–2026)
export const inlineButton = ['[role="button"]', 'button'];

// a link's href before Facebook fills it in on hover or focus: missing, empty or "#" (2021–2026);
// the timestamp link (the post's permalink) is the one that matters
export const pendingHrefs = ['', '#'];

// paid placement (2021–2025): the header's "Sponsored" slot links to /ads/ ("Why am I seeing
// this ad?"), or names its obfuscated label by aria-labelledby pointing at a hidden element
// outside the post; parse.ts checks both in the timestamp slot of the post's own header
export const adPaths = ['/ads/'];

// exact times: <time datetime> on some 2024–2025 pages, abbr with unix seconds before (–2020)
export const exactTime = ['time[datetime]', 'abbr[data-utime]'];

// --- Composer -----------------------------------------------------------------------------------

// the Lexical editor of comment, post, chat and question boxes alike (2022–2026); the fallback
// for builds that drop the data attribute
export const composer = [
  'div[contenteditable="true"][role="textbox"][data-lexical-editor="true"]',
  'div[contenteditable="true"][role="textbox"]',
];
// the comment form around the editor and its buttons (2020–2025)
export const composerForm = ['form', '[role="form"]'];
// the comment form's submit control: the fixed id of 2023–2025, a submit button in
// logged-out and older pages
export const composerSubmit = ['#focused-state-composer-submit', '[type="submit"]'];
// other controls in the comment form (emoji, photo, GIF, sticker, send) (2020–2025)
export const composerControl = ['[role="button"]', 'button'];
// Labels of Lexical boxes that are not comment boxes, for the one case structure cannot tell:
// the "Answer as …" box of a group question, which sits inside the question post
// (2023–2025; English and Japanese interfaces). Matched at the start of the label.
export const answerBoxLabels = ['Answer as', 'Answer…', 'Answer...', '回答'];

// --- URLs ---------------------------------------------------------------------------------------

// hosts that serve facebook.com pages (2015–2026); other subdomains (l., lm., business.) are
// link shims or other products
export const hosts = ['www.facebook.com', 'facebook.com', 'web.facebook.com', 'm.facebook.com'];

// canonical origin for the permalinks Kotae stores (2015–2026)
export const canonicalOrigin = 'https://www.facebook.com';

// tracking query parameters, removed before keying or storing a link (2018–2026); every
// parameter starting with "__" (__cft__[0], __tn__, __eep__, __xts__[0]) is tracking too
export const trackingParams = [
  'fbclid',
  'refid',
  'ref',
  'comment_tracking',
  'mibextid',
  'hc_ref',
  'hc_location',
  'fref',
  'pnref',
  'acontext',
  'notif_id',
  'notif_t',
  'rdid',
  'paipv',
  'eav',
  'sfnsn',
  'extid',
  'locale',
  'source',
  'dti',
  'app',
];

// first path segments that are site routes, never a person's or Page's vanity (2015–2026)
export const reservedPaths = [
  'ads',
  'bookmarks',
  'business',
  'dialog',
  'events',
  'friends',
  'fundraisers',
  'gaming',
  'groups',
  'hashtag',
  'help',
  'home.php',
  'l.php',
  'live',
  'login',
  'login.php',
  'marketplace',
  'me',
  'media',
  'memories',
  'messages',
  'messenger',
  'notifications',
  'pages',
  'people',
  'permalink.php',
  'photo',
  'photo.php',
  'photos',
  'places',
  'policies',
  'privacy',
  'profile.php',
  'reel',
  'reels',
  'saved',
  'search',
  'settings',
  'share',
  'sharer',
  'sharer.php',
  'stories',
  'story.php',
  'video',
  'videos',
  'watch',
];

// numeric ids (people, Pages, posts, comments): decimal, kept as strings (2004–2026)
export const numericId = /^[0-9]{1,30}$/;
// opaque post ids of 2022–2026 links: "pfbid" then base58-like letters and digits
export const pfbid = /^pfbid[0-9A-Za-z]{8,90}$/;
// vanity names of people and Pages: letters, digits and dots; keys are lower-cased (2009–2026)
export const vanity = /^[A-Za-z0-9.]{1,100}$/;
