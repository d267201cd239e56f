import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addNote, addTag, deleteNote, linkIdentity, removeTag, setStatus, updateNote } from '@/utils/db/customers';
import { markPost, recordReply, recordSeenPosts } from '@/utils/db/posts';
import { saveTemplate } from '@/utils/db/templates';
import { recordFeedback, withdrawFeedback } from '@/utils/db/feedback';
import type { KotaeDB } from '@/utils/db/kotae-db';
import { cleanText } from '@/utils/model';
import { agentProfileItem, guidelineRulesItem, readAgentProfile, readWatchSearches, teamIdentitiesItem, timerSettingsItem, watchSearchesItem } from '@/utils/storage';
import { DEFAULT_GUIDELINE_RULES } from '@/utils/guidelines/rules';
import { exportEverything } from '@/utils/transfer/export';
import { importEverything } from '@/utils/transfer/import';
import { TABLE_NAMES } from '@/utils/transfer/tables';
import { actor, freshDb, seenPost } from '../helpers/db';

// Fresh databases fill in the default templates stamped "now": one fixed now makes
// them the same on both sides of the move.
const NOW = new Date('2026-11-24T03:00:00.000Z');
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  fakeBrowser.reset();
});
afterEach(() => vi.useRealTimers());

const at = (iso: string) => actor(new Date(iso));

/** Both sites, Japanese, emoji, HTML-looking text, tombstones, revisions, private notes, templates, settings. */
async function variedDatabase(): Promise<KotaeDB> {
  const db = freshDb();
  await recordSeenPosts(
    db,
    [
      seenPost({ authorName: '山田 花子 🌸', text: '注文した商品が届きません😢 <script>alert(1)</script>' }),
      seenPost({ postId: '1790000000000000002', authorHandle: 'bob_99', authorName: 'Bob <b>bold</b>', text: 'Where is "my" order, 1, 2?' }),
      seenPost({
        platform: 'facebook',
        postId: '1000555',
        authorHandle: '100012345',
        authorName: 'Taro Suzuki',
        text: cleanText('改行\r\nあり\u0007 & <img src=x onerror=alert(1)>'),
        permalink: 'https://www.facebook.com/permalink.php?story_fbid=1000555&id=100012345',
      }),
    ],
    new Date('2026-05-01T09:00:00Z'),
  );
  const n1 = await addNote(db, { identityId: 'x:alice', body: 'お詫びの品を送付済み 🎁\n次回は =SUM(A1) に注意', postKey: 'x:1790000000000000001' }, at('2026-05-01T10:00:00Z'));
  await updateNote(db, { noteId: n1.id, body: '送付済み（追跡番号 1234）<b>太字ではない</b>' }, at('2026-05-01T11:00:00Z'));
  await addNote(db, { identityId: 'x:alice', body: 'Private: VIP, be kind', postKey: null, private: true }, at('2026-05-01T10:30:00Z'));
  const gone = await addNote(db, { identityId: 'x:bob_99', body: 'wrong customer', postKey: null }, at('2026-05-01T10:40:00Z'));
  await deleteNote(db, gone.id, at('2026-05-01T10:41:00Z'));
  // A note edited on two machines at once: the team server kept the earlier body.
  const revised = await addNote(db, { identityId: 'facebook:100012345', body: '電話で対応 ☎', postKey: 'facebook:1000555' }, at('2026-05-02T08:00:00Z'));
  await db.notes.update(revised.id, {
    revisions: [{ body: 'メールで対応', authorName: 'Kato', replacedAt: '2026-05-02T08:00:00.000Z' }],
  });
  await addTag(db, { identityId: 'x:alice', label: '配送' }, at('2026-05-01T10:00:00Z'));
  await addTag(db, { identityId: 'x:alice', label: 'vip' }, at('2026-05-01T10:00:00Z'));
  const removed = await addTag(db, { identityId: 'x:bob_99', label: 'spam?' }, at('2026-05-01T10:00:00Z'));
  await removeTag(db, removed.id, at('2026-05-01T12:00:00Z'));
  await setStatus(db, 'x:bob_99', 'waiting', at('2026-05-01T12:00:00Z'));
  await linkIdentity(db, { identityId: 'x:alice', kind: 'email', handle: 'Hanako@Example.jp' }, at('2026-05-01T13:00:00Z'));
  await markPost(db, { postKey: 'x:1790000000000000002', mark: 'movedToPrivate' }, at('2026-05-01T14:00:00Z'));
  await recordReply(db, { post: seenPost(), text: '山田様、申し訳ございません。', templateId: 'default:apology' }, at('2026-05-01T09:30:00Z'));
  await saveTemplate(db, { title: '在庫切れ', category: 'apology', code: 'stock', variants: [{ lang: 'ja', body: '{name}様、在庫切れです。' }, { lang: 'en', body: 'Sorry {name}, out of stock.' }], scope: 'team' }, new Date('2026-06-01T00:00:00Z'));
  await recordFeedback(db, { postKey: 'x:1790000000000000001', kind: 'complaint', area: '配送', comment: '2 週間届かない <i>!</i>' }, at('2026-05-01T09:10:00Z'));
  const withdrawn = await recordFeedback(db, { postKey: 'facebook:1000555', kind: 'praise', area: 'app', comment: '' }, at('2026-05-01T09:20:00Z'));
  await withdrawFeedback(db, withdrawn.id, at('2026-05-01T09:25:00Z'));
  // A default template edited here after this machine was set up.
  const ack = (await db.templates.get('default:acknowledge'))!;
  await saveTemplate(db, { ...ack, title: 'Ack (edited)' }, new Date('2026-12-01T00:00:00Z'), ack.id);

  await agentProfileItem.setValue({ ...(await readAgentProfile()), name: '佐藤 🍣' });
  await guidelineRulesItem.setValue({ ...DEFAULT_GUIDELINE_RULES, maxWeightedLength: 500, blamePhrases: ['お客様の勘違い', '<b>'] });
  await timerSettingsItem.setValue({ targetMinutes: 30, warningRatio: 0.5, followUpHours: 12, privateFollowUpHours: 48 });
  await teamIdentitiesItem.setValue(['x:kotae_support', 'facebook:kotae.jp']);
  await watchSearchesItem.setValue([
    { id: 'w-1', query: 'コタエ OR kotae', label: 'ブランド' },
    { id: 'w-2', query: '"kotea" -from:kotae_support' },
  ]);
  return db;
}

/** The export without its time, every list sorted by id. */
function normalised(text: string): string {
  const file = JSON.parse(text) as { exportedAt?: string; records: Record<string, { id: string }[]> };
  delete file.exportedAt;
  for (const rows of Object.values(file.records)) rows.sort((a, b) => a.id.localeCompare(b.id));
  return JSON.stringify(file);
}

async function counts(db: KotaeDB): Promise<Record<string, number>> {
  return Object.fromEntries(await Promise.all(TABLE_NAMES.map(async (name) => [name, await db.table(name).count()])));
}

describe('export and import of everything', () => {
  it('moves a varied database to a fresh browser with nothing lost', async () => {
    const source = await variedDatabase();
    const first = await exportEverything(source, NOW);
    const parsed = JSON.parse(first);
    expect(parsed).toMatchObject({ format: 'kotae-export', version: 1, exportedAt: NOW.toISOString() });
    expect(parsed.records.notes.filter((n: { deletedAt: string | null }) => n.deletedAt !== null)).toHaveLength(1);
    expect(parsed.records.interactions.some((i: { kind: string }) => i.kind === 'seen')).toBe(true);
    expect(parsed.records.feedback).toHaveLength(2);
    expect(parsed.records.changeLog.length).toBeGreaterThan(10);
    expect(parsed.settings).toMatchObject({ agentName: '佐藤 🍣', timer: { targetMinutes: 30 }, teamIdentities: ['facebook:kotae.jp', 'x:kotae_support'] });
    // Never the session, the token or this browser's agent id.
    expect(first).not.toMatch(/token|session|"id":"[0-9a-f-]{36}","name"/);

    // A new machine: an empty database and empty extension storage.
    fakeBrowser.reset();
    const target = freshDb();
    const result = await importEverything(target, first);
    expect(result.ok).toBe(true);
    const second = await exportEverything(target, new Date('2027-01-01T00:00:00Z'));
    expect(normalised(second)).toBe(normalised(first));
    expect((await readAgentProfile()).name).toBe('佐藤 🍣');
    expect((await readWatchSearches()).map((w) => w.query)).toEqual(['コタエ OR kotae', '"kotea" -from:kotae_support']);
    expect((await target.notes.toArray()).find((n) => n.revisions)?.revisions?.[0]?.body).toBe('メールで対応');
  });

  it('changes nothing when the same file is imported again', async () => {
    const source = await variedDatabase();
    const file = await exportEverything(source, NOW);
    const target = freshDb();
    const first = await importEverything(target, file);
    const countsAfterFirst = await counts(target);
    const exportAfterFirst = normalised(await exportEverything(target, NOW));

    const again = await importEverything(target, file);
    expect(again.ok && Object.values(again.outcome).every((o) => o.added === 0 && o.updated === 0)).toBe(true);
    expect(first.ok && first.outcome.notes.added).toBe(4);
    expect(await counts(target)).toEqual(countsAfterFirst);
    expect(normalised(await exportEverything(target, NOW))).toBe(exportAfterFirst);
    // And into the database it came from: nothing new either.
    const back = await importEverything(source, file);
    expect(back.ok && Object.values(back.outcome).reduce((sum, o) => sum + o.added + o.updated, 0)).toBe(0);
  });
});
