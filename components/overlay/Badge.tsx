import { useCallback, useId, useSyncExternalStore } from 'react';
import type { SummaryStore } from '@/utils/overlay/summary-store';
import { useT } from '@/components/i18n';

export interface BadgeProps {
  identityId: string;
  /** What the agent sees as the customer's name in the label, e.g. `@alice`. */
  who: string;
  store: SummaryStore;
  onOpen: () => void;
}

/**
 * The compact mark beside a post: status and how often this customer was seen,
 * answered and noted. Its box never changes size (see badge-styles), so data
 * arriving later never moves the page.
 */
export function Badge({ identityId, who, store, onOpen }: BadgeProps) {
  const { t } = useT();
  const descriptionId = useId();
  const subscribe = useCallback((listener: () => void) => store.subscribe(identityId, listener), [store, identityId]);
  const summary = useSyncExternalStore(subscribe, () => store.get(identityId));
  const failed = useSyncExternalStore(subscribe, () => store.hasFailed(identityId));

  const description = summary
    ? t('badgeDescription', {
        status: t(`status.${summary.status}`),
        seen: summary.seenCount,
        replied: summary.repliedCount,
        notes: summary.noteCount,
        tags: summary.tags.length ? summary.tags.join(', ') : t('badgeNoTags'),
      })
    : failed
      ? t('badgeUnavailable')
      : t('loading');

  return (
    <button
      type="button"
      className="badge"
      data-status={summary?.status ?? 'unknown'}
      aria-label={t('badgeLabel', { who })}
      aria-describedby={descriptionId}
      aria-haspopup="dialog"
      title={description}
      onClick={(event) => {
        // The post around the badge is a link on X: the click is ours alone.
        event.preventDefault();
        event.stopPropagation();
        onOpen();
      }}
    >
      <span className="status">{summary ? t(`statusShort.${summary.status}`) : failed ? '!' : '…'}</span>
      <span className="count" aria-hidden="true">
        ◉{summary ? summary.seenCount + summary.repliedCount : '–'}
      </span>
      <span className="count" aria-hidden="true">
        ✎{summary ? summary.noteCount : '–'}
      </span>
      {summary && summary.tags.length > 0 ? (
        <span className="tag" aria-hidden="true">
          #{summary.tags[0]}
        </span>
      ) : null}
      <span id={descriptionId} hidden>
        {description}
      </span>
    </button>
  );
}
