// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { GuidelineRulesEditor } from '@/components/options/GuidelineRulesEditor';
import { LangContext } from '@/components/i18n';
import { readGuidelineRules } from '@/utils/storage';
import { DEFAULT_GUIDELINE_RULES } from '@/utils/guidelines/rules';

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

describe('draft check rules', () => {
  it('saves switches, the length limit and the phrase lists', async () => {
    const user = userEvent.setup();
    render(
      <LangContext.Provider value="en">
        <GuidelineRulesEditor />
      </LangContext.Provider>,
    );
    await user.click(await screen.findByRole('checkbox', { name: 'Phone numbers' }));
    const length = screen.getByRole('spinbutton', { name: 'Longest reply (X’s weighted count)' });
    await user.clear(length);
    await user.type(length, '140');
    const blame = screen.getByRole('textbox', { name: 'Arguing or blaming phrases (one per line)' });
    await user.clear(blame);
    await user.type(blame, 'as I said{Enter}{Enter}  read the manual  ');
    await user.click(screen.getByRole('button', { name: 'Save rules' }));
    await screen.findByText('Saved');
    const saved = await readGuidelineRules();
    expect(saved).toMatchObject({ maxWeightedLength: 140, blamePhrases: ['as I said', 'read the manual'] });
    expect(saved.privateData.phone).toBe(false);
    expect(saved.brushOffPhrases).toEqual(DEFAULT_GUIDELINE_RULES.brushOffPhrases);
  });

  it('refuses an impossible limit without saving, in Japanese', async () => {
    const user = userEvent.setup();
    render(
      <LangContext.Provider value="ja">
        <GuidelineRulesEditor />
      </LangContext.Provider>,
    );
    const length = await screen.findByRole('spinbutton', { name: '返信の最大文字数（X の重み付きカウント）' });
    await user.clear(length);
    await user.type(length, '0');
    await user.click(screen.getByRole('button', { name: 'ルールを保存' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^保存していません/);
    expect((await readGuidelineRules()).maxWeightedLength).toBe(280);
  });
});
