import { useId, useRef, useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useT } from '@/components/i18n';
import { db as defaultDb } from '@/utils/db';
import type { KotaeDB } from '@/utils/db/kotae-db';
import { readSession } from '@/utils/sync/outbox';
import { useWatchSearches } from '@/components/use-watch-searches';
import { watchSearchesItem } from '@/utils/storage';
import {
  sameQuery,
  savedSearchInputSchema,
  searchTitle,
  WATCH_LABEL_MAX_CHARS,
  WATCH_QUERY_MAX_CHARS,
  WATCH_SEARCHES_MAX,
  type SavedSearch,
} from '@/utils/watch/searches';

type Problem = { field: 'query' | 'label'; message: string };
const EMPTY_FORM = { query: '', label: '' };

/**
 * Keyword watch's saved searches: added, edited and removed here by someone working
 * alone, or by a team's supervisors and admins (the list then goes to the whole team).
 * Agents on a team see the team's list read-only.
 */
export function WatchSearchesEditor({ database = defaultDb }: { database?: KotaeDB }) {
  const { t } = useT();
  const ids = { heading: useId(), list: useId(), query: useId(), queryHint: useId(), label: useId(), problem: useId() };
  const searches = useWatchSearches();
  const session = useLiveQuery(() => readSession(database), [database]);
  const [form, setForm] = useState(EMPTY_FORM);
  const [editing, setEditing] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState('');
  const queryField = useRef<HTMLInputElement>(null);

  if (searches === null || session === undefined) return <p role="status">{t('loading')}</p>;
  const readOnly = session?.member.role === 'agent';

  const startEdit = (search: SavedSearch) => {
    setEditing(search.id);
    setForm({ query: search.query, label: search.label ?? '' });
    setProblem(null);
    setDone('');
    queryField.current?.focus();
  };
  const reset = () => {
    setEditing(null);
    setForm(EMPTY_FORM);
    setProblem(null);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!searches) return;
    setDone('');
    const parsed = savedSearchInputSchema.safeParse(form);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path[0] === 'label' ? 'label' : 'query';
      const message =
        field === 'label'
          ? t('watchInvalid.labelTooLong', { max: WATCH_LABEL_MAX_CHARS })
          : issue?.message === 'tooLong'
            ? t('watchInvalid.tooLong', { max: WATCH_QUERY_MAX_CHARS })
            : t('watchInvalid.empty');
      setProblem({ field, message });
      (field === 'query' ? queryField.current : document.getElementById(ids.label))?.focus();
      return;
    }
    const { query, label } = parsed.data;
    if (searches.some((search) => search.id !== editing && sameQuery(search.query, query))) {
      setProblem({ field: 'query', message: t('watchInvalid.duplicate') });
      queryField.current?.focus();
      return;
    }
    if (!editing && searches.length >= WATCH_SEARCHES_MAX) {
      setProblem({ field: 'query', message: t('watchInvalid.tooMany', { max: WATCH_SEARCHES_MAX }) });
      return;
    }
    const entry: SavedSearch = { id: editing ?? crypto.randomUUID(), query, ...(label ? { label } : {}) };
    const next = editing ? searches.map((search) => (search.id === editing ? entry : search)) : [...searches, entry];
    await watchSearchesItem.setValue(next);
    setDone(t(editing ? 'watchSaved' : 'watchAdded', { name: searchTitle(entry) }));
    reset();
    queryField.current?.focus();
  }

  async function remove(search: SavedSearch) {
    if (!searches) return;
    await watchSearchesItem.setValue(searches.filter((s) => s.id !== search.id));
    if (editing === search.id) reset();
    setDone(t('watchRemoved', { name: searchTitle(search) }));
    // The button pressed is gone: the form is the next place to work.
    queryField.current?.focus();
  }

  const invalid = (field: Problem['field']) => (problem?.field === field ? { 'aria-invalid': true, 'aria-describedby': ids.problem } : {});

  return (
    <section aria-labelledby={ids.heading} className="section">
      <h2 id={ids.heading}>{t('watchHeading')}</h2>
      <p className="muted">{t('watchIntro')}</p>
      {readOnly ? <p>{t('watchReadOnly')}</p> : null}
      <h3 id={ids.list} className="meta">
        {t('watchListLabel')}
      </h3>
      {searches.length === 0 ? <p className="empty">{t('watchEmpty')}</p> : null}
      <ul aria-labelledby={ids.list} className="history">
        {searches.map((search) => (
          <li key={search.id}>
            <strong>{searchTitle(search)}</strong>
            {search.label ? <code className="meta"> {search.query}</code> : null}
            {readOnly ? null : (
              <span className="form-row">
                <button type="button" aria-label={t('watchEdit', { name: searchTitle(search) })} onClick={() => startEdit(search)}>
                  {t('edit')}
                </button>
                <button type="button" aria-label={t('watchRemove', { name: searchTitle(search) })} onClick={() => void remove(search)}>
                  {t('watchRemoveShort')}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {readOnly ? null : (
        <form noValidate onSubmit={(event) => void save(event)}>
          <div className="form-row">
            <label htmlFor={ids.query}>{t('watchQueryLabel')}</label>
            <input
              id={ids.query}
              ref={queryField}
              size={40}
              value={form.query}
              aria-describedby={problem?.field === 'query' ? `${ids.problem} ${ids.queryHint}` : ids.queryHint}
              {...(problem?.field === 'query' ? { 'aria-invalid': true } : {})}
              onChange={(event) => setForm({ ...form, query: event.target.value })}
            />
          </div>
          <p id={ids.queryHint} className="muted">
            {t('watchQueryHint')}
          </p>
          <div className="form-row">
            <label htmlFor={ids.label}>{t('watchLabelLabel')}</label>
            <input id={ids.label} size={24} value={form.label} {...invalid('label')} onChange={(event) => setForm({ ...form, label: event.target.value })} />
          </div>
          <div className="form-row">
            <button type="submit">{t(editing ? 'watchSave' : 'watchAdd')}</button>
            {editing ? (
              <button type="button" onClick={reset}>
                {t('cancel')}
              </button>
            ) : null}
          </div>
          {problem ? (
            <p id={ids.problem} role="alert" className="error">
              {problem.message}
            </p>
          ) : null}
        </form>
      )}
      <p role="status" className="muted">
        {done}
      </p>
    </section>
  );
}
