import type { Lang } from '@/utils/i18n';
import type { PresenceStore, SummaryStore, TimerStore, WatchStore } from '@/utils/overlay/stores';
import { responseState, type TimerSettings } from '@/utils/timer';
import { createBadgeContent } from './badge-content';
import { BADGE_HOST_STYLE, BADGE_WATCH_WIDTH } from './badge-styles';

export interface BadgeTarget {
  postKey: string;
  identityId: string;
  who: string;
  /** The post's own time from the page: the response timer counts from it. */
  postedAt: string | null;
}

export interface BadgeDeps {
  store: SummaryStore;
  timers: TimerStore;
  presence: PresenceStore;
  /** Keyword watch states: given only on search pages, where the badge shows them. */
  watch?: WatchStore;
  /** The timer settings in force (they can change while the page is open). */
  timerSettings: () => TimerSettings;
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
  /** Brings the timer up to the present (called by the overlay's one shared ticker). */
  tick(now: Date): void;
  focus(): void;
  unmount(): void;
}

/**
 * Builds a badge host whose closed shadow root is complete *before* the caller
 * connects it to the page: the badge is painted in the frame the post appears,
 * at its final size, and the page's scripts cannot read what it shows.
 */
export function createBadgeHost(target: BadgeTarget, deps: BadgeDeps): BadgeHost {
  const element = document.createElement('span');
  element.style.cssText = BADGE_HOST_STYLE;
  if (deps.watch) element.style.width = BADGE_WATCH_WIDTH;
  // No style sheet inside: see badge-styles.ts.
  const shadow = element.attachShadow({ mode: 'closed' });
  const content = createBadgeContent(deps.lang, () => deps.onOpen(host));
  shadow.append(...content.nodes);

  let unsubscribe = () => {};
  const show = () => content.show(deps.store.get(host.target.identityId), deps.store.hasFailed(host.target.identityId));
  const showTimer = (now = new Date()) => {
    if (deps.isTeamIdentity(host.target.identityId)) {
      content.showTimer(null);
      return;
    }
    const facts = deps.timers.get(host.target.postKey);
    content.showTimer(
      responseState({
        postedAt: host.target.postedAt,
        // Until the background answers, the post counts as first seen now.
        firstSeenAt: facts?.firstSeenAt ?? now.toISOString(),
        events: facts?.events ?? [],
        settings: deps.timerSettings(),
        now,
      }),
    );
  };

  const host: BadgeHost = {
    element,
    target,
    retarget(next) {
      host.target = next;
      bind();
    },
    focus() {
      content.button.focus();
    },
    tick(now) {
      showTimer(now);
    },
    unmount() {
      unsubscribe();
      element.remove();
    },
  };

  function bind() {
    unsubscribe();
    element.setAttribute('data-kotae-post', host.target.postKey);
    element.setAttribute('data-kotae-customer', host.target.identityId);
    content.setWho(host.target.who);
    show();
    showTimer();
    const stopSummary = deps.store.subscribe(host.target.identityId, show);
    const stopTimer = deps.timers.subscribe(host.target.postKey, () => showTimer());
    const showPresence = () => content.showPresence(deps.presence.get(host.target.postKey) ?? []);
    showPresence();
    const stopPresence = deps.presence.subscribe(host.target.postKey, showPresence);
    let stopWatch = () => {};
    const watch = deps.watch;
    if (watch) {
      const showWatch = () => content.showWatch(watch.get(host.target.postKey));
      showWatch();
      stopWatch = watch.subscribe(host.target.postKey, showWatch);
    }
    unsubscribe = () => {
      stopSummary();
      stopTimer();
      stopPresence();
      stopWatch();
    };
  }
  bind();
  return host;
}
