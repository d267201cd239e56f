// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AgentSettings } from '@/components/options/AgentSettings';
import { OptionsPage } from '@/components/options/OptionsPage';
import { LangContext } from '@/components/i18n';
import { agentProfileItem, readAgentProfile } from '@/utils/storage';

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

describe('agent settings', () => {
  it('saves the name notes are signed with, keeping the agent id', async () => {
    const user = userEvent.setup();
    const { id } = await readAgentProfile();
    render(
      <LangContext.Provider value="ja">
        <AgentSettings />
      </LangContext.Provider>,
    );
    const field = await screen.findByRole('textbox', { name: 'あなたの名前（メモに表示されます）' });
    await waitFor(() => expect((field as HTMLInputElement).disabled).toBe(false));
    await user.type(field, '  佐藤  ');
    await user.click(screen.getByRole('button', { name: '設定を保存' }));
    await screen.findByText('保存しました');
    expect(await agentProfileItem.getValue()).toEqual({ id, name: '佐藤' });
  });

  it('repairs a damaged profile instead of failing, keeping its id', async () => {
    await fakeBrowser.storage.local.set({ agentProfile: { id: 'agent-7', name: 42 } });
    expect(await readAgentProfile()).toEqual({ id: 'agent-7', name: '' });
    await fakeBrowser.storage.local.set({ agentProfile: 'garbage' });
    expect((await readAgentProfile()).id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('options page', () => {
  it('lists its sections first, each a link to its place on the page, in both languages', async () => {
    for (const [lang, nav, first] of [
      ['en', 'Sections of this page', 'Reply templates'],
      ['ja', 'このページの項目', '返信テンプレート'],
    ] as const) {
      render(
        <LangContext.Provider value={lang}>
          <OptionsPage />
        </LangContext.Provider>,
      );
      const links = within(screen.getByRole('navigation', { name: nav })).getAllByRole('link');
      expect(links.map((link) => link.getAttribute('href'))).toEqual(['#templates', '#rules', '#timer', '#watch', '#feedback', '#reports', '#backup']);
      expect(links[0]?.textContent).toBe(first);
      for (const link of links) {
        const target = document.getElementById(link.getAttribute('href')!.slice(1));
        expect(target).not.toBeNull();
      }
      cleanup();
    }
  });
});
