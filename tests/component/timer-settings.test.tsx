// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TimerSettingsEditor } from '@/components/options/TimerSettingsEditor';
import { LangContext } from '@/components/i18n';
import { readTeamIdentities, readTimerSettings } from '@/utils/storage';

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

const renderEditor = (lang: 'en' | 'ja' = 'en') =>
  render(
    <LangContext.Provider value={lang}>
      <TimerSettingsEditor />
    </LangContext.Provider>,
  );

describe('response time settings', () => {
  it('saves the target, the warning point and the team’s own accounts', async () => {
    const user = userEvent.setup();
    renderEditor();
    const target = await screen.findByRole('spinbutton', { name: 'Answer within (minutes)' });
    await user.clear(target);
    await user.type(target, '30');
    const warning = screen.getByRole('spinbutton', { name: 'Warn at (% of that time)' });
    await user.clear(warning);
    await user.type(warning, '50');
    await user.type(
      screen.getByRole('textbox', { name: /Your team’s own accounts/ }),
      '@KotaeSupport{Enter}kotae_jp{Enter}https://www.facebook.com/KotaeShop?ref=bookmarks{Enter}facebook:100012345',
    );
    await user.click(screen.getByRole('button', { name: 'Save response times' }));
    await screen.findByText('Saved');
    expect(await readTimerSettings()).toMatchObject({ targetMinutes: 30, warningRatio: 0.5 });
    expect([...(await readTeamIdentities())].sort()).toEqual(['facebook:100012345', 'facebook:kotaeshop', 'x:kotae_jp', 'x:kotaesupport']);
  });

  it('shows the saved accounts again for editing', async () => {
    const user = userEvent.setup();
    renderEditor();
    const box = await screen.findByRole('textbox', { name: /Your team’s own accounts/ });
    await user.type(box, 'x.com/Kotae_JP{Enter}fb:KotaeShop');
    await user.click(screen.getByRole('button', { name: 'Save response times' }));
    await screen.findByText('Saved');
    cleanup();
    renderEditor();
    const again = await screen.findByRole('textbox', { name: /Your team’s own accounts/ });
    expect((again as HTMLTextAreaElement).value.split('\n').sort()).toEqual(['@kotae_jp', 'facebook:kotaeshop']);
  });

  it('refuses a handle that cannot be one, saving nothing, in Japanese', async () => {
    const user = userEvent.setup();
    renderEditor('ja');
    await user.type(await screen.findByRole('textbox', { name: /チームのアカウント/ }), '@kotae{Enter}not a handle!');
    await user.click(screen.getByRole('button', { name: '返信時間の設定を保存' }));
    expect((await screen.findByRole('alert')).textContent).toContain('not a handle!');
    expect(await readTeamIdentities()).toEqual(new Set());
  });
});
