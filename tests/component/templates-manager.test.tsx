// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TemplatesManager } from '@/components/options/TemplatesManager';
import { LangContext } from '@/components/i18n';
import { db } from '@/utils/db';
import { liveTemplates } from '@/utils/db/templates';
import { defaultTemplateRecords } from '@/utils/templates/defaults';
import type { Lang } from '@/utils/i18n';

beforeEach(async () => {
  await db.templates.clear();
  await db.templates.bulkAdd(defaultTemplateRecords(new Date('2026-11-24T00:00:00Z')));
});
afterEach(cleanup);

function renderManager(lang: Lang = 'en') {
  render(
    <LangContext.Provider value={lang}>
      <TemplatesManager />
    </LangContext.Provider>,
  );
}

const list = () => screen.getByRole('list', { name: 'Reply templates' });

describe('template manager', () => {
  it('lists the defaults and finds by words and /code', async () => {
    const user = userEvent.setup();
    renderManager();
    await waitFor(() => expect(within(list()).getAllByRole('listitem')).toHaveLength(6));
    await user.type(screen.getByRole('searchbox', { name: 'Search templates' }), '/dm');
    expect(within(list()).getAllByRole('listitem')).toHaveLength(1);
    expect(within(list()).getByText('DM・メールへのご案内 / Continue in DM or e-mail')).toBeTruthy();
  });

  it('creates, edits, duplicates and deletes a template', async () => {
    const user = userEvent.setup();
    renderManager();
    await user.click(await screen.findByRole('button', { name: 'New template' }));
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'Out of stock');
    await user.clear(screen.getByRole('combobox', { name: 'Category' }));
    await user.type(screen.getByRole('combobox', { name: 'Category' }), 'apology');
    await user.type(screen.getByRole('textbox', { name: 'Short code (typed as /code)' }), 'stock');
    await user.type(screen.getByRole('textbox', { name: 'English text' }), 'Sorry {{name}, {{item} is out of stock.');
    await user.click(screen.getByRole('button', { name: 'Save template' }));
    await within(list()).findByText('Out of stock');
    const saved = (await liveTemplates(db)).find((t) => t.code === 'stock');
    expect(saved?.variants).toEqual([{ lang: 'en', body: 'Sorry {name}, {item} is out of stock.' }]);

    await user.click(screen.getByRole('button', { name: 'Edit Out of stock' }));
    await user.type(screen.getByRole('textbox', { name: 'Japanese text' }), '{{name}様、在庫切れです。');
    await user.click(screen.getByRole('button', { name: 'Save template' }));
    await waitFor(async () => expect((await db.templates.get(saved!.id))?.variants).toHaveLength(2));

    await user.click(screen.getByRole('button', { name: 'Duplicate Out of stock' }));
    await within(list()).findByText('Out of stock (copy)');

    await user.click(screen.getByRole('button', { name: 'Delete Out of stock' }));
    await user.click(within(screen.getByRole('group', { name: 'Delete the template "Out of stock"?' })).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(within(list()).queryByText('Out of stock')).toBeNull());
    expect((await db.templates.get(saved!.id))?.deletedAt).not.toBeNull();
  });

  it('keeps the form when the code is taken, with a reason', async () => {
    const user = userEvent.setup();
    renderManager();
    await user.click(await screen.findByRole('button', { name: 'New template' }));
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'Mine');
    await user.type(screen.getByRole('textbox', { name: 'Short code (typed as /code)' }), 'ack');
    await user.click(screen.getByRole('button', { name: 'Save template' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Write the text in at least one language.');
    await user.type(screen.getByRole('textbox', { name: 'English text' }), 'Hello');
    await user.click(screen.getByRole('button', { name: 'Save template' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('That short code is already used by another template.'));
    expect((screen.getByRole('textbox', { name: 'English text' }) as HTMLTextAreaElement).value).toBe('Hello');
  });

  it('refuses a bad import file whole, with lines and reasons, in Japanese', async () => {
    const user = userEvent.setup();
    renderManager('ja');
    const before = (await liveTemplates(db)).length;
    const bad = new File(
      ['{\n  "format": "kotae-templates",\n  "version": 1,\n  "templates": [\n    { "title": "ok", "category": "c", "variants": [{ "lang": "ja", "body": "ok" }] },\n    { "title": "", "category": "c", "variants": [] }\n  ]\n}'],
      'bad.json',
      { type: 'application/json' },
    );
    await user.upload(await screen.findByLabelText('テンプレートを読み込む（JSON ファイル）'), bad);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('読み込みませんでした');
    expect(alert.textContent).toMatch(/6 行/);
    expect(await liveTemplates(db)).toHaveLength(before);
  });

  it('imports a good file and reports how many', async () => {
    const user = userEvent.setup();
    renderManager();
    const good = new File(
      [JSON.stringify({ format: 'kotae-templates', version: 1, templates: [{ id: 'i1', title: 'Imported', category: 'c', variants: [{ lang: 'en', body: 'x' }] }] })],
      'good.json',
    );
    await user.upload(await screen.findByLabelText('Import templates (JSON file)'), good);
    expect((await screen.findByRole('status')).textContent).toBe('Imported 1 new and 0 updated templates.');
    await within(list()).findByText('Imported');
  });
});
