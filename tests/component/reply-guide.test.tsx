// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ReplyGuide } from '@/components/guide/ReplyGuide';
import { ClientContext } from '@/components/client-context';
import { LangContext } from '@/components/i18n';
import { recordSeenPosts } from '@/utils/db/posts';
import { agentProfileItem } from '@/utils/storage';
import type { KotaeDB } from '@/utils/db/kotae-db';
import type { KotaeEvent } from '@/utils/messaging/protocol';
import type { Lang } from '@/utils/i18n';
import { freshDb, seenPost } from '../helpers/db';
import { testClient } from '../helpers/client';

let db: KotaeDB;
beforeEach(async () => {
  fakeBrowser.reset();
  await agentProfileItem.setValue({ id: 'agent-1', name: 'Sato' });
  db = freshDb();
  await recordSeenPosts(db, [seenPost({ authorName: 'Alice Walker' })], new Date());
});
afterEach(cleanup);

function renderGuide({ draft = '', lang = 'en' as Lang, composer = (): unknown => ({ ok: true, method: 'paste' }) } = {}) {
  const { client, events } = testClient(db, { kind: 'extension', tabId: 1 }, (event: KotaeEvent) =>
    event.event === 'composer.insert' ? composer() : undefined,
  );
  const copy = vi.fn(async () => true);
  const onClose = vi.fn();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = (text: string) => (
    <LangContext.Provider value={lang}>
      <ClientContext.Provider value={client}>
        <QueryClientProvider client={queryClient}>
          <ReplyGuide identityId="x:alice" draft={text} onClose={onClose} copyToClipboard={copy} />
        </QueryClientProvider>
      </ClientContext.Provider>
    </LangContext.Provider>
  );
  const { rerender } = render(view(draft));
  return { events, copy, onClose, setDraft: (text: string) => rerender(view(text)) };
}

describe('reply guide', () => {
  it('finds a template by /code, asks for its own variables and fills the rest', async () => {
    const user = userEvent.setup();
    renderGuide();
    const search = await screen.findByRole('searchbox', { name: 'Search templates' });
    await within(await screen.findByRole('list', { name: 'Templates' })).findAllByRole('button');
    await user.type(search, '/ack{Enter}');
    expect(screen.getByRole('button', { name: /Acknowledge/, pressed: true })).toBeTruthy();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'en');
    expect(screen.getByText(/^Hi Alice Walker, thanks for reaching out\. This is Sato\./)).toBeTruthy();

    await user.clear(search);
    await user.type(search, '/sorry{Enter}');
    await user.type(screen.getByRole('textbox', { name: 'Value for {issue}' }), 'your delivery');
    expect(screen.getByText(/Still to fill: \{next_step\}/)).toBeTruthy();
  });

  it('sends the filled text to the composer and says what happened', async () => {
    const user = userEvent.setup();
    const { events } = renderGuide();
    await user.type(await screen.findByRole('searchbox', { name: 'Search templates' }), '/done');
    await within(await screen.findByRole('list', { name: 'Templates' })).findByRole('button', { name: /Resolved/ });
    await user.keyboard('{Enter}');
    await user.click(screen.getByRole('button', { name: 'Insert into reply' }));
    expect((await screen.findByRole('status')).textContent).toMatch(/^Inserted/);
    expect(events).toContainEqual({
      event: 'composer.insert',
      text: "Glad to hear it's sorted, Alice Walker! Reach out any time.",
      replace: false,
      templateId: 'default:resolved',
    });
  });

  it('puts the text on the clipboard when the composer refuses it', async () => {
    const user = userEvent.setup();
    const { copy } = renderGuide({ composer: () => ({ ok: false, reason: 'notTaken' }) });
    await user.type(await screen.findByRole('searchbox', { name: 'Search templates' }), '/done');
    await within(await screen.findByRole('list', { name: 'Templates' })).findByRole('button', { name: /Resolved/ });
    await user.keyboard('{Enter}');
    await user.click(screen.getByRole('button', { name: 'Insert into reply' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/clipboard/);
    expect(copy).toHaveBeenCalledWith("Glad to hear it's sorted, Alice Walker! Reach out any time.");
  });

  it('checks the draft live and offers the DM template for private data', async () => {
    const user = userEvent.setup();
    const { setDraft } = renderGuide();
    await screen.findByText('Nothing to flag.');
    setDraft('Please reply with your card number, or call 090-1234-5678.');
    const findings = await screen.findByRole('list', { name: 'Checks on your draft' });
    expect(within(findings).getAllByRole('listitem').length).toBeGreaterThanOrEqual(2);
    await user.click(screen.getByRole('button', { name: /continue in DM/ }));
    expect(screen.getByRole('button', { name: /Continue in DM or e-mail/, pressed: true })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Replace the draft' })).toBeTruthy();
  });

  it('speaks Japanese and closes with Escape', async () => {
    const user = userEvent.setup();
    const { onClose } = renderGuide({ lang: 'ja' });
    await screen.findByRole('heading', { name: '返信ガイド' });
    await user.type(screen.getByRole('searchbox', { name: 'テンプレートを検索' }), '{Escape}');
    expect(onClose).toHaveBeenCalled();
  });
});
