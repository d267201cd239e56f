// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/dom';
import userEvent from '@testing-library/user-event';
import { createBadgeContent } from '@/components/overlay/badge-content';
import { createBadgeBoard, createBadgeHost } from '@/components/overlay/badge-host';
import { DEFAULT_TIMER_SETTINGS, responseState } from '@/utils/timer';
import type { CustomerSummary } from '@/utils/model';
import type { Lang } from '@/utils/i18n';

// In the page the badge sits in a closed shadow root; here its content is placed in
// the document so it can be found by role and name like anything else.
function renderBadge(lang: Lang = 'en') {
  const onOpen = vi.fn();
  const content = createBadgeContent(lang, onOpen);
  content.setWho('@alice');
  content.show(undefined, false);
  document.body.append(...content.nodes);
  return { content, onOpen };
}

afterEach(() => document.body.replaceChildren());

const summary: CustomerSummary = {
  identityId: 'x:alice',
  customerId: 'c1',
  seenCount: 3,
  repliedCount: 1,
  noteCount: 2,
  tags: ['VIP', '返品'],
  status: 'waiting',
};

describe('badge', () => {
  it('is a named button that says it is loading, then shows the customer', () => {
    const { content } = renderBadge();
    const button = screen.getByRole('button', { name: 'Kotae: @alice' });
    expect(button.title).toBe('Loading…');
    content.show(summary, false);
    expect(button.textContent).toBe('Waiting ◉4 ✎2 #VIP');
    expect(
      screen.getByRole('button', { name: 'Kotae: @alice', description: /Seen: 3, replied: 1, notes: 2. Tags: VIP, 返品/ }),
    ).toBe(button);
  });

  it('clips its line when it cannot tell whether it fits (no canvas to measure with)', () => {
    const { content } = renderBadge();
    content.show(summary, false);
    expect(screen.getByRole('button').style.overflow).toBe('clip');
  });

  it('says when the data could not be loaded', () => {
    const { content } = renderBadge();
    content.show(undefined, true);
    expect(screen.getByRole('button').title).toBe('Kotae could not load this customer');
  });

  it('shows text from tags as text', () => {
    const { content } = renderBadge();
    content.show({ ...summary, tags: ['<img src=x onerror=alert(1)>'] }, false);
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByRole('button').textContent).toContain('#<img src=x onerror=alert(1)>');
  });

  it('opens by click and by keyboard', async () => {
    const user = userEvent.setup();
    const { onOpen } = renderBadge();
    await user.click(screen.getByRole('button'));
    await user.keyboard('{Enter}');
    await user.keyboard(' ');
    expect(onOpen).toHaveBeenCalledTimes(3);
  });

  it('speaks Japanese, in words and not colour alone', () => {
    const { content } = renderBadge('ja');
    content.show(summary, false);
    const button = screen.getByRole('button', { name: 'Kotae：@alice' });
    expect(button.textContent).toContain('返信待ち');
    expect(button.title).toContain('お客様の返信待ち。閲覧 3 回、返信 1 回、メモ 2 件。');
  });
});

describe('badge timer', () => {
  const postedAt = '2026-11-24T00:00:00.000Z';
  const at = (minutes: number) => new Date(Date.parse(postedAt) + minutes * 60_000);
  const state = (minutes: number, events: Parameters<typeof responseState>[0]['events'] = []) =>
    responseState({ postedAt, firstSeenAt: postedAt, events, settings: DEFAULT_TIMER_SETTINGS, now: at(minutes) });

  it('shows the wait in words and a shape per state, not colour alone', () => {
    const { content } = renderBadge();
    const button = screen.getByRole('button');
    content.showTimer(state(12));
    expect(button.dataset.timer).toBe('waiting');
    expect(button.textContent).toContain('⏱12');
    content.showTimer(state(50));
    expect(button.textContent).toContain('⏳50');
    content.showTimer(state(65));
    expect(button.textContent).toContain('⚠1');
    expect(button.title).toMatch(/^Overdue/);
  });

  it('shows the response time once answered, and nothing for recorded posts', () => {
    const { content } = renderBadge('ja');
    const button = screen.getByRole('button');
    content.showTimer(state(90, [{ kind: 'replied', at: at(8).toISOString(), source: 'composer' }]));
    expect(button.textContent).toContain('✓8');
    expect(button.title).toContain('返信済み');
    content.showTimer(state(90, [{ kind: 'recordedWithoutReply', at: at(5).toISOString() }]));
    expect(button.textContent).not.toContain('✓');
    expect(button.title).not.toContain('返信済み');
  });
});

describe('badge presence', () => {
  it('says which colleagues are replying, in both languages, and clears when they stop', () => {
    for (const [lang, short, long] of [
      ['en', '✍Ken, Aiko replying', 'Ken, Aiko is replying to this post'],
      ['ja', '✍Ken, Aiko 返信中', 'Ken, Aiko さんがこの投稿に返信中です'],
    ] as const) {
      const content = createBadgeContent(lang, () => {});
      content.showPresence(['Ken', 'Aiko']);
      expect(content.button.querySelector('.replying')?.textContent).toBe(short);
      expect(content.button.title).toContain(long);
      content.showPresence([]);
      expect(content.button.querySelector('.replying')?.textContent).toBe('');
      expect(content.button.title).not.toContain(long);
    }
  });
});

describe('badge host', () => {
  it('redraws its timer for facts that change it, not for the ones it assumed', () => {
    const board = createBadgeBoard();
    const deps = { board, showsWatch: false, timerSettings: () => DEFAULT_TIMER_SETTINGS, firstSeenHere: () => undefined, isTeamIdentity: () => false, lang: 'en' as const, onOpen: vi.fn() };
    const postedAt = new Date(Date.now() - 5 * 60_000).toISOString();
    const fresh = createBadgeHost({ postKey: 'x:1', identityId: 'x:alice', who: '@alice', postedAt }, deps);
    const earlier = createBadgeHost({ postKey: 'x:2', identityId: 'x:alice', who: '@alice', postedAt: null }, deps);
    const ticks = [vi.spyOn(fresh, 'tick'), vi.spyOn(earlier, 'tick')];
    board.timers.set([
      // Seen just now, nothing since: what the badge assumed.
      ['x:1', { postKey: 'x:1', firstSeenAt: new Date().toISOString(), events: [] }],
      // Seen an hour ago (before a reload): the wait is longer than assumed.
      ['x:2', { postKey: 'x:2', firstSeenAt: new Date(Date.now() - 3_600_000).toISOString(), events: [] }],
    ]);
    expect(ticks.map((t) => t.mock.calls.length)).toEqual([0, 1]);
    board.timers.set([['x:1', { postKey: 'x:1', firstSeenAt: new Date().toISOString(), events: [{ kind: 'replied', at: new Date().toISOString(), source: 'composer' }] }]]);
    expect(ticks.map((t) => t.mock.calls.length)).toEqual([1, 1]);
  });


  it('counts a post without facts from when the page first saw it', () => {
    // Opened here only, to read what the badge shows.
    const attach = HTMLElement.prototype.attachShadow;
    vi.spyOn(HTMLElement.prototype, 'attachShadow').mockImplementation(function (this: HTMLElement, init) {
      return attach.call(this, { ...init, mode: 'open' });
    });
    const board = createBadgeBoard();
    const seenAt = Date.now() - 12 * 60_000;
    const deps = { board, showsWatch: false, timerSettings: () => DEFAULT_TIMER_SETTINGS, isTeamIdentity: () => false, lang: 'en' as const, onOpen: vi.fn() };
    const shown = (postKey: string, firstSeenHere: () => number | undefined) =>
      createBadgeHost({ postKey, identityId: 'x:alice', who: '@alice', postedAt: null }, { ...deps, firstSeenHere }).element.shadowRoot?.textContent;
    expect(shown('x:1', () => seenAt)).toContain('⏱12');
    expect(shown('x:2', () => undefined)).toContain('⏱0');
    vi.restoreAllMocks();
  });

  it('carries only the contract attributes (and its size) and follows its customer on the board', () => {
    const board = createBadgeBoard();
    const host = createBadgeHost(
      { postKey: 'x:1', identityId: 'x:alice', who: '@alice', postedAt: null },
      {
        board,
        showsWatch: false,
        timerSettings: () => DEFAULT_TIMER_SETTINGS,
        firstSeenHere: () => undefined,
        isTeamIdentity: () => false,
        lang: 'en',
        onOpen: vi.fn(),
      },
    );
    expect(host.element.getAttributeNames().sort()).toEqual(['data-kotae-customer', 'data-kotae-post', 'style']);
    expect(host.element.shadowRoot).toBeNull(); // closed
    // Never a custom element name: the page could define it and run its own code on each host.
    expect(host.element.localName).not.toContain('-');
    const showSummary = vi.spyOn(host, 'showSummary');
    const showPresence = vi.spyOn(host, 'showPresence');
    board.store.set([[summary.identityId, summary]]);
    board.presence.set([['x:1', ['Ken']]]);
    expect([showSummary.mock.calls.length, showPresence.mock.calls.length]).toEqual([1, 1]);
    host.retarget({ postKey: 'x:2', identityId: 'x:bob', who: '@bob', postedAt: null });
    expect(host.element.getAttribute('data-kotae-post')).toBe('x:2');
    showSummary.mockClear();
    showPresence.mockClear();
    // The old customer's and post's updates no longer reach this host, the new ones' do.
    board.store.set([[summary.identityId, { ...summary, noteCount: 9 }]]);
    board.presence.set([['x:1', ['Aiko']]]);
    expect([showSummary.mock.calls.length, showPresence.mock.calls.length]).toEqual([0, 0]);
    board.store.set([['x:bob', { ...summary, identityId: 'x:bob' }]]);
    board.presence.set([['x:2', ['Aiko']]]);
    expect([showSummary.mock.calls.length, showPresence.mock.calls.length]).toEqual([1, 1]);
    expect(board.shown.ofCustomer('x:alice')).toEqual([]);
    expect(board.shown.ofPost('x:2')).toEqual([host]);
    host.unmount();
  });
});
