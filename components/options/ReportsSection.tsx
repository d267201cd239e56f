import { lazy, Suspense, useContext, useId, useMemo, useState } from 'react';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { useT } from '@/components/i18n';
import { ClientContext, errorText } from '@/components/client-context';
import { ErrorAlert } from '@/components/ErrorAlert';
import { db as defaultDb } from '@/utils/db';
import type { KotaeDB } from '@/utils/db/kotae-db';
import { localReport } from '@/utils/db/reports';
import { formatDateTime, t as translate, type Lang } from '@/utils/i18n';
import { backgroundClient, type KotaeClient } from '@/utils/messaging/client';
import { quickRange } from '@/utils/reports/range';
import type { Report, ReportRange } from '@/utils/reports/schema';
import type { Role } from '@/utils/sync/wire';
import type { SyncStatus } from '@/utils/sync/state';
import { readAgentProfile, readTeamIdentities, readTimerSettings } from '@/utils/storage';
import { RangeForm } from './reports/RangeForm';
import { ReportTotals } from './reports/ReportTotals';
import './reports/reports.css';

// The chart library is most of this page's weight: it loads once there is a report to draw.
const ReportCharts = lazy(() => import('./reports/ReportCharts').then((module) => ({ default: module.ReportCharts })));

type Source = Report['source'];
const systemClock = () => new Date();
type Answer = { report: Report; error: null } | { report: null; error: NonNullable<SyncStatus['error']> };

interface ReportsProps {
  database?: KotaeDB;
  /** The clock the ranges and "open now" are counted from. */
  now?: () => Date;
}

/**
 * Response times and volume for a range of days, from this browser's records or, on
 * a team, from the server's. Computed when asked for, not live: a year's report is
 * work, and the figures are "as of" the moment they were computed.
 */
export function ReportsSection(props: ReportsProps) {
  // The options page has no query client of its own; the reports bring theirs.
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } }));
  return (
    <QueryClientProvider client={queryClient}>
      <Reports {...props} />
    </QueryClientProvider>
  );
}

async function membership(client: KotaeClient): Promise<{ joined: boolean; role: Role | null }> {
  // Without team sync running (or reachable) this browser works alone.
  const status = await client.send('sync.status', {}).catch(() => null);
  return { joined: status !== null && status.state !== 'signedOut', role: status?.role ?? null };
}

async function computeAnswer(
  source: Source,
  range: ReportRange,
  context: { client: KotaeClient; database: KotaeDB; now: Date; role: Role | null; lang: Lang },
): Promise<Answer> {
  if (source === 'team') {
    const answer = await context.client.send('report.team', range);
    return answer.report ? { report: answer.report, error: null } : { report: null, error: answer.error! };
  }
  const [settings, teamIdentities, profile] = await Promise.all([readTimerSettings(), readTeamIdentities(), readAgentProfile()]);
  const report = await localReport(context.database, range, {
    now: context.now,
    settings,
    teamIdentities,
    viewer: { agentId: profile.id, name: profile.name || translate(context.lang, 'me') },
    // The server shows an agent only their own row; this browser does the same.
    ownRowOnly: context.role === 'agent',
  });
  return { report, error: null };
}

function Reports({ database = defaultDb, now = systemClock }: ReportsProps) {
  const { t, lang } = useT();
  // Tests provide a client bound to their database; the page talks to the background.
  const client = useContext(ClientContext);
  const headingId = useId();
  const sourceName = useId();
  const [range, setRange] = useState<ReportRange>(() => quickRange('last7', Intl.DateTimeFormat().resolvedOptions().timeZone, now()));
  const [chosenSource, setChosenSource] = useState<Source | null>(null);

  // Where reports come from; fixed for the life of the section's own query client.
  const fetchers = useMemo(() => {
    const sender = client ?? backgroundClient;
    return {
      membership: () => membership(sender),
      report: (source: Source, range: ReportRange, role: Role | null, lang: Lang) =>
        computeAnswer(source, range, { client: sender, database, now: now(), role, lang }),
    };
  }, [client, database, now]);
  const team = useQuery({ queryKey: ['reports', 'membership'], queryFn: () => fetchers.membership() });
  const joined = team.data?.joined ?? false;
  const role = team.data?.role ?? null;
  const source: Source = joined ? (chosenSource ?? 'team') : 'local';

  const answer = useQuery({
    queryKey: ['reports', 'report', source, range, role, lang],
    queryFn: () => fetchers.report(source, range, role, lang),
    enabled: team.isSuccess,
  });

  const report = answer.data?.report ?? null;
  const failure = answer.data?.error
    ? t(`syncError.${answer.data.error.code}`, { seconds: answer.data.error.retryAfterSeconds ?? 0 })
    : answer.error
      ? errorText(t, answer.error)
      : null;

  return (
    <section aria-labelledby={headingId} className="section">
      <h2 id={headingId}>{t('reportsHeading')}</h2>
      <p className="muted">{t('reportsIntro')}</p>
      <RangeForm range={range} now={now} onChange={setRange} />
      {joined ? (
        <fieldset className="kinds">
          <legend>{t('reportSourceLabel')}</legend>
          {(['team', 'local'] as const).map((value) => (
            <label key={value} className="choice">
              <input type="radio" name={sourceName} value={value} checked={source === value} onChange={() => setChosenSource(value)} />
              {t(`reportSource.${value}`)}
            </label>
          ))}
        </fieldset>
      ) : team.isSuccess ? (
        <p className="muted">{t('reportAloneHint')}</p>
      ) : null}
      {role === 'agent' ? <p className="muted">{t('reportAgentHint')}</p> : null}
      <div className="form-row">
        <p role="status" className="muted">
          {answer.isFetching || team.isPending
            ? t('reportLoading')
            : report
              ? t('reportGenerated', {
                  source: t(`reportSource.${report.source}`),
                  from: report.range.from,
                  to: report.range.to,
                  time: formatDateTime(lang, report.generatedAt),
                })
              : ''}
        </p>
        <button type="button" disabled={answer.isFetching || !team.isSuccess} onClick={() => void answer.refetch()}>
          {t('reportRefresh')}
        </button>
      </div>
      <ErrorAlert message={answer.isFetching ? null : failure} />
      {report && !answer.isFetching ? (
        <>
          <ReportTotals report={report} />
          {report.totals.posts === 0 ? (
            <p className="empty">{t('reportEmpty')}</p>
          ) : (
            <Suspense fallback={<p className="muted">{t('loading')}</p>}>
              <ReportCharts report={report} />
            </Suspense>
          )}
        </>
      ) : null}
    </section>
  );
}
