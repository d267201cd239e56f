import { describe, expect, it } from 'vitest';
import type { Feedback, Interaction, InteractionKind, Tag } from '@/utils/model';
import { computeReport, percentileOf, type ReportInput } from '@/utils/reports/compute';
import { reportRangeSchema, reportSchema } from '@/utils/reports/schema';
import { DEFAULT_TIMER_SETTINGS } from '@/utils/timer';

const MIN = 60_000;
const at = (iso: string, plusMs = 0) => new Date(Date.parse(iso) + plusMs).toISOString();

function seen(post: string, postedAt: string | null, extra: Partial<Interaction> = {}): Interaction {
  const handle = extra.identityId?.slice(2) ?? 'alice';
  return {
    id: `seen:x:${post}`,
    customerId: `c:x:${handle}`,
    identityId: `x:${handle}`,
    kind: 'seen',
    postKey: `x:${post}`,
    postUrl: `https://x.com/${handle}/status/${post}`,
    postText: 'help',
    postedAt,
    recordedAt: postedAt ?? '2026-05-01T00:00:00.000Z',
    byAgentId: null,
    ...extra,
  };
}

function event(post: Interaction, kind: InteractionKind, recordedAt: string, byAgentId: string | null = 'agent-1'): Interaction {
  return { ...post, id: `${kind}:${post.postKey}:${recordedAt}`, kind, recordedAt, byAgentId, postText: '' };
}

const NOW = new Date('2026-05-08T00:00:00.000Z');
const range = { from: '2026-05-01', to: '2026-05-07', timeZone: 'UTC' };

function report(interactions: Interaction[], extra: Partial<ReportInput> = {}) {
  const result = computeReport({
    range,
    now: NOW,
    source: 'local',
    settings: DEFAULT_TIMER_SETTINGS,
    teamIdentities: new Set(),
    interactions,
    tags: [],
    feedback: [],
    agentNames: new Map([
      ['agent-1', 'Sato'],
      ['agent-2', 'Suzuki'],
    ]),
    onlyAgent: null,
    ...extra,
  });
  // Every report is a valid answer of the contract.
  expect(reportSchema.safeParse(result).success).toBe(true);
  return result;
}

describe('report definitions', () => {
  it('counts a post answered in 10 minutes as answered within the 60-minute target, by its agent', () => {
    const post = seen('1', '2026-05-01T09:00:00.000Z');
    const result = report([post, event(post, 'replied', at(post.postedAt!, 10 * MIN))]);
    expect(result.totals).toEqual({
      posts: 1,
      answered: 1,
      withinTarget: 1,
      medianResponseMs: 10 * MIN,
      p90ResponseMs: 10 * MIN,
      open: 0,
      overdue: 0,
      recorded: 0,
    });
    expect(result.responseBands.find((b) => b.count > 0)).toEqual({ band: 'under15m', count: 1 });
    expect(result.agents).toEqual([{ agentId: 'agent-1', name: 'Sato', answered: 1, withinTarget: 1, medianResponseMs: 10 * MIN }]);
    expect(result.targetMinutes).toBe(60);
  });

  it('counts from the post, not from when it was first seen; a late answer is outside the target', () => {
    const post = seen('1', '2026-05-01T09:00:00.000Z', { recordedAt: '2026-05-01T11:00:00.000Z' });
    const result = report([post, event(post, 'replied', '2026-05-01T11:05:00.000Z')]);
    expect(result.totals.withinTarget).toBe(0);
    expect(result.totals.medianResponseMs).toBe(125 * MIN);
    expect(result.responseBands.find((b) => b.count > 0)?.band).toBe('under4h');
  });

  it('puts each post on its day, hour and weekday in the range’s time zone', () => {
    // Friday 1 May 16:00 UTC is Saturday 2 May 01:00 in Tokyo.
    const post = seen('1', '2026-05-01T16:00:00.000Z');
    const utc = report([post]);
    expect(utc.days.find((d) => d.posts > 0)?.day).toBe('2026-05-01');
    expect(utc.byHour[16]).toBe(1);
    expect(utc.byWeekday[4]).toBe(1);
    const tokyo = report([post], { range: { ...range, timeZone: 'Asia/Tokyo' } });
    expect(tokyo.days.find((d) => d.posts > 0)?.day).toBe('2026-05-02');
    expect(tokyo.byHour[1]).toBe(1);
    expect(tokyo.byWeekday[5]).toBe(1);
  });

  it('covers both ends of the range, lists every day, and leaves out posts outside it', () => {
    const posts = [
      seen('0', '2026-04-30T23:59:59.000Z'),
      seen('1', '2026-05-01T00:00:00.000Z'),
      seen('7', '2026-05-07T23:59:59.000Z'),
      seen('8', '2026-05-08T00:00:00.000Z'),
    ];
    const result = report(posts);
    expect(result.totals.posts).toBe(2);
    expect(result.days.map((d) => d.day)).toEqual(['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05', '2026-05-06', '2026-05-07']);
    expect(result.days.map((d) => d.posts)).toEqual([1, 0, 0, 0, 0, 0, 1]);
  });

  it('a post without a time of its own counts from when Kotae first saw it', () => {
    const post = seen('1', null, { recordedAt: '2026-05-03T10:00:00.000Z' });
    const result = report([post, event(post, 'replied', '2026-05-03T10:30:00.000Z')]);
    expect(result.days.find((d) => d.posts > 0)).toMatchObject({ day: '2026-05-03', answered: 1, medianResponseMs: 30 * MIN });
  });

  it('open, overdue and recorded are as of now', () => {
    const overdue = seen('1', '2026-05-06T00:00:00.000Z');
    const open = seen('2', at(NOW.toISOString(), -10 * MIN));
    const recorded = seen('3', '2026-05-05T00:00:00.000Z');
    const result = report([overdue, open, recorded, event(recorded, 'recordedWithoutReply', '2026-05-05T00:01:00.000Z')], {
      range: { ...range, to: '2026-05-08' },
    });
    expect(result.totals).toMatchObject({ posts: 3, answered: 0, open: 1, overdue: 1, recorded: 1, medianResponseMs: null });
  });

  it('an acknowledgement is the first answer; a reopen starts the count again', () => {
    const acked = seen('1', '2026-05-01T09:00:00.000Z');
    const reopened = seen('2', '2026-05-01T09:00:00.000Z');
    const result = report([
      acked,
      event(acked, 'acknowledged', '2026-05-01T09:05:00.000Z', 'agent-2'),
      event(acked, 'followedUp', '2026-05-02T09:00:00.000Z'),
      reopened,
      event(reopened, 'replied', '2026-05-01T09:01:00.000Z'),
      event(reopened, 'reopened', '2026-05-01T10:00:00.000Z'),
      event(reopened, 'markedAnswered', '2026-05-01T11:00:00.000Z', 'agent-2'),
    ]);
    expect(result.totals.answered).toBe(2);
    expect(result.agents).toEqual([{ agentId: 'agent-2', name: 'Suzuki', answered: 2, withinTarget: 1, medianResponseMs: 5 * MIN }]);
    expect(result.totals.p90ResponseMs).toBe(120 * MIN);
  });

  it("leaves out the team's own posts; a reply seen from the team account has no agent", () => {
    const customer = seen('1', '2026-05-01T09:00:00.000Z');
    const own = seen('2', '2026-05-01T09:00:00.000Z', { identityId: 'x:kotae', customerId: 'c:x:kotae' });
    const result = report([customer, own, event(customer, 'teamReplied', '2026-05-01T09:20:00.000Z', null)], { teamIdentities: new Set(['x:kotae']) });
    expect(result.totals.posts).toBe(1);
    expect(result.agents).toEqual([{ agentId: null, name: '', answered: 1, withinTarget: 1, medianResponseMs: 20 * MIN }]);
  });

  it("an agent's view keeps the team totals and only their own row", () => {
    const a = seen('1', '2026-05-01T09:00:00.000Z');
    const b = seen('2', '2026-05-01T09:00:00.000Z');
    const rows = [a, b, event(a, 'replied', '2026-05-01T09:10:00.000Z', 'agent-1'), event(b, 'replied', '2026-05-01T09:20:00.000Z', 'agent-2')];
    expect(report(rows).agents.map((r) => r.agentId)).toEqual(['agent-1', 'agent-2']);
    const own = report(rows, { onlyAgent: 'agent-2' });
    expect(own.agents.map((r) => r.agentId)).toEqual(['agent-2']);
    expect(own.totals.answered).toBe(2);
  });

  it('tags count the customers who posted in the range; removed tags and other customers do not count', () => {
    const tag = (customer: string, label: string, deletedAt: string | null = null): Tag => ({
      id: `${customer}:${label.toLowerCase()}`,
      customerId: customer,
      label,
      createdAt: '2026-04-01T00:00:00.000Z',
      createdBy: 'agent-1',
      deletedAt,
    });
    const posts = [
      seen('1', '2026-05-01T09:00:00.000Z', { identityId: 'x:alice', customerId: 'c:x:alice' }),
      seen('2', '2026-05-02T09:00:00.000Z', { identityId: 'x:alice', customerId: 'c:x:alice' }),
      seen('3', '2026-05-02T09:00:00.000Z', { identityId: 'x:bob', customerId: 'c:x:bob' }),
    ];
    const result = report(posts, {
      tags: [tag('c:x:alice', 'VIP'), tag('c:x:bob', 'vip'), tag('c:x:bob', '配送'), tag('c:x:carol', '配送'), tag('c:x:alice', 'old', '2026-04-02T00:00:00.000Z')],
    });
    expect(result.topTags).toEqual([
      { label: 'VIP', customers: 2 },
      { label: '配送', customers: 1 },
    ]);
  });

  it('product areas count feedback by the time of its post, by kind, withdrawn ones left out', () => {
    const feedback = (id: string, area: string, kind: Feedback['kind'], postedAt: string | null, deletedAt: string | null = null): Feedback => ({
      id,
      customerId: 'c:x:alice',
      identityId: 'x:alice',
      postKey: `x:${id}`,
      postUrl: `https://x.com/alice/status/${id}`,
      postText: '',
      postedAt,
      kind,
      area,
      comment: '',
      recordedAt: '2026-05-09T00:00:00.000Z',
      recordedBy: 'agent-1',
      recordedByName: 'Sato',
      deletedAt,
    });
    const result = report([], {
      feedback: [
        feedback('1', 'Checkout', 'bug', '2026-05-01T00:00:00.000Z'),
        feedback('2', 'checkout', 'complaint', '2026-05-02T00:00:00.000Z'),
        feedback('3', 'アプリ', 'praise', '2026-05-03T00:00:00.000Z'),
        feedback('4', 'Checkout', 'bug', '2026-04-01T00:00:00.000Z'),
        feedback('5', 'Checkout', 'bug', '2026-05-03T00:00:00.000Z', '2026-05-04T00:00:00.000Z'),
      ],
    });
    expect(result.topAreas).toEqual([
      { area: 'Checkout', count: 2, praise: 0, complaint: 1, bug: 1, request: 0 },
      { area: 'アプリ', count: 1, praise: 1, complaint: 0, bug: 0, request: 0 },
    ]);
  });

  it('percentiles are nearest-rank', () => {
    expect(percentileOf([], 50)).toBeNull();
    expect(percentileOf([1, 2, 3, 4], 50)).toBe(2);
    expect(percentileOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentileOf([5], 90)).toBe(5);
  });
});

describe('report range', () => {
  it('accepts a range of days in a time zone', () => {
    expect(reportRangeSchema.safeParse({ from: '2026-01-01', to: '2026-12-31', timeZone: 'Asia/Tokyo' }).success).toBe(true);
    expect(reportRangeSchema.safeParse({ from: '2028-02-29', to: '2028-02-29', timeZone: 'UTC' }).success).toBe(true);
  });

  it.each([
    [{ from: '2026-05-02', to: '2026-05-01', timeZone: 'UTC' }, 'the range ends before it starts'],
    [{ from: '2025-01-01', to: '2026-01-02', timeZone: 'UTC' }, 'at most 366 days'],
    [{ from: '2026-02-30', to: '2026-03-01', timeZone: 'UTC' }, 'no such day'],
    [{ from: '2026/05/01', to: '2026-05-02', timeZone: 'UTC' }, 'not a day such as 2026-05-01'],
    [{ from: '2026-05-01', to: '2026-05-02', timeZone: 'Mars/Olympus' }, 'not a time zone such as Asia/Tokyo'],
  ])('refuses %j: %s', (input, message) => {
    const parsed = reportRangeSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toContain(message);
  });
});
