import { useId, useState, type FormEvent } from 'react';
import { useT } from '@/components/i18n';
import { errorText } from '@/components/client-context';
import type { Tag } from '@/utils/model';
import { useCustomerChange } from './use-customer';
import { ErrorAlert } from '@/components/ErrorAlert';

export function TagsSection({ identityId, tags }: { identityId: string; tags: Tag[] }) {
  const { t } = useT();
  const headingId = useId();
  const fieldId = useId();
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = useCustomerChange(identityId, 'tag.add');
  const remove = useCustomerChange(identityId, 'tag.remove');

  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate(
      { identityId, label },
      {
        onSuccess: () => {
          setLabel('');
          setError(null);
        },
        onError: (failure) => setError(errorText(t, failure, { count: label.length })),
      },
    );
  }

  return (
    <section aria-labelledby={headingId} className="section">
      <h2 id={headingId}>{t('tagsHeading')}</h2>
      {tags.length === 0 ? (
        <p className="empty">{t('noTags')}</p>
      ) : (
        <ul aria-labelledby={headingId} className="tags">
          {tags.map((tag) => (
            <li key={tag.id} className="tag">
              <span>{tag.label}</span>
              <button
                type="button"
                aria-label={t('removeTag', { tag: tag.label })}
                onClick={() => remove.mutate({ tagId: tag.id }, { onError: (failure) => setError(errorText(t, failure)) })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} className="form-row">
        <label htmlFor={fieldId}>{t('newTagLabel')}</label>
        <input id={fieldId} value={label} maxLength={60} onChange={(event) => setLabel(event.target.value)} />
        <button type="submit" disabled={add.isPending}>
          {t('addTag')}
        </button>
      </form>
      <ErrorAlert message={error} />
    </section>
  );
}
