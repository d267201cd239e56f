/**
 * Every selector and markup assumption Kotae makes about x.com, in one place.
 *
 * Each entry is a list of fallbacks, newest or most reliable first, each with the period it was
 * seen in. When X changes its markup the fix is one line here, and a variant nobody has seen
 * for a year can be dropped. No `:has()`: test DOMs and older browsers lack it, so the logic
 * that would need it lives in parse.ts.
 */

/** Joins a fallback list into one selector for `querySelectorAll`, `matches` and `closest`. */
export function anyOf(variants: readonly string[]): string {
  return variants.join(', ');
}

// --- Page structure -------------------------------------------------------------------------

// main column of every page (2019–2026)
export const primaryColumn = ['[data-testid="primaryColumn"]'];

// virtualised list cell; absolutely positioned with translateY and recycled (2019–2026)
export const timelineCell = ['div[data-testid="cellInnerDiv"]'];

// --- Post ------------------------------------------------------------------------------------

// post root: article with data-testid (2019–2026). Before 2019 the testid sat on an inner
// div; that markup is gone and would match twice, so it is not listed.
export const postRoot = ['article[data-testid="tweet"]'];

// the focused post on a post page is the one that is not keyboard-tabbable (2021–2026)
export const focusedPost = ['article[data-testid="tweet"][tabindex="-1"]'];

// author block: display-name link, then @handle link, then (in timelines) the time link; a
// quoted post carries a second one (2020–2026)
export const userName = ['[data-testid="User-Name"]'];

// avatar container, suffixed with the author's handle (2021–2026)
export const avatarContainerPrefix = 'UserAvatar-Container-';
export const avatarContainer = ['[data-testid^="UserAvatar-Container-"]'];
// avatar column of a post (2022–2026): marks where the header ends and the body begins
export const postAvatar = ['[data-testid="Tweet-User-Avatar"]'];

// the post's own time; the <a> around it is the permalink (2019–2026)
export const postTime = ['time[datetime]'];

// post text, a div[lang]; emoji are <img alt> inside it (2019–2026)
export const postText = ['[data-testid="tweetText"]'];

// "X reposted" / "Pinned" line above the header; reposts wrap or contain a link to the
// reposter's profile, "Pinned" has no link (2020–2026)
export const socialContext = ['[data-testid="socialContext"]'];

// quoted post container:
// - a div[role=link] card that contains a User-Name block (2021–2026, current)
// - an explicit testid (seen 2023–2024 in some builds)
// A bare div[role=link] is also used for the verified-org badge *inside* a User-Name, so
// parse.ts only treats a candidate as a quote when it contains a User-Name block.
export const quoteContainer = ['div[role="link"]', '[data-testid="quoteTweet"]'];

// paid placement: the tracking div wraps the whole promoted article (2022–2026). A
// placementTracking div *inside* an organic post wraps its video player, which is not an ad.
export const placementTracking = ['[data-testid="placementTracking"]'];
// video player inside an organic post's placementTracking (2022–2026)
export const videoPlayer = ['[data-testid="videoPlayer"]', '[data-testid="videoComponent"]', 'video'];

// label shown instead of the time on promoted posts: "Ad" (2023–2026), "Promoted" (2019–2023),
// and the Japanese interface's words. Matched exactly, on short spans outside the post text.
export const promotedLabels = ['Ad', 'Promoted', '広告', 'プロモーション'];
export const promotedLabelHost = ['span'];

// link preview card and poll: their titles are page text, never labels (2021–2026)
export const embeddedCard = ['[data-testid="card.wrapper"]', '[data-testid="cardPoll"]'];

// --- Layout (for the badge) ------------------------------------------------------------------

// React Native for Web's atomic class for `flex-direction: row`; the header row around the
// User-Name block has it, so a fixed-height inline badge there sits beside the name without
// adding a line (2019–2026)
export const flexRow = ['.r-18u37iz'];

// --- Actions and composer (used by reply features) -------------------------------------------

// action bar buttons (2019–2026)
export const replyButton = ['[data-testid="reply"]'];
export const repostButton = ['[data-testid="retweet"]', '[data-testid="unretweet"]'];
export const likeButton = ['[data-testid="like"]', '[data-testid="unlike"]'];
export const bookmarkButton = ['[data-testid="bookmark"]', '[data-testid="removeBookmark"]'];
export const postMenuButton = ['[data-testid="caret"]'];

// reply/post composer: a Draft.js editor (2020–2026)
export const composer = [
  'div[data-testid="tweetTextarea_0"]',
  '.public-DraftEditor-content[contenteditable="true"][role="textbox"]',
];
// send buttons: inline reply, and the modal composer's, looked up inside its dialog (2020–2026)
export const sendButtonInline = ['[data-testid="tweetButtonInline"]'];
export const sendButtonModal = ['[data-testid="tweetButton"]'];
// the reply dialog (route /compose/post) (2020–2026)
export const composerDialog = ['[role="dialog"]'];

// --- URLs -------------------------------------------------------------------------------------

// hosts that serve x.com pages; twitter.com redirects to x.com (2023–2026)
export const hosts = [
  'x.com',
  'www.x.com',
  'mobile.x.com',
  'twitter.com',
  'www.twitter.com',
  'mobile.twitter.com',
];

// canonical origin for the permalinks Kotae stores (2023–2026)
export const canonicalOrigin = 'https://x.com';

// path segment between handle and id: "status" (2006–2026), "statuses" in old links
export const statusSegments = ['status', 'statuses'];

// first path segments that are site routes, never handles (2019–2026)
export const reservedPaths = [
  'i',
  'home',
  'explore',
  'search',
  'notifications',
  'messages',
  'settings',
  'compose',
  'hashtag',
  'intent',
  'share',
];

// search results ("Top", "Latest", …): /search?q=… on every host above (2019–2026)
export const searchPaths = ['/search'];

// handles: [A-Za-z0-9_]{1,15}; some legacy ones are longer, so allow up to 50
export const handlePattern = /^[A-Za-z0-9_]{1,50}$/;

// post ids: signed 64-bit snowflakes written in decimal (2010–2026); older ids are shorter
export const postIdPattern = /^[1-9][0-9]{0,18}$/;
export const maxPostId = 9223372036854775807n;
