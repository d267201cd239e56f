import { useEffect, useId, useState, type FormEvent } from 'react';
import { useT } from '@/components/i18n';
import { ErrorAlert } from '@/components/ErrorAlert';
import { errorText, useClient } from '@/components/client-context';
import { formatDateTime, formatNumber } from '@/utils/i18n';
import type { SyncStatus } from '@/utils/sync/state';
import { DISPLAY_NAME_MAX_CHARS } from '@/utils/model';

const POLL_MS = 2000;

/**
 * Asks the browser for access to a server on the internet. Must be called straight
 * from the submit handler (a user gesture), before anything is awaited. Plain http
 * to this machine is granted in the manifest; anything else is refused later with words.
 */
export type RequestPermission = (origins: string[]) => Promise<boolean>;

function originPattern(serverUrl: string): string | null {
  try {
    const url = new URL(serverUrl.trim());
    return url.protocol === 'https:' ? `${url.origin}/*` : null;
  } catch {
    return null;
  }
}

/** Team sync in the popup: join with an invite code, see how sync is doing, sign out. */
export function SyncPanel({ requestPermission }: { requestPermission: RequestPermission }) {
  const { t, lang } = useT();
  const client = useClient();
  const ids = { heading: useId(), server: useId(), serverHint: useId(), code: useId(), name: useId() };
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<'join' | 'signOut' | 'retry' | null>(null);
  const [form, setForm] = useState({ serverUrl: '', code: '', name: '' });
  const [removeLocal, setRemoveLocal] = useState(false);

  // The status follows the background: asked for now and every two seconds while the popup is open.
  useEffect(() => {
    let open = true;
    const load = () =>
      client.send('sync.status', {}).then(
        (next) => {
          if (!open) return;
          setStatus(next);
          setFailure(null);
        },
        (error: unknown) => {
          if (open) setFailure(errorText(t, error));
        },
      );
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => {
      open = false;
      clearInterval(timer);
    };
  }, [client, t]);

  const run = async (what: 'join' | 'signOut' | 'retry', action: () => Promise<SyncStatus>) => {
    setBusy(what);
    try {
      setStatus(await action());
      setFailure(null);
    } catch (error) {
      setFailure(errorText(t, error));
    } finally {
      setBusy(null);
    }
  };

  const join = (event: FormEvent) => {
    event.preventDefault();
    const pattern = originPattern(form.serverUrl);
    // Asked synchronously in the gesture (the browser refuses a request made later).
    // The join goes to the background at once, not after the answer: some browsers
    // close the popup when their permission prompt opens, and the background waits
    // for the permission to be granted.
    if (pattern) {
      void requestPermission([pattern]).then(
        (granted) => !granted && setFailure(t('syncError.permission')),
        () => setFailure(t('syncError.permission')),
      );
    }
    void run('join', () => client.send('sync.join', { serverUrl: form.serverUrl.trim(), code: form.code.trim(), name: form.name.trim() }));
  };

  const error = status?.error ?? null;
  const errorMessage = error ? t(`syncError.${error.code}`, { seconds: error.retryAfterSeconds ?? 60 }) : null;
  const joined = status !== null && status.state !== 'signedOut';

  return (
    <section aria-labelledby={ids.heading} className="section">
      <h2 id={ids.heading}>{t('syncHeading')}</h2>
      <ErrorAlert message={failure} />
      {status === null ? <p className="muted">{t('loading')}</p> : null}
      {status !== null && !joined ? (
        <>
          <p className="muted">{t('popupLocalOnly')}</p>
          <p className="muted">{t('syncIntro')}</p>
          <form onSubmit={join} aria-labelledby={ids.heading}>
            <div className="form-row">
              <label htmlFor={ids.server}>{t('syncServerLabel')}</label>
              <input
                id={ids.server}
                type="url"
                required
                autoComplete="url"
                aria-describedby={ids.serverHint}
                value={form.serverUrl}
                onChange={(e) => setForm({ ...form, serverUrl: e.target.value })}
              />
              <span id={ids.serverHint} className="muted">
                {t('syncServerHint')}
              </span>
            </div>
            <div className="form-row">
              <label htmlFor={ids.code}>{t('syncCodeLabel')}</label>
              <input
                id={ids.code}
                required
                autoComplete="off"
                spellCheck={false}
                value={form.code}
                onChange={(e) => setForm({ ...form, code: e.target.value })}
              />
            </div>
            <div className="form-row">
              <label htmlFor={ids.name}>{t('syncNameLabel')}</label>
              <input
                id={ids.name}
                required
                autoComplete="name"
                maxLength={DISPLAY_NAME_MAX_CHARS}
                value={form.name}
                onChange={(e) => setForm({ ...form, name: e.target.value })}
              />
            </div>
            <p className="muted">{t('syncJoinedNote')}</p>
            <div className="form-row">
              <button type="submit" disabled={busy !== null}>
                {busy === 'join' ? t('syncJoining') : t('syncJoin')}
              </button>
            </div>
          </form>
          <ErrorAlert message={errorMessage} />
        </>
      ) : null}
      {status !== null && joined ? (
        <>
          <dl>
            <dt>{t('syncTeam')}</dt>
            <dd>{status.teamName}</dd>
            <dt>{t('syncMember')}</dt>
            <dd>{t('syncMemberValue', { name: status.memberName ?? '', role: status.role ? t(`role.${status.role}`) : '' })}</dd>
            <dt>{t('syncServer')}</dt>
            <dd>{status.serverUrl}</dd>
            <dt>{t('syncState')}</dt>
            <dd role="status">
              {t(`syncState.${status.state}`)}
              {status.live && status.state === 'online' ? ` · ${t('syncLive')}` : ''}
            </dd>
            <dt>{t('syncLastSync')}</dt>
            <dd>{status.lastSyncAt ? formatDateTime(lang, status.lastSyncAt) : t('syncNever')}</dd>
            <dt>{t('syncPending')}</dt>
            <dd>{formatNumber(lang, status.pending)}</dd>
            {status.rejected > 0 ? (
              <>
                <dt>{t('syncRejected')}</dt>
                <dd>
                  {t('syncRejectedValue', {
                    count: formatNumber(lang, status.rejected),
                    reason: status.lastRejected ? t(`rejectReason.${status.lastRejected.reason}`) : '',
                  })}
                </dd>
              </>
            ) : null}
          </dl>
          <ErrorAlert message={errorMessage} />
          {error ? (
            <div className="form-row">
              <button type="button" disabled={busy !== null} onClick={() => void run('retry', () => client.send('sync.retry', {}))}>
                {t('syncRetry')}
              </button>
            </div>
          ) : null}
          <div className="form-row">
            <label className="check">
              <input type="checkbox" checked={removeLocal} onChange={(e) => setRemoveLocal(e.target.checked)} /> {t('syncRemoveLocal')}
            </label>
          </div>
          <div className="form-row">
            <button
              type="button"
              disabled={busy !== null}
              onClick={() => void run('signOut', () => client.send('sync.signOut', { removeLocalData: removeLocal }))}
            >
              {busy === 'signOut' ? t('syncSigningOut') : t('syncSignOut')}
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
