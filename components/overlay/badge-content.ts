/**
 * What a badge shows: the customer's status and how often they were seen, answered
 * and noted. Built with plain DOM and `textContent`: a page can hold thousands of
 * badges, and a React root per badge (about 140 event listeners each) cost more
 * than the whole budget per post. The panel, one at a time, is React.
 */
import { t, type Lang } from '@/utils/i18n';
import type { CustomerSummary } from '@/utils/model';
import type { PostWatch } from '@/utils/watch/state';
import { formatResponseTime, formatWait, stateLabel, type ResponseState } from '@/utils/timer';

// A shape per state as well as a colour: the state must read without colour.
const TIMER_ICON = { waiting: '⏱', warning: '⏳', overdue: '⚠' } as const;

export interface BadgeContent {
  /** The badge's elements, to be placed in its (closed) shadow root. */
  nodes: Node[];
  button: HTMLButtonElement;
  /** Shows `summary`; `undefined` while loading, or after a failure when `failed`. */
  show(summary: CustomerSummary | undefined, failed: boolean): void;
  /** Shows how long the post has waited, or its response time; null for no timer. */
  showTimer(state: ResponseState | null): void;
  /** Changes whose badge this is (X reuses post nodes). */
  setWho(who: string): void;
  /** Colleagues replying to this post now; empty for nobody. */
  showPresence(names: readonly string[]): void;
  /** Keyword watch on search pages: new, seen, handled by whom, recorded; undefined while loading. */
  showWatch(watch: PostWatch | undefined): void;
}

/** A post's keyword watch state in words. */
export function watchText(lang: Lang, watch: PostWatch): string {
  if (watch.state !== 'handled') return t(lang, `watch.${watch.state}`);
  const by = watch.handledBy;
  const name = by?.kind === 'teamAccount' ? t(lang, 'watchTeamAccount') : by?.name || t(lang, 'watchColleague');
  return t(lang, 'watch.handled', { name });
}

/** Writes only what changed: an unchanged write still makes the browser lay the badge out again. */
function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}
function setData(element: HTMLElement, key: string, value: string): void {
  if (element.dataset[key] !== value) element.dataset[key] = value;
}

function span(className: string, hidden = false): HTMLSpanElement {
  const element = document.createElement('span');
  element.className = className;
  if (hidden) element.setAttribute('aria-hidden', 'true');
  return element;
}

export function createBadgeContent(lang: Lang, onOpen: () => void): BadgeContent {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'badge';
  button.setAttribute('aria-haspopup', 'dialog');
  // Ids are scoped to the badge's own shadow root.
  button.setAttribute('aria-describedby', 'kotae-badge-description');
  // Three boxes only: every element here is multiplied by the posts on the page.
  const status = span('status');
  const timer = span('timer', true);
  const counts = span('counts', true);
  const replying = span('replying', true);
  button.append(status, timer, replying, counts);
  let summaryText = '';
  let timerText = '';
  let presenceText = '';
  let watchDescription = '';
  // Only search pages show a watch state: elsewhere the badge keeps its few boxes.
  let watch: HTMLSpanElement | null = null;
  const describe = () => {
    const text = [watchDescription, presenceText, timerText, summaryText].filter(Boolean).join(' · ');
    setText(description, text);
    if (button.title !== text) button.title = text;
  };
  const description = span('description');
  description.id = 'kotae-badge-description';
  description.hidden = true;

  button.addEventListener('click', (event) => {
    // The post around the badge is a link on X: the click is ours alone.
    event.preventDefault();
    event.stopPropagation();
    onOpen();
  });

  return {
    nodes: [button, description],
    button,
    setWho(who) {
      button.setAttribute('aria-label', t(lang, 'badgeLabel', { who }));
    },
    show(summary, failed) {
      setData(button, 'status', summary?.status ?? 'unknown');
      setText(status, summary ? t(lang, `statusShort.${summary.status}`) : failed ? '!' : '…');
      const seen = summary ? summary.seenCount + summary.repliedCount : '–';
      const noted = summary ? summary.noteCount : '–';
      setText(counts, `◉${seen} ✎${noted}${summary?.tags[0] ? ` #${summary.tags[0]}` : ''}`);
      const text = summary
        ? t(lang, 'badgeDescription', {
            status: t(lang, `status.${summary.status}`),
            seen: summary.seenCount,
            replied: summary.repliedCount,
            notes: summary.noteCount,
            tags: summary.tags.length ? summary.tags.join(', ') : t(lang, 'badgeNoTags'),
          })
        : t(lang, failed ? 'badgeUnavailable' : 'loading');
      summaryText = text;
      describe();
    },
    showPresence(names) {
      const who = names.join(', ');
      setData(button, 'replying', names.length > 0 ? 'true' : 'false');
      setText(replying, names.length > 0 ? `✍${t(lang, 'badgeReplying', { names: who })}` : '');
      presenceText = names.length > 0 ? t(lang, 'badgeReplyingLong', { names: who }) : '';
      describe();
    },
    showWatch(state) {
      if (!watch) {
        watch = span('watch', true);
        button.prepend(watch);
      }
      setData(button, 'watch', state?.state ?? 'unknown');
      const text = state ? watchText(lang, state) : '…';
      setText(watch, text);
      watchDescription = state ? t(lang, 'watchDescription', { state: text }) : '';
      describe();
    },
    showTimer(state) {
      setData(button, 'timer', state?.state ?? 'none');
      timerText = state ? stateLabel(lang, state) : '';
      setText(
        timer,
        state === null || state.state === 'recorded' || state.state === 'unknown'
          ? ''
          : state.state === 'answered'
            ? `✓${formatResponseTime(lang, state.responseMs)}`
            : `${TIMER_ICON[state.state]}${formatWait(lang, state.waitedMs)}`,
      );
      describe();
    },
  };
}
