/**
 * A report's tables as CSV files, one per table, through the backup's CSV writer
 * (RFC 4180, UTF-8 with a byte-order mark for Excel, formula-looking cells made
 * harmless). Headers are in the UI language; figures stay numbers a spreadsheet can
 * add up: times in minutes, shares in percent.
 */
import { t, type Lang, type MessageKey } from '@/utils/i18n';
import { toCsv, type CsvValue } from '@/utils/transfer/csv';
import { agentName, bandName, hourName, shareWithinTarget, weekdayName } from './labels';
import type { Report, ReportRange } from './schema';

export const REPORT_TABLES = ['summary', 'responseTimes', 'days', 'agents', 'hours', 'weekdays', 'tags', 'areas'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

const minutes = (ms: number | null): CsvValue => (ms === null ? '' : Math.round(ms / 6_000) / 10);
const percent = (share: number | null): CsvValue => (share === null ? '' : Math.round(share * 1_000) / 10);

function tableOf(report: Report, table: ReportTable, lang: Lang): { header: MessageKey[]; rows: CsvValue[][] } {
  const { totals } = report;
  switch (table) {
    case 'summary': {
      const row = (key: MessageKey, value: CsvValue): CsvValue[] => [t(lang, key), value];
      return {
        header: ['reportCsv.figure', 'reportCsv.value'],
        rows: [
          row('reportCsv.from', report.range.from),
          row('reportCsv.to', report.range.to),
          row('reportCsv.timeZone', report.range.timeZone),
          row('reportCsv.source', t(lang, `reportSource.${report.source}`)),
          row('reportCsv.generatedAt', report.generatedAt),
          row('reportCsv.targetMinutes', report.targetMinutes),
          row('reportCsv.posts', totals.posts),
          row('reportCsv.answered', totals.answered),
          row('reportCsv.withinTarget', totals.withinTarget),
          row('reportCsv.sharePercent', percent(shareWithinTarget(totals))),
          row('reportCsv.medianMinutes', minutes(totals.medianResponseMs)),
          row('reportCsv.p90Minutes', minutes(totals.p90ResponseMs)),
          row('reportCsv.open', totals.open),
          row('reportCsv.overdue', totals.overdue),
          row('reportCsv.recorded', totals.recorded),
        ],
      };
    }
    case 'responseTimes':
      return {
        header: ['reportCsv.band', 'reportCsv.answered'],
        rows: report.responseBands.map((b) => [bandName(lang, b.band), b.count]),
      };
    case 'days':
      return {
        header: ['reportCsv.day', 'reportCsv.posts', 'reportCsv.answered', 'reportCsv.withinTarget', 'reportCsv.sharePercent', 'reportCsv.medianMinutes', 'reportCsv.p90Minutes'],
        rows: report.days.map((d) => [d.day, d.posts, d.answered, d.withinTarget, percent(shareWithinTarget(d)), minutes(d.medianResponseMs), minutes(d.p90ResponseMs)]),
      };
    case 'agents':
      return {
        header: ['reportCsv.agent', 'reportCsv.answered', 'reportCsv.withinTarget', 'reportCsv.sharePercent', 'reportCsv.medianMinutes'],
        rows: report.agents.map((a) => [agentName(lang, a), a.answered, a.withinTarget, percent(shareWithinTarget(a)), minutes(a.medianResponseMs)]),
      };
    case 'hours':
      return { header: ['reportCsv.hour', 'reportCsv.posts'], rows: report.byHour.map((posts, hour) => [hourName(lang, hour), posts]) };
    case 'weekdays':
      return { header: ['reportCsv.weekday', 'reportCsv.posts'], rows: report.byWeekday.map((posts, day) => [weekdayName(lang, day), posts]) };
    case 'tags':
      return { header: ['reportCsv.tag', 'reportCsv.customers'], rows: report.topTags.map((tag) => [tag.label, tag.customers]) };
    case 'areas':
      return {
        header: ['reportCsv.area', 'reportCsv.feedback', 'feedbackKind.praise', 'feedbackKind.complaint', 'feedbackKind.bug', 'feedbackKind.request'],
        rows: report.topAreas.map((a) => [a.area, a.count, a.praise, a.complaint, a.bug, a.request]),
      };
  }
}

export function reportCsv(report: Report, table: ReportTable, lang: Lang): string {
  const { header, rows } = tableOf(report, table, lang);
  return toCsv(
    header.map((key) => t(lang, key)),
    rows,
  );
}

/** `kotae-report-days-2026-05-01-to-2026-05-31.csv`: the table and the days it covers. */
export function reportCsvName(range: Pick<ReportRange, 'from' | 'to'>, table: ReportTable): string {
  return `kotae-report-${table}-${range.from}-to-${range.to}.csv`;
}
