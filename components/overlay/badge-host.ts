import type { Lang } from '@/utils/i18n';
import {
  createPresenceStore,
  createSummaryStore,
  createTimerStore,
  createWatchStore,
  type PresenceStore,
  type SummaryStore,
  type TimerStore,
  type WatchStore,
} from '@/utils/overlay/stores';
import { ShownBadges } from '@/utils/overlay/shown-badges';
import { responseState, type TimerSettings } from '@/utils/timer';
import { createBadgeContent, type BadgeContent } from './badge-content';
import { BADGE_HOST_STYLE, BADGE_WATCH_WIDTH } from './badge-styles';

export interface BadgeTarget {
  postKey: string;
  identityId: string;
  who: string;
  /** The post's own time from the page: the response timer counts from it. */
  postedAt: string | null;
}

/** What the overlay knows, and which badges show what. */
export interface BadgeBoard {
  store: SummaryStore;
  timers: TimerStore;
  presence: PresenceStore;
  /** Keyword watch states (search pages). */
  watch: WatchStore;
  shown: ShownBadges<BadgeHost>;
}

/** The overlay's stores, wired so that a change wakes only the badges showing its key. */
export function createBadgeBoard(): BadgeBoard {
  const board: BadgeBoard = {
    store: createSummaryStore(),
    timers: createTimerStore(),
    presence: createPresenceStore(),
    watch: createWatchStore(),
    shown: new ShownBadges<BadgeHost>(),
  };
  board.store.listen((identityId) => board.shown.ofCustomer(identityId).forEach((badge) => badge.showSummary()));
  board.timers.listen((postKey) => board.shown.ofPost(postKey).forEach((badge) => badge.showTimerFacts()));
  board.presence.listen((postKey) => board.shown.ofPost(postKey).forEach((badge) => badge.showPresence()));
  board.watch.listen((postKey) => board.shown.ofPost(postKey).forEach((badge) => badge.showWatch()));
  return board;
}

export interface BadgeDeps {
  board: BadgeBoard;
  /** Only search pages show keyword watch states (and pay for them). */
  showsWatch: boolean;
  /** The timer settings in force (they can change while the page is open). */
  timerSettings: () => TimerSettings;
  /** When this page first saw the post (epoch ms), if it has. */
  firstSeenHere: (postKey: string) => number | undefined;
  /** The team's own accounts: their posts wait for no one. */
  isTeamIdentity: (identityId: string) => boolean;
  lang: Lang;
  onOpen: (host: BadgeHost) => void;
}

export interface BadgeHost {
  /** The element in the page: the DOM contract attributes and its box's size, nothing more. */
  element: HTMLElement;
  target: BadgeTarget;
  /** Points this host at another post (X recycles post nodes). */
  retarget(target: BadgeTarget): void;
  /** Shows the customer's badge data as the board has it now. */
  showSummary(): void;
  /** Brings the timer up to the present (the overlay's shared ticker). */
  tick(now?: Date): void;
  /** Redraws the timer from fresh facts, unless they say what it already assumed. */
  showTimerFacts(): void;
  /** Shows the colleagues replying to the post now. */
  showPresence(): void;
  /** Shows the post's keyword watch state (search pages only). */
  showWatch(): void;
  focus(): void;
  unmount(): void;
}

/** Facts this close to what a badge assumed show the same minutes. */
const ASSUMPTION_SLACK_MS = 1_000;

/**
 * A badge host whose closed shadow root is complete *before* the caller connects it to
 * the page: the badge is painted in the frame the post appears, at its final size, and
 * the page's scripts cannot read what it shows. It files itself on the board under its
 * customer and post, so changes to either reach it. A class: a page holds thousands.
 */
class ShownBadgeHost implements BadgeHost {
  readonly element: HTMLElement;
  private readonly content: BadgeContent;
  /** When the timer was drawn without facts, the time it assumed the post was first seen. */
  private assumedSeenAt: number | null = null;

  constructor(
    public target: BadgeTarget,
    private readonly deps: BadgeDeps,
  ) {
    this.element = document.createElement('span');
    this.element.style.cssText = BADGE_HOST_STYLE;
    if (deps.showsWatch) this.element.style.width = BADGE_WATCH_WIDTH;
    // No style sheet inside: see badge-styles.ts.
    const shadow = this.element.attachShadow({ mode: 'closed' });
    this.content = createBadgeContent(deps.lang, () => deps.onOpen(this));
    shadow.append(...this.content.nodes);
    this.bind();
  }

  private bind(): void {
    this.element.setAttribute('data-kotae-post', this.target.postKey);
    this.element.setAttribute('data-kotae-customer', this.target.identityId);
    this.content.setWho(this.target.who);
    this.showSummary();
    this.tick();
    this.showPresence();
    this.showWatch();
    this.deps.board.shown.add(this);
  }

  retarget(next: BadgeTarget): void {
    this.deps.board.shown.remove(this);
    this.target = next;
    this.bind();
  }

  showSummary(): void {
    const { store } = this.deps.board;
    const id = this.target.identityId;
    this.content.show(store.get(id), store.hasFailed(id));
  }

  tick(now = new Date()): void {
    const { deps, target } = this;
    if (deps.isTeamIdentity(target.identityId)) {
      this.content.showTimer(null);
      return;
    }
    const facts = deps.board.timers.get(target.postKey);
    // Without facts from the background, the post counts as first seen when this page
    // first saw it (the background sends none for a post nothing has happened to yet).
    this.assumedSeenAt = facts ? null : (deps.firstSeenHere(target.postKey) ?? now.getTime());
    this.content.showTimer(
      responseState({
        postedAt: target.postedAt,
        firstSeenAt: facts?.firstSeenAt ?? new Date(this.assumedSeenAt ?? now.getTime()).toISOString(),
        events: facts?.events ?? [],
        settings: deps.timerSettings(),
        now,
      }),
    );
  }

  showTimerFacts(): void {
    const facts = this.deps.board.timers.get(this.target.postKey);
    const assumed = this.assumedSeenAt;
    // The first facts of a post met just now usually say what the badge assumed when it
    // was drawn (first seen now, nothing since): redrawing would give the same text.
    const same =
      assumed !== null &&
      facts !== undefined &&
      facts.events.length === 0 &&
      Math.abs(Date.parse(facts.firstSeenAt) - assumed) < ASSUMPTION_SLACK_MS;
    if (same) this.assumedSeenAt = null;
    else this.tick();
  }

  showPresence(): void {
    this.content.showPresence(this.deps.board.presence.get(this.target.postKey) ?? []);
  }

  showWatch(): void {
    if (this.deps.showsWatch) this.content.showWatch(this.deps.board.watch.get(this.target.postKey));
  }

  focus(): void {
    this.content.button.focus();
  }

  unmount(): void {
    this.deps.board.shown.remove(this);
    this.element.remove();
  }
}

export function createBadgeHost(target: BadgeTarget, deps: BadgeDeps): BadgeHost {
  return new ShownBadgeHost(target, deps);
}
