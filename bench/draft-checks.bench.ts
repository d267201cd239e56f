/*
 * Draft checks benchmark: time of one `checkDraft` call with the default rules, as run on
 * every keystroke in the reply composer, on realistic mixed Japanese/English drafts of
 * 280 and 5,000 characters with dates, prices, order numbers, links and a phone number.
 *
 *   npx tsx bench/draft-checks.bench.ts
 *
 * Environment: BENCH_ITERATIONS (timed calls per size, default 2000), BENCH_WARMUP
 * (untimed calls first, default 300).
 *
 * It prints figures and exits 0 even when the target is missed.
 */
import { checkDraft, DEFAULT_GUIDELINE_RULES } from '../utils/guidelines';
import { maxFinite, percentile } from './lib/stats';

const TARGET_P95_MS_AT_280 = 2;
/** Drafts typed in a row differ by a character; cycling through variants keeps any cache honest. */
const VARIANTS = 64;

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number.parseInt(raw, 10);
  if (!Number.isFinite(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}".`);
  return value;
}

const SENTENCES = [
  '田中様、ご連絡ありがとうございます。ご注文番号 12345678 の件、2026年11月24日 10:30 に発送いたしました。',
  'Hi @sam_k, thanks for reaching out! Order #4821 shipped on 11/24 and should arrive by 11/27.',
  'If it happens again, call our support line on 0120-123-456 (9:00-18:00).',
  '商品代金は税込3,300円、送料は¥550です。お届けまで1-2日ほどかかります。',
  'The refund of $19.99 (15% off) will reach your card within 3-5 business days.',
  '詳しくお調べしますので、お手数ですがDMでご注文時のお名前をお知らせください。',
  'Could you DM us the e-mail address on your account so we can look into it?',
  'アプリを v2.3.1 にアップデートすると改善される場合があります。詳細は https://example.com/help/1234 をご覧ください。',
  'Version 14.2.1 fixes the crash; see https://example.com/status/20261124 for details.',
  'ご不便をおかけし申し訳ございません。担当部署で確認し、明日の15時までにこちらでご連絡いたします。',
];

/** A draft of exactly `length` UTF-16 units, the sentences interleaved from `offset`. */
function draftOf(length: number, offset: number): string {
  let text = '';
  for (let i = offset; text.length < length; i++) text += `${SENTENCES[i % SENTENCES.length]} `;
  return text.slice(0, length);
}

/** The draft as it looks mid-typing: the last character varies between calls. */
function variants(length: number): string[] {
  const base = draftOf(length - 1, 0);
  const endings = 'abcdefghijklmnopqrstuvwxyzあいうえおかきくけこさしすせそ0123456789、。!?';
  return Array.from({ length: VARIANTS }, (_, i) => base + endings.charAt(i % endings.length));
}

interface Figures {
  length: number;
  findings: string;
  p50: number;
  p95: number;
  max: number;
}

function measure(length: number, iterations: number, warmup: number): Figures {
  const drafts = variants(length);
  for (let i = 0; i < warmup; i++) checkDraft(drafts[i % VARIANTS]!, DEFAULT_GUIDELINE_RULES);
  const times: number[] = [];
  let sink = 0;
  for (let i = 0; i < iterations; i++) {
    const draft = drafts[i % VARIANTS]!;
    const started = performance.now();
    sink += checkDraft(draft, DEFAULT_GUIDELINE_RULES).length;
    times.push(performance.now() - started);
  }
  if (sink < 0) console.log(sink);
  const kinds = checkDraft(drafts[0]!, DEFAULT_GUIDELINE_RULES).map((f) => `${f.kind}:${f.detail}`);
  return {
    length,
    findings: kinds.length === 0 ? 'none' : [...new Set(kinds)].join(', '),
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: maxFinite(times),
  };
}

function main(): void {
  const iterations = envInt('BENCH_ITERATIONS', 2000);
  const warmup = envInt('BENCH_WARMUP', 300);
  console.log(`Draft checks: checkDraft with the default rules, ${iterations} calls per size after ${warmup} warm-up calls`);
  console.log(`Node ${process.version}, ${process.platform}/${process.arch}\n`);
  console.log('chars   p50 ms   p95 ms   max ms   target (p95)     result   findings in the draft');
  for (const length of [280, 5000]) {
    const figures = measure(length, iterations, warmup);
    const hasTarget = length === 280;
    const target = hasTarget ? `<= ${TARGET_P95_MS_AT_280} ms` : 'none';
    const result = hasTarget ? (figures.p95 <= TARGET_P95_MS_AT_280 ? 'PASS' : 'MISS') : '-';
    console.log(
      [
        String(length).padStart(5),
        figures.p50.toFixed(3).padStart(8),
        figures.p95.toFixed(3).padStart(8),
        figures.max.toFixed(3).padStart(8),
        `   ${target.padEnd(16)}`,
        result.padEnd(8),
        figures.findings,
      ].join(' '),
    );
  }
}

main();
