import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { useT } from '@/components/i18n';
import { formatNumber, type Lang } from '@/utils/i18n';
import { reportCsv, reportCsvName, type ReportTable } from '@/utils/reports/csv';
import { agentName, bandName, dayName, formatShare, hourName, shareWithinTarget, weekdayName } from '@/utils/reports/labels';
import type { Report } from '@/utils/reports/schema';
import { formatResponseTime } from '@/utils/timer/format';
import { ChartFigure } from './ChartFigure';
import { saveCsv } from './save-csv';

// A fixed drawing size renders the same everywhere (tests included); CSS scales it down.
const WIDTH = 680;
const HEIGHT = 260;
const MARGIN = { top: 8, right: 16, bottom: 24, left: 16 };
const COLOURS = { posts: '#3b73d9', answered: '#2f9e44', within: '#0b7285', share: '#c2410c', praise: '#2f9e44', complaint: '#c2410c', bug: '#ae3ec9', request: '#3b73d9' };
// A report is read, not watched: no animation, and the figures are there at once.
const STILL = { isAnimationActive: false } as const;

const duration = (lang: Lang, ms: number | null) => (ms === null ? '—' : formatResponseTime(lang, ms));

export function ReportCharts({ report }: { report: Report }) {
  const { t, lang } = useT();
  const number = (value: number) => formatNumber(lang, value);
  const tooltipNumber = (value: unknown) => number(Number(value));
  const csv = (table: ReportTable) => () => saveCsv(reportCsv(report, table, lang), reportCsvName(report.range, table));
  const axisLabel = (value: string, vertical = false) =>
    vertical ? { value, angle: -90, position: 'insideLeft' as const, style: { textAnchor: 'middle' as const } } : { value, position: 'insideBottom' as const, offset: -16 };
  // One count per labelled column: the response bands, the hours, the weekdays.
  const columns = <K extends string>(data: ({ label: string } & Record<K, number>)[], valueKey: K, across: string, value: string, fill: string, interval?: number) => (
    <BarChart width={WIDTH} height={HEIGHT} data={data} margin={MARGIN} accessibilityLayer={false}>
      <CartesianGrid vertical={false} strokeDasharray="3 3" />
      <XAxis dataKey="label" {...(interval === undefined ? {} : { interval })} label={axisLabel(across)} />
      <YAxis allowDecimals={false} label={axisLabel(value, true)} tickFormatter={number} />
      <Tooltip formatter={tooltipNumber} />
      <Bar dataKey={valueKey} name={value} fill={fill} {...STILL} />
    </BarChart>
  );

  const bands = report.responseBands.map((b) => ({ label: bandName(lang, b.band), count: b.count }));
  const days = report.days.map((d) => ({ ...d, label: dayName(lang, d.day), share: shareWithinTarget(d) }));
  const agents = report.agents.map((a) => ({ ...a, label: agentName(lang, a) }));
  const hours = report.byHour.map((posts, hour) => ({ label: hourName(lang, hour), posts }));
  const weekdays = report.byWeekday.map((posts, day) => ({ label: weekdayName(lang, day, 'short'), name: weekdayName(lang, day), posts }));
  const listHeight = (rows: number) => Math.max(120, 48 + rows * 28);

  return (
    <>
      <ChartFigure
        title={t('reportChart.responseTimes')}
        table={{ header: [t('reportAxis.band'), t('reportAxis.answered')], rows: bands.map((b) => [b.label, number(b.count)]) }}
        onCsv={csv('responseTimes')}
      >
        {columns(bands, 'count', t('reportAxis.band'), t('reportAxis.answered'), COLOURS.answered)}
      </ChartFigure>

      <ChartFigure
        title={t('reportChart.days')}
        table={{
          header: [t('reportAxis.day'), t('reportAxis.posts'), t('reportAxis.answered'), t('reportAxis.withinTarget'), t('reportAxis.share'), t('reportAxis.median')],
          rows: days.map((d) => [dayName(lang, d.day, 'long'), number(d.posts), number(d.answered), number(d.withinTarget), formatShare(lang, d.share), duration(lang, d.medianResponseMs)]),
        }}
        onCsv={csv('days')}
      >
        <ComposedChart width={WIDTH} height={HEIGHT + 40} data={days} margin={{ ...MARGIN, bottom: 8 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis yAxisId="count" allowDecimals={false} label={axisLabel(t('reportAxis.posts'), true)} tickFormatter={number} />
          <YAxis yAxisId="share" orientation="right" domain={[0, 1]} tickFormatter={(v: number) => formatShare(lang, v)} />
          <Tooltip formatter={(value, name) => (name === t('reportAxis.share') ? formatShare(lang, Number(value)) : number(Number(value)))} />
          <Legend />
          <Bar yAxisId="count" dataKey="posts" name={t('reportAxis.posts')} fill={COLOURS.posts} {...STILL} />
          <Bar yAxisId="count" dataKey="answered" name={t('reportAxis.answered')} fill={COLOURS.answered} {...STILL} />
          <Line yAxisId="share" dataKey="share" name={t('reportAxis.share')} stroke={COLOURS.share} strokeWidth={2} connectNulls={false} {...STILL} />
        </ComposedChart>
      </ChartFigure>

      <ChartFigure
        title={t('reportChart.agents')}
        table={{
          header: [t('reportAxis.agent'), t('reportAxis.answered'), t('reportAxis.withinTarget'), t('reportAxis.share'), t('reportAxis.median')],
          rows: agents.map((a) => [a.label, number(a.answered), number(a.withinTarget), formatShare(lang, shareWithinTarget(a)), duration(lang, a.medianResponseMs)]),
        }}
        onCsv={csv('agents')}
      >
        <BarChart layout="vertical" width={WIDTH} height={listHeight(agents.length) + 24} data={agents} margin={MARGIN} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} tickFormatter={number} />
          <YAxis type="category" dataKey="label" width={180} />
          <Tooltip formatter={tooltipNumber} />
          <Legend />
          <Bar dataKey="answered" name={t('reportAxis.answered')} fill={COLOURS.answered} {...STILL} />
          <Bar dataKey="withinTarget" name={t('reportAxis.withinTarget')} fill={COLOURS.within} {...STILL} />
        </BarChart>
      </ChartFigure>

      <ChartFigure
        title={t('reportChart.hours')}
        table={{ header: [t('reportAxis.hour'), t('reportAxis.posts')], rows: hours.map((h) => [h.label, number(h.posts)]) }}
        onCsv={csv('hours')}
      >
        {columns(hours, 'posts', t('reportAxis.hour'), t('reportAxis.posts'), COLOURS.posts, 2)}
      </ChartFigure>

      <ChartFigure
        title={t('reportChart.weekdays')}
        table={{ header: [t('reportAxis.weekday'), t('reportAxis.posts')], rows: weekdays.map((w) => [w.name, number(w.posts)]) }}
        onCsv={csv('weekdays')}
      >
        {columns(weekdays, 'posts', t('reportAxis.weekday'), t('reportAxis.posts'), COLOURS.posts)}
      </ChartFigure>

      <ChartFigure
        title={t('reportChart.tags')}
        table={{ header: [t('reportAxis.tag'), t('reportAxis.customers')], rows: report.topTags.map((tag) => [tag.label, number(tag.customers)]) }}
        onCsv={csv('tags')}
      >
        <BarChart layout="vertical" width={WIDTH} height={listHeight(report.topTags.length)} data={report.topTags} margin={MARGIN} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} tickFormatter={number} />
          <YAxis type="category" dataKey="label" width={180} />
          <Tooltip formatter={tooltipNumber} />
          <Bar dataKey="customers" name={t('reportAxis.customers')} fill={COLOURS.posts} {...STILL} />
        </BarChart>
      </ChartFigure>

      <ChartFigure
        title={t('reportChart.areas')}
        table={{
          header: [t('reportAxis.area'), t('reportAxis.feedback'), t('feedbackKind.praise'), t('feedbackKind.complaint'), t('feedbackKind.bug'), t('feedbackKind.request')],
          rows: report.topAreas.map((a) => [a.area, number(a.count), number(a.praise), number(a.complaint), number(a.bug), number(a.request)]),
        }}
        onCsv={csv('areas')}
      >
        <BarChart layout="vertical" width={WIDTH} height={listHeight(report.topAreas.length) + 24} data={report.topAreas} margin={MARGIN} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} tickFormatter={number} />
          <YAxis type="category" dataKey="area" width={180} />
          <Tooltip formatter={tooltipNumber} />
          <Legend />
          {(['praise', 'complaint', 'bug', 'request'] as const).map((kind) => (
            <Bar key={kind} dataKey={kind} stackId="kind" name={t(`feedbackKind.${kind}`)} fill={COLOURS[kind]} {...STILL} />
          ))}
        </BarChart>
      </ChartFigure>
    </>
  );
}
