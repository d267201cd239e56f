/*
 * Backup import benchmark: a 100,000-record Kotae backup (10,000 customers, 12,000
 * identities, 20,000 notes with edits, revisions and tombstones, 8,000 tags, 50,000
 * interactions, mostly sightings) serialised as the export writes it, then checked
 * (parse and validate in chunks) and applied (one transaction) into an empty database,
 * then applied again (every record already there). Prints the time of each step and the
 * peak memory (process.memoryUsage() sampled every 20 ms and at each step: rss and heapUsed).
 *
 * Runs with tsx in Node over fake-indexeddb, not a browser's IndexedDB: the apply figure
 * is for comparing versions of this code, not a promise of what Chrome takes.
 *
 *   npx tsx bench/import.bench.ts
 *
 * Environment: BENCH_RECORDS (total records, default 100000). It prints figures and exits 0.
 */
import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Customer, Identity, Interaction, Note, Tag } from '../utils/model';

// Settings live in extension storage; in Node the fake browser stands in for it.
Object.assign(globalThis, { browser: fakeBrowser, chrome: fakeBrowser });
const { KotaeDB } = await import('../utils/db/kotae-db');
const { serialiseExport, EXPORT_FORMAT, EXPORT_VERSION } = await import('../utils/transfer/export');
const { checkExportFile, checkReferences } = await import('../utils/transfer/check');
const { applyImport } = await import('../utils/transfer/apply');
const { emptyRecordSet } = await import('../utils/transfer/tables');

const TOTAL = Number.parseInt(process.env.BENCH_RECORDS ?? '100000', 10);
const MB = 1024 * 1024;

let peak = { rss: 0, heapUsed: 0 };
let overall = { rss: 0, heapUsed: 0 };
function sample() {
  const { rss, heapUsed } = process.memoryUsage();
  peak = { rss: Math.max(peak.rss, rss), heapUsed: Math.max(peak.heapUsed, heapUsed) };
  overall = { rss: Math.max(overall.rss, rss), heapUsed: Math.max(overall.heapUsed, heapUsed) };
}
const baseline = process.memoryUsage();
const sampler = setInterval(sample, 20);

async function step<T>(label: string, run: () => Promise<T> | T): Promise<{ result: T; ms: number; peak: typeof peak }> {
  peak = { rss: 0, heapUsed: 0 };
  sample();
  const started = performance.now();
  const result = await run();
  const ms = performance.now() - started;
  sample();
  console.log(
    `${label.padEnd(34)} ${ms.toFixed(0).padStart(7)} ms   peak rss ${(peak.rss / MB).toFixed(0).padStart(5)} MB   peak heapUsed ${(peak.heapUsed / MB).toFixed(0).padStart(5)} MB`,
  );
  return { result, ms, peak };
}

const SENTENCES = [
  'ご注文の商品がまだ届いていないとのこと、確認しました。追跡番号 1234-5678 を DM で案内済み。',
  'Customer says the app crashes on login since v2.3.1; asked for device model.',
  '返金手続き完了。次回来店時にクーポン（10%オフ）をお渡しする約束 🎁',
  'Angry about the delay, but polite. <b>Not</b> a bold tag, just text.',
  '電話で対応。住所変更あり → システム更新済み',
];

function mix(total: number) {
  const share = (fraction: number) => Math.round(total * fraction);
  const customers = share(0.1);
  const records = emptyRecordSet();
  const iso = (minutes: number) => new Date(Date.UTC(2025, 0, 1) + minutes * 60_000).toISOString();
  for (let i = 0; i < customers; i += 1) {
    const row: Customer = { id: `c:x:user${i}`, displayName: `顧客 ${i} 🌸`, status: (['new', 'open', 'waiting', 'resolved'] as const)[i % 4]!, createdAt: iso(i), updatedAt: iso(i + 60), mergedInto: null };
    records.customers.push(row as unknown as (typeof records.customers)[number]);
  }
  for (let i = 0; i < share(0.12); i += 1) {
    const c = i % customers;
    const facebook = i >= customers;
    const row: Identity = {
      id: facebook ? `facebook:${100000 + i}` : `x:user${c}`,
      kind: facebook ? 'facebook' : 'x',
      handle: facebook ? String(100000 + i) : `user${c}`,
      displayName: `顧客 ${c}`,
      customerId: `c:x:user${c}`,
      createdAt: iso(i),
      updatedAt: iso(i),
      linkedByHand: facebook,
    };
    records.identities.push(row as unknown as (typeof records.identities)[number]);
  }
  for (let i = 0; i < share(0.2); i += 1) {
    const body = `${SENTENCES[i % SENTENCES.length]} (${i})`;
    const row: Note = {
      id: `note-${i.toString(36).padStart(8, '0')}`,
      customerId: `c:x:user${i % customers}`,
      body,
      ...(i % 10 === 0 ? { private: true } : {}),
      ...(i % 25 === 0 ? { revisions: [{ body: `${SENTENCES[(i + 1) % SENTENCES.length]}`, authorName: 'Kato', replacedAt: iso(i + 5) }] } : {}),
      authorId: `agent-${i % 7}`,
      authorName: ['佐藤', '鈴木', 'Tanaka', 'Lee', '高橋', 'Kim', '伊藤'][i % 7]!,
      postKey: i % 3 === 0 ? null : `x:${1790000000000000000n + BigInt(i)}`,
      createdAt: iso(i),
      updatedAt: iso(i + 5),
      deletedAt: i % 40 === 0 ? iso(i + 10) : null,
    };
    records.notes.push(row as unknown as (typeof records.notes)[number]);
  }
  for (let i = 0; i < share(0.08); i += 1) {
    const c = i % customers;
    const label = ['配送', 'vip', '返金', 'bug', 'クレーム'][Math.floor(i / customers) % 5]!;
    const row: Tag = { id: `c:x:user${c}:${label}`, customerId: `c:x:user${c}`, label, createdAt: iso(i), createdBy: 'agent-1', deletedAt: i % 30 === 0 ? iso(i + 1) : null };
    records.tags.push(row as unknown as (typeof records.tags)[number]);
  }
  const interactions = total - customers - records.identities.length - records.notes.length - records.tags.length;
  for (let i = 0; i < interactions; i += 1) {
    const c = i % customers;
    const post = `${1790000000000000000n + BigInt(i)}`;
    const kind = i % 5 === 0 ? 'replied' : 'seen';
    const row: Interaction = {
      id: `${kind}:x:${post}`,
      customerId: `c:x:user${c}`,
      identityId: `x:user${c}`,
      kind,
      postKey: `x:${post}`,
      postUrl: `https://x.com/user${c}/status/${post}`,
      postText: SENTENCES[i % SENTENCES.length]!,
      postedAt: iso(i),
      recordedAt: iso(i + 1),
      byAgentId: kind === 'seen' ? null : 'agent-1',
      ...(kind === 'replied' ? { templateId: 'default:acknowledge' } : {}),
    };
    records.interactions.push(row as unknown as (typeof records.interactions)[number]);
  }
  return records;
}

console.log(`Backup import of ${TOTAL.toLocaleString('en')} records (tsx in Node over fake-indexeddb, not a browser's IndexedDB)`);
const records = mix(TOTAL);
console.log(
  `mix: ${Object.entries(records)
    .map(([name, rows]) => `${name} ${rows.length.toLocaleString('en')}`)
    .join(', ')}`,
);
const { result: text } = await step('serialise (export)', () =>
  serialiseExport({ format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: new Date().toISOString(), records, settings: {} }),
);
console.log(`file size ${(Buffer.byteLength(text) / MB).toFixed(1)} MB`);
// JSON.parse is one call the page cannot interrupt; the record checks after it yield every 2,000 records.
await step('JSON.parse alone (part of validate)', () => void JSON.parse(text));
const { result: checked } = await step('validate (parse + check in chunks)', () => checkExportFile(text));
if (!checked.ok) throw new Error(`the generated backup did not check: ${JSON.stringify(checked.problems.slice(0, 3))}`);
const db = new KotaeDB(`kotae-bench-import-${Date.now()}`);
await db.open();
const references = await step('validate customer references', () => checkReferences(db, checked.file));
if (!references.result.ok) throw new Error('the generated backup points at missing customers');
const first = await step('apply into an empty database', () => applyImport(db, checked.file.records));
const second = await step('apply again (all already there)', () => applyImport(db, checked.file.records));
const written = Object.values(first.result).reduce((sum, o) => sum + o.added, 0);
const unchanged = Object.values(second.result).reduce((sum, o) => sum + o.unchanged, 0);
console.log(`first apply added ${written.toLocaleString('en')}; second apply left ${unchanged.toLocaleString('en')} unchanged`);
clearInterval(sampler);
console.log(
  `memory: before building the records rss ${(baseline.rss / MB).toFixed(0)} MB, heapUsed ${(baseline.heapUsed / MB).toFixed(0)} MB; ` +
    `peak over the run rss ${(overall.rss / MB).toFixed(0)} MB, heapUsed ${(overall.heapUsed / MB).toFixed(0)} MB`,
);
db.close();
