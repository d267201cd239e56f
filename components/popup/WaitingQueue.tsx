import { useEffect, useId, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useT } from '@/components/i18n';
import { db } from '@/utils/db';
import { waitingQueue, type QueueFilter } from '@/utils/db/queue';
import { readAgentProfile, readTeamIdentities, readTimerSettings } from '@/utils/storage';
import { stateLabel } from '@/utils/timer';

const FILTERS: QueueFilter[] = ['all', 'mine', 'overdue'];
const TICK_MS = 30_000;

/** Every customer post seen and not answered, oldest wait first; each opens its post. */
export function WaitingQueue({ openPost }: { openPost: (url: string) => void }) {
  const { t, lang } = useT();
  const headingId = useId();
  const [filter, setFilter] = useState<QueueFilter>('all');
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), TICK_MS);
    return () => clearInterval(timer);
  }, []);

  // A live query: the list follows every change in the database as it happens.
  const entries = useLiveQuery(async () => {
    const [settings, profile, teamIdentities] = await Promise.all([readTimerSettings(), readAgentProfile(), readTeamIdentities()]);
    return waitingQueue(db, { settings, now, agentId: profile.id, filter, teamIdentities });
  }, [filter, now]);

  return (
    <section aria-labelledby={headingId} className="section">
      <h2 id={headingId}>{t('queueHeading')}</h2>
      <div role="radiogroup" aria-label={t('queueFilterLabel')} className="form-row">
        {FILTERS.map((value) => (
          <label key={value} className="check">
            <input type="radio" name="queue-filter" value={value} checked={filter === value} onChange={() => setFilter(value)} />{' '}
            {t(`queueFilter.${value}`)}
          </label>
        ))}
      </div>
      {entries && entries.length === 0 ? <p className="empty">{t('queueEmpty')}</p> : null}
      <ol aria-labelledby={headingId} className="history">
        {entries?.map((entry) => (
          <li key={entry.postKey} data-timer={entry.state.state}>
            <p className="meta">
              <strong>{entry.customerName}</strong> · {stateLabel(lang, entry.state)}
            </p>
            <p className="post-text">{entry.postText.length > 140 ? `${entry.postText.slice(0, 140)}…` : entry.postText}</p>
            <button type="button" onClick={() => openPost(entry.postUrl)}>
              {t('openPostOf', { who: entry.customerName })}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
