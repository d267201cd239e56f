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
import { lineFits } from './badge-fit';
import {
  BADGE_TEXT_WIDTH,
  BADGE_WATCH_WIDTH,
  BUTTON_STYLE,
  REPLYING_STYLE,
  STATUS_COLORS,
  STATUS_DEFAULT_COLORS,
  TIMER_COLORS,
  WATCH_COLORS,
  WATCH_STYLE,
} from './badge-styles';

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

/** Customers described in words, once per summary and language: a page shows one customer on many posts. */
const descriptions = new Map<Lang, WeakMap<CustomerSummary, string>>();

function describeCustomer(lang: Lang, summary: CustomerSummary): string {
  let known = descriptions.get(lang);
  if (!known) descriptions.set(lang, (known = new WeakMap()));
  let text = known.get(summary);
  if (text === undefined) {
    text = t(lang, 'badgeDescription', {
      status: t(lang, `status.${summary.status}`),
      seen: summary.seenCount,
      replied: summary.repliedCount,
      notes: summary.noteCount,
      tags: summary.tags.length ? summary.tags.join(', ') : t(lang, 'badgeNoTags'),
    });
    known.set(summary, text);
  }
  return text;
}

/** Writes only what changed: an unchanged write still makes the browser lay the badge out again. */
function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

function span(className: string, style: string, hidden = false): HTMLSpanElement {
  const element = document.createElement('span');
  element.className = className;
  element.style.cssText = style;
  if (hidden) element.setAttribute('aria-hidden', 'true');
  return element;
}

/** Hides a label with no text (what `:empty { display: none }` did in a style sheet). */
function setLabel(element: HTMLElement, text: string): void {
  setText(element, text);
  const display = text === '' ? 'none' : '';
  if (element.style.display !== display) element.style.display = display;
}

let prototype: HTMLButtonElement | null = null;
/** The badge's box, styled once and cloned per badge: cheaper than building and parsing each. */
function badgePrototype(): HTMLButtonElement {
  if (prototype) return prototype;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'badge';
  button.style.cssText = BUTTON_STYLE;
  button.setAttribute('aria-haspopup', 'dialog');
  // One line of text and no boxes inside: every box and text run here is multiplied by
  // the posts on the page, and drawn again in the frames that repaint them.
  button.append(document.createTextNode(''));
  return (prototype = button);
}

/**
 * One badge. A class rather than closures: its methods are shared by every badge on the
 * page, where closures made each badge carry a dozen functions of its own.
 */
class Badge implements BadgeContent {
  readonly button: HTMLButtonElement;
  /** Status, timer and counts, on one line. */
  private readonly line: Text;
  // Only search pages show a watch state, and only posts a colleague is replying to
  // say so: elsewhere the badge is its one line.
  private watch: HTMLSpanElement | null = null;
  private replying: HTMLSpanElement | null = null;
  private statusLabel = '…';
  private timerLabel = '';
  private countsLabel = '';
  private summaryText = '';
  private timerText = '';
  private presenceText = '';
  private watchDescription = '';

  constructor(
    private readonly lang: Lang,
    private readonly onOpen: () => void,
  ) {
    this.button = badgePrototype().cloneNode(true) as HTMLButtonElement;
    this.line = this.button.firstChild as Text;
    // The badge itself listens (handleEvent): no listener function per badge.
    this.button.addEventListener('click', this);
  }

  get nodes(): Node[] {
    return [this.button];
  }

  handleEvent(event: Event): void {
    // The post around the badge is a link on X: the click is ours alone.
    event.preventDefault();
    event.stopPropagation();
    this.onOpen();
  }

  /** The title is the badge's accessible description too (its name is aria-label): no hidden description element per badge. */
  private describe(): void {
    const text = [this.watchDescription, this.presenceText, this.timerText, this.summaryText].filter(Boolean).join(' · ');
    if (this.button.title !== text) this.button.title = text;
  }

  private lineParts(): string[] {
    return [this.statusLabel, this.timerLabel, this.countsLabel].filter(Boolean);
  }

  private drawLine(): void {
    const parts = this.lineParts();
    const text = parts.join(' ');
    if (this.line.data === text) return;
    this.line.data = text;
    this.fit(parts);
  }

  /** Clips the line (with an ellipsis) only when it may not fit: most badges need no clip. */
  private fit(parts = this.lineParts()): void {
    // Names (who is replying, who handled a watched post) can be any length.
    const fits = this.presenceText === '' && this.watch === null && lineFits(parts, BADGE_TEXT_WIDTH);
    const overflow = fits ? '' : 'clip';
    if (this.button.style.overflow !== overflow) this.button.style.overflow = overflow;
  }

  /**
   * The badge's colours: its status's background, and the timer's colour when the timer
   * has one (its shape says the same without colour), else the status's.
   */
  private colour(): void {
    const { button } = this;
    const [background, statusColour] = STATUS_COLORS[button.dataset.status ?? ''] ?? STATUS_DEFAULT_COLORS;
    const colour = TIMER_COLORS[button.dataset.timer ?? ''] ?? statusColour;
    if (button.style.backgroundColor !== background) button.style.backgroundColor = background;
    if (button.style.color !== colour) button.style.color = colour;
  }

  setWho(who: string): void {
    this.button.setAttribute('aria-label', t(this.lang, 'badgeLabel', { who }));
  }

  show(summary: CustomerSummary | undefined, failed: boolean): void {
    const { lang, button } = this;
    const state = summary?.status ?? 'unknown';
    if (button.dataset.status !== state) {
      button.dataset.status = state;
      this.colour();
    }
    this.statusLabel = summary ? t(lang, `statusShort.${summary.status}`) : failed ? '!' : '…';
    const seen = summary ? summary.seenCount + summary.repliedCount : '–';
    const noted = summary ? summary.noteCount : '–';
    this.countsLabel = `◉${seen} ✎${noted}${summary?.tags[0] ? ` #${summary.tags[0]}` : ''}`;
    this.drawLine();
    this.summaryText = summary ? describeCustomer(lang, summary) : t(lang, failed ? 'badgeUnavailable' : 'loading');
    this.describe();
  }

  showPresence(names: readonly string[]): void {
    const { lang } = this;
    const who = names.join(', ');
    if (!this.replying) {
      if (names.length === 0) return;
      this.replying = span('replying', REPLYING_STYLE, true);
      this.line.after(this.replying);
    }
    setLabel(this.replying, names.length > 0 ? `✍${t(lang, 'badgeReplying', { names: who })}` : '');
    this.presenceText = names.length > 0 ? t(lang, 'badgeReplyingLong', { names: who }) : '';
    this.fit();
    this.describe();
  }

  showWatch(state: PostWatch | undefined): void {
    const { button } = this;
    if (!this.watch) {
      this.watch = span('watch', WATCH_STYLE, true);
      button.prepend(this.watch);
      button.style.width = BADGE_WATCH_WIDTH;
      this.fit();
    }
    const kind = state?.state ?? 'unknown';
    if (button.dataset.watch !== kind) {
      button.dataset.watch = kind;
      const [color, background, weight] = WATCH_COLORS[kind] ?? ['', '', ''];
      this.watch.style.color = color;
      this.watch.style.background = background;
      this.watch.style.fontWeight = weight;
    }
    const text = state ? watchText(this.lang, state) : '…';
    setText(this.watch, text);
    this.watchDescription = state ? t(this.lang, 'watchDescription', { state: text }) : '';
    this.describe();
  }

  showTimer(state: ResponseState | null): void {
    const { lang, button } = this;
    const kind = state?.state ?? 'none';
    if (button.dataset.timer !== kind) {
      button.dataset.timer = kind;
      this.colour();
    }
    this.timerText = state ? stateLabel(lang, state) : '';
    this.timerLabel =
      state === null || state.state === 'recorded' || state.state === 'unknown'
        ? ''
        : state.state === 'answered'
          ? `✓${formatResponseTime(lang, state.responseMs)}`
          : `${TIMER_ICON[state.state]}${formatWait(lang, state.waitedMs)}`;
    this.drawLine();
    this.describe();
  }
}

export function createBadgeContent(lang: Lang, onOpen: () => void): BadgeContent {
  return new Badge(lang, onOpen);
}
