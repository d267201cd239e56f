import { describe, expect, it } from 'vitest';
import { REPORT_TABLES, reportCsv, reportCsvName } from '@/utils/reports/csv';
import { agentName, hourName, weekdayName } from '@/utils/reports/labels';
import { quickRange } from '@/utils/reports/range';
import { reportSchema, type Report } from '@/utils/reports/schema';

const MIN = 60_000;

const report: Report = reportSchema.parse({
  range: { from: '2026-05-01', to: '2026-05-02', timeZone: 'Asia/Tokyo' },
  generatedAt: '2026-05-02T15:00:00.000Z',
  source: 'local',
  targetMinutes: 60,
  totals: { posts: 3, answered: 3, withinTarget: 2, medianResponseMs: 12.5 * MIN, p90ResponseMs: 200 * MIN, open: 0, overdue: 0, recorded: 0 },
  responseBands: [
    { band: 'under15m', count: 1 },
    { band: 'under30m', count: 1 },
    { band: 'under1h', count: 0 },
    { band: 'under4h', count: 1 },
    { band: 'under24h', count: 0 },
    { band: 'over24h', count: 0 },
  ],
  days: [
    { day: '2026-05-01', posts: 3, answered: 3, withinTarget: 2, medianResponseMs: 12.5 * MIN, p90ResponseMs: 200 * MIN },
    { day: '2026-05-02', posts: 0, answered: 0, withinTarget: 0, medianResponseMs: null, p90ResponseMs: null },
  ],
  agents: [
    { agentId: 'a-1', name: '佐藤, "さん"', answered: 2, withinTarget: 2, medianResponseMs: 10 * MIN },
    { agentId: null, name: '', answered: 1, withinTarget: 0, medianResponseMs: 200 * MIN },
  ],
  byHour: Array.from({ length: 24 }, (_, hour) => (hour === 9 ? 3 : 0)),
  byWeekday: [0, 0, 0, 0, 3, 0, 0],
  topTags: [{ label: '@vip', customers: 2 }],
  topAreas: [{ area: 'Delivery\nand returns', count: 2, praise: 0, complaint: 1, bug: 0, request: 1 }],
});

const decode = (csv: string) => {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv.endsWith('\r\n')).toBe(true);
  return csv.slice(1, -2);
};

describe('report CSV files', () => {
  it('writes each table with a header in the UI language, figures as numbers a spreadsheet adds up', () => {
    expect(decode(reportCsv(report, 'days', 'en')).split('\r\n')).toEqual([
      'Day,Customer posts,Answered,Answered within target,Share of answered within target (%),Median response time (minutes),90th percentile response time (minutes)',
      '2026-05-01,3,3,2,66.7,12.5,200',
      '2026-05-02,0,0,0,,,',
    ]);
    expect(decode(reportCsv(report, 'days', 'ja')).split('\r\n')[0]).toBe(
      '日付,顧客の投稿数,回答数,目標内の回答数,回答のうち目標内の割合（%）,応答時間の中央値（分）,応答時間の90パーセンタイル（分）',
    );
    expect(decode(reportCsv(report, 'responseTimes', 'ja')).split('\r\n')).toEqual([
      '応答時間,回答数',
      '15分未満,1',
      '15〜30分,1',
      '30〜60分,0',
      '1〜4時間,1',
      '4〜24時間,0',
      '24時間以上,0',
    ]);
  });

  it('quotes by RFC 4180 and never lets a cell run as a formula', () => {
    expect(decode(reportCsv(report, 'agents', 'en')).split('\r\n')).toEqual([
      'Agent,Answered,Answered within target,Share of answered within target (%),Median response time (minutes)',
      '"佐藤, ""さん""",2,2,100,10',
      'Team account (no agent),1,0,0,200',
    ]);
    expect(decode(reportCsv(report, 'tags', 'en'))).toBe("Tag,Customers\r\n'@vip,2");
    expect(decode(reportCsv(report, 'areas', 'en'))).toBe(
      'Product area,Feedback,Praise,Complaint,Bug,Request\r\n"Delivery\nand returns",2,0,1,0,1',
    );
  });

  it('names hours and weekdays in the UI language, Monday first', () => {
    const hours = decode(reportCsv(report, 'hours', 'ja')).split('\r\n');
    expect(hours).toHaveLength(25);
    expect(hours[10]).toBe('9時,3');
    expect(decode(reportCsv(report, 'hours', 'en')).split('\r\n')[10]).toBe('9 AM,3');
    expect(decode(reportCsv(report, 'weekdays', 'en')).split('\r\n')).toEqual([
      'Weekday,Customer posts',
      'Monday,0',
      'Tuesday,0',
      'Wednesday,0',
      'Thursday,0',
      'Friday,3',
      'Saturday,0',
      'Sunday,0',
    ]);
    expect(weekdayName('ja', 0)).toBe('月曜日');
    expect(weekdayName('ja', 6, 'short')).toBe('日');
    expect(hourName('en', 0)).toBe('12 AM');
  });

  it('sums up the report with its range, source and target', () => {
    const rows = decode(reportCsv(report, 'summary', 'en')).split('\r\n');
    expect(rows[0]).toBe('Figure,Value');
    expect(rows).toContain('First day,2026-05-01');
    expect(rows).toContain('Last day,2026-05-02');
    expect(rows).toContain('Time zone,Asia/Tokyo');
    expect(rows).toContain('Figures from,This browser');
    expect(rows).toContain('First-answer target (minutes),60');
    expect(rows).toContain('Share of answered within target (%),66.7');
    expect(rows).toContain('Median response time (minutes),12.5');
    expect(decode(reportCsv(report, 'summary', 'ja')).split('\r\n')).toContain('集計の対象,このブラウザ');
  });

  it('names each file with its table and range', () => {
    expect(REPORT_TABLES.map((table) => reportCsvName(report.range, table))).toContain('kotae-report-weekdays-2026-05-01-to-2026-05-02.csv');
    expect(new Set(REPORT_TABLES.map((table) => reportCsvName(report.range, table))).size).toBe(REPORT_TABLES.length);
  });

  it('names an agent who has not told their name by their id', () => {
    expect(agentName('en', { agentId: '0123456789abcdef', name: '' })).toBe('Agent 01234567');
    expect(agentName('ja', { agentId: null, name: '' })).toBe('チームのアカウント（担当者なし）');
  });
});

describe('quick ranges', () => {
  // 1 May 2026, 00:30 in Tokyo; still 30 April in New York.
  const now = new Date('2026-04-30T15:30:00.000Z');
  it('count days in the viewer’s time zone, today included', () => {
    expect(quickRange('last7', 'Asia/Tokyo', now)).toEqual({ from: '2026-04-25', to: '2026-05-01', timeZone: 'Asia/Tokyo' });
    expect(quickRange('thisMonth', 'Asia/Tokyo', now)).toEqual({ from: '2026-05-01', to: '2026-05-01', timeZone: 'Asia/Tokyo' });
    expect(quickRange('thisMonth', 'America/New_York', now)).toEqual({ from: '2026-04-01', to: '2026-04-30', timeZone: 'America/New_York' });
    expect(quickRange('last30', 'America/New_York', now)).toEqual({ from: '2026-04-01', to: '2026-04-30', timeZone: 'America/New_York' });
  });
});
