import { useId, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useT } from '@/components/i18n';
import { errorText, useClient } from '@/components/client-context';
import { cleanText, NOTE_MAX_CHARS, type Note } from '@/utils/model';
import { formatDateTime } from '@/utils/i18n';
import { useCustomerChange } from './use-customer';
import { mayChangeNote } from '@/utils/db/customers';
import { ErrorAlert } from '@/components/ErrorAlert';

interface Props {
  identityId: string;
  postKey: string | null;
  notes: Note[];
}

/** Length as the server will count it, so the warning and the refusal agree. */
const noteLength = (text: string) => cleanText(text).length;

export function NotesSection({ identityId, postKey, notes }: Props) {
  const { t } = useT();
  const headingId = useId();
  const fieldId = useId();
  const privateId = useId();
  const [draft, setDraft] = useState('');
  const [isPrivate, setPrivate] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const add = useCustomerChange(identityId, 'note.add');
  const client = useClient();
  const viewer = useQuery({ queryKey: ['viewer'], queryFn: () => client.send('viewer.get', {}) });
  // Until the background says who this is, the buttons stay (a browser alone may change
  // every note, and the background refuses what a team member may not): hiding them
  // first and showing them later would move the panel under the agent's pointer.
  const mayChange = (note: Note) => viewer.data === undefined || mayChangeNote(note, viewer.data);

  const length = noteLength(draft);
  const tooLong = length > NOTE_MAX_CHARS;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (tooLong) {
      setError(t('error.tooLong', { count: length, max: NOTE_MAX_CHARS }));
      return;
    }
    if (draft.trim() === '') {
      setError(t('error.empty'));
      return;
    }
    setError(null);
    add.mutate(
      { identityId, body: draft, postKey, ...(isPrivate ? { private: true } : {}) },
      {
        onSuccess: () => setDraft(''),
        // The draft stays in the box: nothing the agent wrote is lost.
        onError: (failure) => setError(errorText(t, failure, { count: length })),
      },
    );
  }

  return (
    <section aria-labelledby={headingId} className="section">
      <h2 id={headingId}>{t('notesHeading')}</h2>
      <form onSubmit={submit} className="note-form">
        <label htmlFor={fieldId}>{t('newNoteLabel')}</label>
        <textarea
          id={fieldId}
          value={draft}
          rows={3}
          aria-invalid={tooLong || undefined}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit(event);
          }}
        />
        <div className="form-row">
          <span className={tooLong ? 'counter over' : 'counter'} aria-live="polite">
            {length > NOTE_MAX_CHARS * 0.8 ? t('noteCounter', { count: length, max: NOTE_MAX_CHARS }) : ''}
          </span>
          <button type="submit" disabled={add.isPending}>
            {t('addNote')}
          </button>
        </div>
        <div className="form-row">
          <input id={privateId} type="checkbox" checked={isPrivate} onChange={(event) => setPrivate(event.target.checked)} />
          <label htmlFor={privateId}>{t('notePrivateLabel')}</label>
        </div>
        <ErrorAlert message={error} />
      </form>
      {notes.length === 0 ? (
        <p className="empty">{t('noNotes')}</p>
      ) : (
        <ul aria-labelledby={headingId} className="notes">
          {notes.map((note) => (
            <NoteItem key={note.id} identityId={identityId} note={note} mayChange={mayChange(note)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function NoteItem({ identityId, note, mayChange }: { identityId: string; note: Note; mayChange: boolean }) {
  const { t, lang } = useT();
  const fieldId = useId();
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const update = useCustomerChange(identityId, 'note.update');
  const remove = useCustomerChange(identityId, 'note.delete');

  function save(event: FormEvent) {
    event.preventDefault();
    if (editing === null) return;
    const length = noteLength(editing);
    if (length > NOTE_MAX_CHARS) {
      setError(t('error.tooLong', { count: length, max: NOTE_MAX_CHARS }));
      return;
    }
    update.mutate(
      { noteId: note.id, body: editing },
      {
        onSuccess: () => {
          setEditing(null);
          setError(null);
        },
        onError: (failure) => setError(errorText(t, failure, { count: length })),
      },
    );
  }

  return (
    <li className="note">
      {editing !== null ? (
        <form onSubmit={save}>
          <label htmlFor={fieldId}>{t('editNoteLabel')}</label>
          <textarea
            id={fieldId}
            value={editing}
            rows={4}
            autoFocus
            onChange={(event) => setEditing(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.stopPropagation();
                setEditing(null);
              }
            }}
          />
          <div className="form-row">
            <button type="submit" disabled={update.isPending}>
              {t('saveNote')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      ) : (
        <p className="note-body">{note.body}</p>
      )}
      <p className="meta">
        {t('noteMeta', { author: note.authorName, time: formatDateTime(lang, note.createdAt) })}
        {note.updatedAt !== note.createdAt ? ` · ${t('noteEdited', { time: formatDateTime(lang, note.updatedAt) })}` : ''}
        {note.private ? ` · ${t('notePrivate')}` : ''}
      </p>
      {note.revisions && note.revisions.length > 0 ? (
        <details>
          <summary>{t('noteRevisions', { count: note.revisions.length })}</summary>
          <ol className="revisions">
            {note.revisions.map((revision, index) => (
              <li key={index}>
                <p className="note-body">{revision.body}</p>
                <p className="meta">{t('noteRevisionMeta', { author: revision.authorName, time: formatDateTime(lang, revision.replacedAt) })}</p>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {mayChange && editing === null && !confirming ? (
        <div className="form-row">
          <button type="button" onClick={() => setEditing(note.body)}>
            {t('editNote')}
          </button>
          <button type="button" onClick={() => setConfirming(true)}>
            {t('deleteNote')}
          </button>
        </div>
      ) : null}
      {confirming ? (
        <div className="form-row" role="group" aria-label={t('confirmDeleteNote')}>
          <span>{t('confirmDeleteNote')}</span>
          <button
            type="button"
            autoFocus
            onClick={() => remove.mutate({ noteId: note.id }, { onError: (failure) => setError(errorText(t, failure)) })}
          >
            {t('confirmDelete')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('cancel')}
          </button>
        </div>
      ) : null}
      <ErrorAlert message={error} />
    </li>
  );
}
