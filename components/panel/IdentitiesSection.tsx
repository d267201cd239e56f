import { useId, useState, type FormEvent } from 'react';
import { useT } from '@/components/i18n';
import { errorText } from '@/components/client-context';
import { identityKindSchema, type Identity, type IdentityKind } from '@/utils/model';
import { useCustomerChange } from './use-customer';
import { ErrorAlert } from '@/components/ErrorAlert';

/** How an identity reads to a person: `@alice` on X, the id or address elsewhere. */
export function identityLabel(identity: Pick<Identity, 'kind' | 'handle'>): string {
  return identity.kind === 'x' ? `@${identity.handle}` : identity.handle;
}

export function IdentitiesSection({ identityId, identities }: { identityId: string; identities: Identity[] }) {
  const { t } = useT();
  const headingId = useId();
  const kindId = useId();
  const handleId = useId();
  const [kind, setKind] = useState<IdentityKind>('facebook');
  const [handle, setHandle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const link = useCustomerChange(identityId, 'identity.link');
  const unlink = useCustomerChange(identityId, 'identity.unlink');

  function submit(event: FormEvent) {
    event.preventDefault();
    link.mutate(
      { identityId, kind, handle },
      {
        onSuccess: () => {
          setHandle('');
          setError(null);
        },
        onError: (failure) => setError(errorText(t, failure)),
      },
    );
  }

  return (
    <section aria-labelledby={headingId} className="section">
      <h2 id={headingId}>{t('identitiesHeading')}</h2>
      <ul aria-labelledby={headingId} className="identities">
        {identities.map((identity) => (
          <li key={identity.id}>
            <span className="kind">{t(`kind.${identity.kind}`)}</span> <span>{identityLabel(identity)}</span>
            {identity.displayName && identity.displayName !== identity.handle ? (
              <span className="muted"> ({identity.displayName})</span>
            ) : null}
            {identity.linkedByHand ? <span className="muted"> · {t('linkedByHand')}</span> : null}
            {identities.length > 1 ? (
              <button
                type="button"
                onClick={() =>
                  unlink.mutate({ identityId: identity.id }, { onError: (failure) => setError(errorText(t, failure)) })
                }
              >
                {t('unlinkIdentity', { who: identityLabel(identity) })}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <form onSubmit={submit} className="form-row">
        <label htmlFor={kindId}>{t('linkKindLabel')}</label>
        <select
          id={kindId}
          value={kind}
          onChange={(event) => setKind(identityKindSchema.parse(event.target.value))}
        >
          {identityKindSchema.options.map((option) => (
            <option key={option} value={option}>
              {t(`kind.${option}`)}
            </option>
          ))}
        </select>
        <label htmlFor={handleId}>{t('linkHandleLabel')}</label>
        <input id={handleId} value={handle} onChange={(event) => setHandle(event.target.value)} />
        <button type="submit" disabled={link.isPending || handle.trim() === ''}>
          {t('linkIdentity')}
        </button>
      </form>
      <ErrorAlert message={error} />
    </section>
  );
}
