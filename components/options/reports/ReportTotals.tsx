import { useT } from '@/components/i18n';
import { formatNumber } from '@/utils/i18n';
import { formatShare, shareWithinTarget } from '@/utils/reports/labels';
import type { Report } from '@/utils/reports/schema';
import { formatResponseTime, formatWait } from '@/utils/timer/format';
import { reportCsv, reportCsvName } from '@/utils/reports/csv';
import { saveCsv } from './save-csv';

/** The report's headline figures as a definition list. */
export function ReportTotals({ report }: { report: Report }) {
  const { t, lang } = useT();
  const { totals } = report;
  const number = (value: number) => formatNumber(lang, value);
  const duration = (ms: number | null) => (ms === null ? '—' : formatResponseTime(lang, ms));
  const rows: [string, string][] = [
    [t('reportTotal.posts'), number(totals.posts)],
    [t('reportTotal.answered'), number(totals.answered)],
    [
      t('reportTotal.withinTarget', { target: formatWait(lang, report.targetMinutes * 60_000) }),
      totals.answered === 0
        ? '—'
        : t('reportWithinValue', { share: formatShare(lang, shareWithinTarget(totals)), count: number(totals.withinTarget), answered: number(totals.answered) }),
    ],
    [t('reportTotal.median'), duration(totals.medianResponseMs)],
    [t('reportTotal.p90'), duration(totals.p90ResponseMs)],
    [t('reportTotal.open'), number(totals.open)],
    [t('reportTotal.overdue'), number(totals.overdue)],
    [t('reportTotal.recorded'), number(totals.recorded)],
  ];
  return (
    <div>
      <h3>{t('reportTotalsHeading')}</h3>
      <dl className="report-totals">
        {rows.map(([term, value]) => (
          <div key={term} style={{ display: 'contents' }}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <button
        type="button"
        aria-label={t('reportDownloadCsvOf', { what: t('reportChart.summary') })}
        onClick={() => saveCsv(reportCsv(report, 'summary', lang), reportCsvName(report.range, 'summary'))}
      >
        {t('reportDownloadCsv')}
      </button>
    </div>
  );
}
