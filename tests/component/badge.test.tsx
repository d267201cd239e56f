// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Badge } from '@/components/overlay/Badge';
import { LangContext } from '@/components/i18n';
import { SummaryStore } from '@/utils/overlay/summary-store';
import type { Lang } from '@/utils/i18n';

afterEach(cleanup);

function renderBadge(lang: Lang = 'en') {
  const store = new SummaryStore();
  const onOpen = vi.fn();
  render(
    <LangContext.Provider value={lang}>
      <Badge identityId="x:alice" who="@alice" store={store} onOpen={onOpen} />
    </LangContext.Provider>,
  );
  return { store, onOpen };
}

const summary = {
  identityId: 'x:alice',
  customerId: 'c1',
  seenCount: 3,
  repliedCount: 1,
  noteCount: 2,
  tags: ['VIP', '返品'],
  status: 'waiting' as const,
};

describe('badge', () => {
  it('is a named button that says it is loading, then shows the customer', () => {
    const { store } = renderBadge();
    const button = screen.getByRole('button', { name: 'Kotae: @alice' });
    expect(button.getAttribute('title')).toBe('Loading…');
    act(() => store.set([summary]));
    expect(button.textContent).toContain('Waiting');
    expect(button.textContent).toContain('◉4');
    expect(button.textContent).toContain('✎2');
    expect(button.textContent).toContain('#VIP');
    expect(screen.getByRole('button', { name: 'Kotae: @alice', description: /Seen: 3, replied: 1, notes: 2. Tags: VIP, 返品/ })).toBeTruthy();
  });

  it('ignores other customers’ data', () => {
    const { store } = renderBadge();
    act(() => store.set([{ ...summary, identityId: 'x:bob' }]));
    expect(screen.getByRole('button').getAttribute('title')).toBe('Loading…');
  });

  it('says when the data could not be loaded', () => {
    const { store } = renderBadge();
    act(() => store.fail(['x:alice']));
    expect(screen.getByRole('button').getAttribute('title')).toBe('Kotae could not load this customer');
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
    const { store } = renderBadge('ja');
    act(() => store.set([summary]));
    const button = screen.getByRole('button', { name: 'Kotae：@alice' });
    expect(button.textContent).toContain('返信待ち');
    expect(button.getAttribute('title')).toContain('お客様の返信待ち。閲覧 3 回、返信 1 回、メモ 2 件。');
  });
});
