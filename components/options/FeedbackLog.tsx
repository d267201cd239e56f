import { useContext, useId, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useT } from '@/components/i18n';
import { ClientContext, errorText } from '@/components/client-context';
import { ErrorAlert } from '@/components/ErrorAlert';
import { db as defaultDb } from '@/utils/db';
import type { KotaeDB } from '@/utils/db/kotae-db';
import { feedbackCsv, matchesFeedback, type FeedbackFilter } from '@/utils/db/feedback';
import { formatDateTime, formatNumber } from '@/utils/i18n';
import { backgroundClient } from '@/utils/messaging/client';
import { feedbackKindSchema, platformSchema, type Feedback } from '@/utils/model';

const EXCERPT_CHARS = 280;
const NO_FILTER: FeedbackFilter = { kind: null, area: null, from: null, to: null, platform: null, text: null };

function saveFile(text: string, name: string) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/**
 * The voice-of-the-customer log: every feedback recorded from the customer panel,
 * newest first, with filters, and the shown records as CSV for the product team.
 * Filters only hide and the export only reads; a record leaves only when withdrawn.
 */
export function FeedbackLog({ database = defaultDb }: { database?: KotaeDB }) {
  const { t, lang } = useT();
  const client = useContext(ClientContext) ?? backgroundClient;
  const headingId = useId();
  const ids = { kind: useId(), area: useId(), from: useId(), to: useId(), platform: useId(), text: useId(), list: useId() };
  const rows = useLiveQuery(() => database.feedback.toArray(), [database]);
  const [filter, setFilter] = useState<FeedbackFilter>(NO_FILTER);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const recorded = useMemo(
    () => (rows ?? []).filter((row) => row.deletedAt === null).sort((a, b) => b.recordedAt.localeCompare(a.recordedAt)),
    [rows],
  );
  const shown = useMemo(() => recorded.filter((row) => matchesFeedback(row, filter)), [recorded, filter]);
  // One entry per area whatever its case, in its latest spelling (`recorded` is newest first).
  const areas = useMemo(
    () => [...new Map([...recorded].reverse().map((row) => [row.area.toLowerCase(), row.area])).values()].sort((a, b) => a.localeCompare(b)),
    [recorded],
  );
  const set = (change: Partial<FeedbackFilter>) => setFilter({ ...filter, ...change });

  async function withdraw(feedback: Feedback) {
    setError(null);
    try {
      await client.send('feedback.withdraw', { feedbackId: feedback.id });
      setConfirming(null);
    } catch (failure) {
      setError(errorText(t, failure));
    }
  }

  return (
    <section aria-labelledby={headingId} className="section">
      <h2 id={headingId}>{t('feedbackLogHeading')}</h2>
      <p className="muted">{t('feedbackLogIntro')}</p>
      <div role="group" aria-label={t('feedbackFiltersLabel')}>
        <div className="form-row">
          <label htmlFor={ids.kind}>{t('feedbackKindLabel')}</label>
          <select id={ids.kind} value={filter.kind ?? ''} onChange={(e) => set({ kind: feedbackKindSchema.safeParse(e.target.value).data ?? null })}>
            <option value="">{t('allKinds')}</option>
            {feedbackKindSchema.options.map((kind) => (
              <option key={kind} value={kind}>
                {t(`feedbackKind.${kind}`)}
              </option>
            ))}
          </select>
          <label htmlFor={ids.area}>{t('feedbackAreaLabel')}</label>
          <select id={ids.area} value={filter.area ?? ''} onChange={(e) => set({ area: e.target.value || null })}>
            <option value="">{t('allAreas')}</option>
            {areas.map((area) => (
              <option key={area} value={area}>
                {area}
              </option>
            ))}
          </select>
          <label htmlFor={ids.platform}>{t('feedbackPlatformLabel')}</label>
          <select
            id={ids.platform}
            value={filter.platform ?? ''}
            onChange={(e) => set({ platform: platformSchema.safeParse(e.target.value).data ?? null })}
          >
            <option value="">{t('allPlatforms')}</option>
            {platformSchema.options.map((platform) => (
              <option key={platform} value={platform}>
                {t(`kind.${platform}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-row">
          <label htmlFor={ids.from}>{t('feedbackFromLabel')}</label>
          <input id={ids.from} type="date" value={filter.from ?? ''} onChange={(e) => set({ from: e.target.value || null })} />
          <label htmlFor={ids.to}>{t('feedbackToLabel')}</label>
          <input id={ids.to} type="date" value={filter.to ?? ''} onChange={(e) => set({ to: e.target.value || null })} />
          <label htmlFor={ids.text}>{t('feedbackSearchLabel')}</label>
          <input id={ids.text} type="search" value={filter.text ?? ''} onChange={(e) => set({ text: e.target.value || null })} />
          <button type="button" onClick={() => setFilter(NO_FILTER)}>
            {t('clearFilters')}
          </button>
        </div>
      </div>
      <div className="form-row">
        <p role="status" className="muted">
          {rows ? t('feedbackCount', { shown: formatNumber(lang, shown.length), total: formatNumber(lang, recorded.length) }) : t('loading')}
        </p>
        <button
          type="button"
          disabled={shown.length === 0}
          onClick={() => saveFile(feedbackCsv(shown, t), `kotae-feedback-${new Date().toISOString().slice(0, 10)}.csv`)}
        >
          {t('exportFeedbackCsv')}
        </button>
      </div>
      <ErrorAlert message={error} />
      {rows && recorded.length === 0 ? <p className="empty">{t('noFeedback')}</p> : null}
      {recorded.length > 0 && shown.length === 0 ? <p className="empty">{t('noFeedbackMatch')}</p> : null}
      {shown.length > 0 ? (
        <ul aria-label={t('feedbackListLabel')} className="history">
          {shown.map((feedback) => (
            <li key={feedback.id}>
              <p className="meta">
                <strong>{t(`feedbackKind.${feedback.kind}`)}</strong> · {feedback.area} ·{' '}
                {t('feedbackRecordMeta', {
                  customer: feedback.identityId,
                  posted: feedback.postedAt ? formatDateTime(lang, feedback.postedAt) : '—',
                  author: feedback.recordedByName,
                  time: formatDateTime(lang, feedback.recordedAt),
                })}
              </p>
              <p className="post-text">
                {feedback.postText.length > EXCERPT_CHARS ? `${feedback.postText.slice(0, EXCERPT_CHARS)}…` : feedback.postText}
              </p>
              {feedback.comment ? <p className="note-body">{feedback.comment}</p> : null}
              <div className="form-row">
                <a href={feedback.postUrl} target="_blank" rel="noreferrer">
                  {t('openPost')}
                </a>
                {confirming === feedback.id ? (
                  <span role="group" aria-label={t('confirmWithdrawFeedback')} className="form-row">
                    <span>{t('confirmWithdrawFeedback')}</span>
                    <button type="button" autoFocus onClick={() => void withdraw(feedback)}>
                      {t('confirmWithdraw')}
                    </button>
                    <button type="button" onClick={() => setConfirming(null)}>
                      {t('cancel')}
                    </button>
                  </span>
                ) : (
                  <button
                    type="button"
                    aria-label={t('withdrawFeedbackLabel', { kind: t(`feedbackKind.${feedback.kind}`) })}
                    onClick={() => setConfirming(feedback.id)}
                  >
                    {t('withdrawFeedback')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
