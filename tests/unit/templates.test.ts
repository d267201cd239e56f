import { describe, expect, it } from 'vitest';
import { automaticValues, fillTemplate, promptedVariables, templateVariables } from '@/utils/templates/variables';
import { searchTemplates, variantFor } from '@/utils/templates/search';
import { exportTemplates, parseTemplateFile } from '@/utils/templates/transfer';
import { defaultTemplateRecords, DEFAULT_TEMPLATES, MOVE_TO_PRIVATE_TEMPLATE_ID } from '@/utils/templates/defaults';
import { deleteTemplate, duplicateTemplate, importTemplates, liveTemplates, saveTemplate } from '@/utils/db/templates';
import { templateSchema, type Template } from '@/utils/model';
import { freshDb } from '../helpers/db';

const now = new Date('2026-11-24T03:00:00Z');
const defaults = defaultTemplateRecords(now);

describe('variables', () => {
  it('finds variables once each, in order, and tells which the agent must fill', () => {
    expect(templateVariables('{name}、{order_id}の件です。{name}様')).toEqual(['name', 'order_id']);
    expect(promptedVariables('{name} {agent} {date} {handle} {order_id}')).toEqual(['order_id']);
  });

  it('fills what it knows and leaves the rest visible', () => {
    expect(fillTemplate('{name}様、{order_id}を確認します', { name: '佐藤', order_id: '' })).toEqual({
      text: '佐藤様、{order_id}を確認します',
      missing: ['order_id'],
    });
  });

  it('inserts values as text, once', () => {
    expect(fillTemplate('Hi {name}', { name: '{agent} <b>x</b>', agent: 'Eve' }).text).toBe('Hi {agent} <b>x</b>');
  });

  it('formats {date} in the template language', () => {
    const base = { customerName: 'A', customerHandle: 'a', agentName: 'B', now };
    expect(automaticValues({ ...base, lang: 'ja' }).date).toBe('2026年11月24日');
    expect(automaticValues({ ...base, lang: 'en' }).date).toBe('November 24, 2026');
  });
});

describe('default templates', () => {
  it('are valid, in both languages, with unique codes, and include the move-to-DM one', () => {
    for (const template of defaults) {
      expect(templateSchema.safeParse(template).success, template.id).toBe(true);
      expect(template.variants.map((v) => v.lang).sort()).toEqual(['en', 'ja']);
    }
    expect(new Set(DEFAULT_TEMPLATES.map((t) => t.code)).size).toBe(DEFAULT_TEMPLATES.length);
    expect(defaults.find((t) => t.id === MOVE_TO_PRIVATE_TEMPLATE_ID)?.category).toBe('moveToPrivate');
  });
});

describe('search', () => {
  it('picks by /code, exact code first', () => {
    const extra = { ...defaults[0]!, id: 'x', code: 'ackx', title: 'Zed' };
    expect(searchTemplates([extra, ...defaults], { query: '/ack' }).map((t) => t.code)).toEqual(['ack', 'ackx']);
    expect(searchTemplates(defaults, { query: '/zzz' })).toEqual([]);
  });

  it('finds words in title, category and text, width- and case-insensitively', () => {
    expect(searchTemplates(defaults, { query: 'ＤＭ' })[0]?.id).toBe(MOVE_TO_PRIVATE_TEMPLATE_ID);
    expect(searchTemplates(defaults, { query: 'apology' }).map((t) => t.id)).toEqual(['default:apology']);
    expect(searchTemplates(defaults, { query: '安心' }).map((t) => t.id)).toEqual(['default:resolved']);
    expect(searchTemplates(defaults, { query: 'sorry trouble' }).map((t) => t.id)).toEqual(['default:apology']);
  });

  it('filters by category and language and never shows deleted templates', () => {
    const enOnly: Template = { ...defaults[1]!, id: 'en-only', code: null, variants: [{ lang: 'en', body: 'Hello' }] };
    const gone: Template = { ...defaults[1]!, id: 'gone', code: null, deletedAt: now.toISOString() };
    expect(searchTemplates([enOnly, gone], { lang: 'ja' })).toEqual([]);
    expect(searchTemplates([enOnly, gone], { category: 'apology' }).map((t) => t.id)).toEqual(['en-only']);
    expect(variantFor(enOnly, 'ja').lang).toBe('en');
  });
});

describe('import and export', () => {
  it('round-trips losslessly', () => {
    const parsed = parseTemplateFile(exportTemplates(defaults, now), now);
    expect(parsed).toEqual({ ok: true, templates: defaults });
  });

  it('reports a syntax error with its line', () => {
    const result = parseTemplateFile('{\n  "format": "kotae-templates",\n  "version": 1,\n  "templates": [,]\n}', now);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ line: 4, reason: expect.stringMatching(/JSON syntax/) });
  });

  it('reports each invalid template with its line and reason, and imports none', () => {
    const file = JSON.stringify(
      {
        format: 'kotae-templates',
        version: 1,
        templates: [
          { title: 'ok', category: 'apology', variants: [{ lang: 'ja', body: 'ok' }] },
          { title: 'bad code', category: 'apology', code: 'Not A Code', variants: [{ lang: 'ja', body: 'x' }] },
          { title: 'no text', category: 'apology', variants: [{ lang: 'en', body: '   ' }] },
          { title: 'two ja', category: 'apology', variants: [{ lang: 'ja', body: 'a' }, { lang: 'ja', body: 'b' }] },
        ],
      },
      null,
      2,
    );
    const result = parseTemplateFile(file, now);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const lines = file.split('\n');
    const byPath = Object.fromEntries(result.problems.map((p) => [p.path, p]));
    expect(lines[byPath['templates.1.code']!.line - 1]).toContain('"code": "Not A Code"');
    expect(byPath['templates.1.code']!.reason).toMatch(/not a code/);
    expect(lines[byPath['templates.2.variants.0.body']!.line - 1]).toContain('"body": "   "');
    expect(byPath['templates.3.variants']!.reason).toBe('one variant per language');
  });

  it('refuses files of another kind, duplicates in a file and oversized texts', () => {
    expect(parseTemplateFile('', now)).toMatchObject({ ok: false, problems: [{ reason: 'The file is empty' }] });
    expect(parseTemplateFile('{"format":"kotae-export","version":1,"templates":[]}', now)).toMatchObject({
      ok: false,
      problems: [{ path: 'format' }],
    });
    const twice = parseTemplateFile(
      JSON.stringify({
        format: 'kotae-templates',
        version: 1,
        templates: [
          { id: 'a', title: 'A', category: 'c', code: 'x', variants: [{ lang: 'en', body: 'a' }] },
          { id: 'b', title: 'B', category: 'c', code: 'x', variants: [{ lang: 'en', body: 'b'.repeat(5001) }] },
        ],
      }),
      now,
    );
    expect(twice.ok).toBe(false);
  });
});

describe('stored templates', () => {
  it('start with the defaults and can be created, duplicated and deleted', async () => {
    const db = freshDb();
    expect(await liveTemplates(db)).toHaveLength(6);
    const mine = await saveTemplate(
      db,
      { title: ' 在庫切れ ', category: 'apology', code: 'stock', variants: [{ lang: 'ja', body: '{name}様、在庫切れです' }], scope: 'personal' },
      now,
    );
    expect(mine.title).toBe('在庫切れ');
    await expect(saveTemplate(db, { ...mine, title: 'other' }, now)).rejects.toMatchObject({ code: 'codeTaken' });
    const copy = await duplicateTemplate(db, mine.id, '(copy)', now);
    expect(copy).toMatchObject({ title: '在庫切れ (copy)', code: null });
    await deleteTemplate(db, mine.id, now);
    expect((await liveTemplates(db)).map((t) => t.id)).not.toContain(mine.id);
    await expect(deleteTemplate(db, mine.id, now)).rejects.toMatchObject({ code: 'notFound' });
  });

  it('imports a file whole, never twice, and refuses it whole on a code clash', async () => {
    const db = freshDb();
    const file = JSON.stringify({
      format: 'kotae-templates',
      version: 1,
      templates: [
        { id: 'imp-1', title: 'One', category: 'c', code: 'one', variants: [{ lang: 'en', body: '1' }] },
        { id: 'imp-2', title: 'Two', category: 'c', variants: [{ lang: 'en', body: '2' }] },
      ],
    });
    const parsed = parseTemplateFile(file, now);
    if (!parsed.ok) throw new Error('expected a valid file');
    expect(await importTemplates(db, parsed.templates)).toEqual({ added: 2, replaced: 0 });
    expect(await importTemplates(db, parsed.templates)).toEqual({ added: 0, replaced: 2 });
    expect(await liveTemplates(db)).toHaveLength(8);

    const clash = parseTemplateFile(file.replace('"imp-1"', '"imp-3"').replace('"imp-2"', '"imp-4"').replace('"one"', '"ack"'), now);
    if (!clash.ok) throw new Error('expected a valid file');
    await expect(importTemplates(db, clash.templates)).rejects.toMatchObject({ code: 'codeTaken' });
    expect(await liveTemplates(db)).toHaveLength(8);
  });
});
