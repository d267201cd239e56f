import { useId, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useT } from '@/components/i18n';
import { errorText, useClient } from '@/components/client-context';
import { ErrorAlert } from '@/components/ErrorAlert';
import { formatDateTime, type MessageKey } from '@/utils/i18n';
import { customerStatusSchema, feedbackKindSchema, interactionKindSchema, type ChangeLogEntry } from '@/utils/model';
import { customerQueryKey } from './use-customer';

/** Entries shown at first, and added by each "show more". */
export const CHANGES_PAGE = 100;

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** An entry in words. Summaries are language-neutral details; unknown ones are shown as they are. */
export function changeText(t: Translate, entry: ChangeLogEntry): string {
  const { entity, action, summary } = entry;
  if (entity === 'customer' && action === 'status') {
    const [from, to] = summary.split('>').map((s) => customerStatusSchema.safeParse(s));
    if (from?.success && to?.success) return t('change.customer.status', { from: t(`status.${from.data}`), to: t(`status.${to.data}`) });
  }
  if (entity === 'interaction' && action === 'added') {
    const kind = interactionKindSchema.safeParse(summary);
    return t('change.interaction.added', { detail: kind.success ? t(`interaction.${kind.data}`) : summary });
  }
  if (entity === 'feedback' && (action === 'recorded' || action === 'withdrawn')) {
    const sep = summary.indexOf(':');
    const kind = feedbackKindSchema.safeParse(summary.slice(0, sep));
    const detail = kind.success ? `${t(`feedbackKind.${kind.data}`)} · ${summary.slice(sep + 1)}` : summary;
    return t(`change.feedback.${action}`, { detail });
  }
  if (entity === 'note' && (action === 'added' || action === 'edited' || action === 'deleted')) {
    return summary ? `${t(`change.note.${action}`)}: ${summary}` : t(`change.note.${action}`);
  }
  if (entity === 'tag' && (action === 'added' || action === 'deleted')) return t(`change.tag.${action}`, { detail: summary });
  if (entity === 'identity' && (action === 'linked' || action === 'unlinked')) return t(`change.identity.${action}`, { detail: summary });
  return t('change.other', { entity, action, detail: summary });
}

/** Who changed what and when on this customer's records, newest first; collapsed until asked for. */
export function ChangesSection({ identityId }: { identityId: string }) {
  const { t, lang } = useT();
  const headingId = useId();
  const regionId = useId();
  const client = useClient();
  const [open, setOpen] = useState(false);
  const [limit, setLimit] = useState(CHANGES_PAGE);
  const changes = useQuery({
    // Under the customer's key: every change to the customer reloads it.
    queryKey: [...customerQueryKey(identityId), 'changes', limit],
    queryFn: () => client.send('customer.changes', { identityId, limit }),
    enabled: open,
    placeholderData: keepPreviousData,
  });

  return (
    <section aria-labelledby={headingId} className="section">
      <h2 id={headingId}>
        <button type="button" className="disclosure" aria-expanded={open} aria-controls={regionId} onClick={() => setOpen(!open)}>
          <span aria-hidden="true">{open ? '▾ ' : '▸ '}</span>
          {t('changesHeading')}
        </button>
      </h2>
      <div id={regionId} hidden={!open}>
        {open && changes.isPending ? <p role="status">{t('loading')}</p> : null}
        <ErrorAlert message={changes.isError ? errorText(t, changes.error) : null} />
        {changes.data && changes.data.entries.length === 0 ? <p className="empty">{t('noChanges')}</p> : null}
        {changes.data && changes.data.entries.length > 0 ? (
          <ol aria-labelledby={headingId} className="history changes">
            {changes.data.entries.map((entry) => (
              <li key={entry.id}>
                <p className="change">{changeText(t, entry)}</p>
                <p className="meta">
                  {t('changeMeta', { actor: entry.actorName || entry.actorId, time: formatDateTime(lang, entry.at) })}
                </p>
              </li>
            ))}
          </ol>
        ) : null}
        {changes.data?.hasMore ? (
          <button type="button" disabled={changes.isFetching} onClick={() => setLimit(limit + CHANGES_PAGE)}>
            {t('showMoreChanges')}
          </button>
        ) : null}
      </div>
    </section>
  );
}
