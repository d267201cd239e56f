/**
 * Pure functions over facebook.com links: cleaning, and reading the post, comment or person a
 * link points at. No DOM and no `location`: relative links are read as paths of facebook.com.
 */
import * as S from './selectors';

/** What a post or comment link names. */
export interface FacebookPostRef {
  /** Numeric post id, or the opaque `pfbid…` when the link gives nothing numeric; null when the
   *  link names a comment but not its post (`?comment_id=` on a profile link). */
  postId: string | null;
  /** The comment the link points at (`comment_id`), if any. */
  commentId: string | null;
  /** The reply the link points at (`reply_comment_id`), if any. */
  replyCommentId: string | null;
  /** The link, absolute on www.facebook.com, tracking parameters removed. */
  url: string;
  /** Whether the link's path is the post's own page (false when the post id was only encoded in
   *  `comment_id`, or the link has no path): then `url` is not a permalink of the post. */
  isPermalink: boolean;
}

/** Path segments and query of a link; the query is parsed on first use. */
class SplitUrl {
  private parsed: URLSearchParams | null = null;

  constructor(
    readonly segments: string[],
    private readonly query: string,
  ) {}

  get params(): URLSearchParams {
    this.parsed ??= new URLSearchParams(this.query);
    return this.parsed;
  }

  /**
   * `params.get(name)` for a name of letters, digits and `_`: a parameter name without a `%`
   * decodes only `+` (to a space), so when no name has one, a name the query does not spell
   * out is not in it.
   */
  get(name: string): string | null {
    if (this.parsed === null && !this.query.includes(name) && !/(?:^|&)[^&=]*%/.test(this.query)) return null;
    return this.params.get(name);
  }

  get hasQuery(): boolean {
    return this.query !== '';
  }
}

/** Path and query of a facebook.com link (absolute, protocol-relative or relative); null otherwise. */
function split(href: string): SplitUrl | null {
  if (typeof href !== 'string') return null;
  const trimmed = href.trim();
  let rest: string;
  const absolute = /^(?:https?:)?\/\/([^/?#]*)(.*)$/i.exec(trimmed);
  if (absolute) {
    // A port is harmless; user-info ("facebook.com@evil.example") makes the host something else.
    const host = (absolute[1] ?? '').toLowerCase().replace(/:\d+$/, '');
    if (!S.hosts.includes(host)) return null;
    rest = absolute[2] ?? '';
    if (rest !== '' && !/^[/?#]/.test(rest)) return null;
  } else if (trimmed.startsWith('/') || trimmed.startsWith('?')) {
    rest = trimmed;
  } else {
    return null;
  }
  const withoutHash = rest.split('#', 1)[0] ?? '';
  const at = withoutHash.indexOf('?');
  const path = at < 0 ? withoutHash : withoutHash.slice(0, at);
  const query = at < 0 ? '' : withoutHash.slice(at + 1);
  let segments: string[];
  try {
    segments = path
      .split('/')
      .filter((segment) => segment !== '')
      .map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
  return new SplitUrl(segments, query);
}

function isTracking(name: string): boolean {
  return name.startsWith('__') || S.trackingParams.includes(name.toLowerCase());
}

/**
 * A facebook.com link made absolute on www.facebook.com with tracking parameters (`__cft__[0]`,
 * `__tn__`, `__eep__`, `fbclid`, `refid`, `ref`, `comment_tracking`, `mibextid`, …) and the
 * fragment removed. Null for other sites, `javascript:` and anything that is not a link.
 */
export function cleanFacebookUrl(href: string): string | null {
  const parts = split(href);
  return parts ? cleanParts(parts) : null;
}

/** The clean link up to its query: origin and path. */
function cleanPath(parts: SplitUrl): string {
  return `${S.canonicalOrigin}/${parts.segments.map((segment) => encodeURIComponent(segment)).join('/')}`;
}

function cleanParts(parts: SplitUrl): string {
  let query = '';
  if (parts.hasQuery) {
    const kept = new URLSearchParams();
    for (const [name, value] of parts.params) if (!isTracking(name)) kept.append(name, value);
    query = kept.toString();
  }
  return `${cleanPath(parts)}${query ? `?${query}` : ''}`;
}

// Plain booleans, not type guards: a failed test must not narrow a string to `never`.
const isNumeric = (value: string | null | undefined): boolean => typeof value === 'string' && S.numericId.test(value);
const isPostId = (value: string | null | undefined): boolean =>
  typeof value === 'string' && (S.numericId.test(value) || S.pfbid.test(value));

/**
 * A comment id as Facebook writes it: decimal, or base64 of `comment:<postId>_<commentId>`
 * (profile and reply links of 2021–2025). Returns the comment id and, when encoded, the post id.
 */
function readCommentId(raw: string | null): { commentId: string; postId: string | null } | null {
  if (!raw) return null;
  if (isNumeric(raw)) return { commentId: raw, postId: null };
  if (!/^[A-Za-z0-9+/_-]{8,200}={0,2}$/.test(raw)) return null;
  let decoded: string;
  try {
    decoded = atob(raw.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
  const match = /^comment:([0-9]{1,30})_([0-9]{1,30})$/.exec(decoded);
  return match?.[1] && match[2] ? { commentId: match[2], postId: match[1] } : null;
}

/** The post id a path (and its query) names, or null. Numeric ids win over `pfbid…` ones. */
function postIdOf(parts: SplitUrl): string | null {
  const { segments } = parts;
  const [first, second, third, fourth] = segments.map((segment) => segment.toLowerCase());
  const pick = (...candidates: (string | null | undefined)[]): string | null =>
    candidates.find((c) => isNumeric(c)) ?? candidates.find((c) => isPostId(c)) ?? null;
  const storyFbid = () => parts.get('story_fbid');

  if ((first === 'permalink.php' || first === 'story.php') && segments.length === 1) return pick(storyFbid());
  if (first === 'photo.php' || first === 'photo') return segments.length === 1 ? pick(parts.get('fbid')) : null;
  if (first === 'watch' && segments.length <= 2) return pick(parts.get('v'));
  if ((first === 'reel' || first === 'reels' || first === 'videos') && segments.length === 2) return pick(segments[1]);
  if (first === 'groups' && (third === 'posts' || third === 'permalink') && segments.length === 4) {
    return pick(segments[3]);
  }
  if (first === 'groups') return null;
  if (first && S.reservedPaths.includes(first)) return null;
  // /<page>/posts/<id> (and /<page>/posts/<slug>/<id> of older links)
  if (second === 'posts' && segments.length === 3) return pick(segments[2], storyFbid());
  if (second === 'posts' && segments.length === 4 && fourth !== undefined) return pick(segments[3]);
  // /<page>/videos/<id>, /<page>/videos/<slug>/<id>
  if (second === 'videos' && (segments.length === 3 || segments.length === 4)) return pick(segments[segments.length - 1]);
  // /<page>/photos/a.<album>/<id>
  if (second === 'photos' && segments.length === 4) return pick(segments[3]);
  return null;
}

/**
 * The post, and for comment links the comment, a link points at: `/<page>/posts/<id|pfbid…>`,
 * `/permalink.php?story_fbid=…&id=…`, `/story.php?…`, `/groups/<g>/posts/<id>/`,
 * `/groups/<g>/permalink/<id>/`, `/photo/?fbid=…`, `/photo.php?fbid=…`, `/reel/<id>`,
 * `/watch/?v=…`, `/videos/<id>`, with `comment_id` and `reply_comment_id`. Null for anything else.
 */
export function parsePostUrl(href: string): FacebookPostRef | null {
  const parts = split(href);
  return parts ? postRefOf(parts) : null;
}

function postRefOf(parts: SplitUrl, clean: () => string = () => cleanParts(parts)): FacebookPostRef | null {
  const comment = readCommentId(parts.get('comment_id'));
  const reply = comment ? readCommentId(parts.get('reply_comment_id')) : null;
  const ownPostId = postIdOf(parts);
  const postId = ownPostId ?? comment?.postId ?? null;
  if (!postId && !comment) return null;
  const url = clean();
  return {
    postId,
    commentId: comment?.commentId ?? null,
    replyCommentId: reply?.commentId ?? null,
    url,
    isPermalink: ownPostId !== null,
  };
}

/**
 * The person (or Page) a profile link names, as Kotae keys them: the numeric id where the link
 * gives one (`/profile.php?id=…`, `/groups/<g>/user/<uid>/`, `/people/<name>/<id>`, `/<id>`),
 * else the vanity name lower-cased. Null for links that are not a person: groups themselves,
 * `/watch`, `/hashtag/…`, `/events`, `/pages/…`, `/photo`, `/l.php`, posts, other sites.
 */
export function parseProfileUrl(href: string): string | null {
  const parts = split(href);
  return parts ? profileOf(parts) : null;
}

function profileOf(parts: SplitUrl): string | null {
  const { segments } = parts;
  const first = segments[0]?.toLowerCase();
  if (first === undefined) return null;
  if (first === 'profile.php' && segments.length === 1) {
    const id = parts.get('id');
    return id !== null && isNumeric(id) ? id : null;
  }
  if (first === 'groups' && segments[2]?.toLowerCase() === 'user' && segments.length === 4) {
    const uid = segments[3];
    return uid !== undefined && isNumeric(uid) ? uid : null;
  }
  if (first === 'people' && segments.length === 3) {
    const id = segments[2];
    return id !== undefined && isNumeric(id) ? id : null;
  }
  if (segments.length !== 1 || S.reservedPaths.includes(first)) return null;
  const name = segments[0] ?? '';
  if (isNumeric(name)) return name;
  // Vanity names have letters; a lone dot or dots-only segment is not one.
  if (!S.vanity.test(name) || !/[A-Za-z0-9]/.test(name) || name.toLowerCase().endsWith('.php')) return null;
  return name.toLowerCase();
}

/** One link read for each question asked of it, each answered once: the href is split once. */
export class FacebookLink {
  private readonly parts: SplitUrl | null;
  private profileKey: string | null | undefined;
  private postRef: FacebookPostRef | null | undefined;
  private cleanUrl: string | null | undefined;

  constructor(href: string) {
    this.parts = split(href);
  }

  /** `parseProfileUrl(href)` */
  profile(): string | null {
    if (this.profileKey === undefined) this.profileKey = this.parts ? profileOf(this.parts) : null;
    return this.profileKey;
  }

  /** `parsePostUrl(href)` */
  post(): FacebookPostRef | null {
    if (this.postRef === undefined) {
      const parts = this.parts;
      this.postRef = parts ? postRefOf(parts, () => this.clean() ?? cleanParts(parts)) : null;
    }
    return this.postRef;
  }

  /** `cleanFacebookUrl(href)?.startsWith(prefix) === true`, without the query when the path decides it. */
  cleanStartsWith(prefix: string): boolean {
    if (!this.parts) return false;
    if (this.cleanUrl === undefined) {
      const path = cleanPath(this.parts);
      if (path.length >= prefix.length) return path.startsWith(prefix);
    }
    return this.clean()?.startsWith(prefix) === true;
  }

  /** `cleanFacebookUrl(href)` */
  clean(): string | null {
    if (this.cleanUrl === undefined) this.cleanUrl = this.parts ? cleanParts(this.parts) : null;
    return this.cleanUrl;
  }
}
