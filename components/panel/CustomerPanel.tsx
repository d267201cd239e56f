import { useId } from 'react';
import { useT } from '@/components/i18n';
import { useQuery } from '@tanstack/react-query';
import { errorText, useClient } from '@/components/client-context';
import { customerStatusSchema } from '@/utils/model';
import { NotesSection } from './NotesSection';
import { TagsSection } from './TagsSection';
import { IdentitiesSection, identityLabel } from './IdentitiesSection';
import { HistorySection } from './HistorySection';
import { PostSection } from './PostSection';
import { FeedbackSection } from './FeedbackSection';
import { ChangesSection } from './ChangesSection';
import { useCustomerChange, useCustomerDetail } from './use-customer';

interface Props {
  identityId: string;
  postKey: string | null;
  onClose: () => void;
}

/** Everything Kotae knows about one customer: status, tags, notes, identities, history, feedback, changes. */
export function CustomerPanel({ identityId, postKey, onClose }: Props) {
  const { t } = useT();
  const titleId = useId();
  const statusId = useId();
  const detail = useCustomerDetail(identityId);
  const client = useClient();
  const templates = useQuery({ queryKey: ['templates'], queryFn: async () => (await client.send('templates.list', {})).templates });
  const templateTitles = new Map(templates.data?.map((template) => [template.id, template.title]));
  const setStatus = useCustomerChange(identityId, 'customer.setStatus');

  const own = detail.data?.identities.find((identity) => identity.id === identityId);
  const who = own ? identityLabel(own) : identityId.slice(identityId.indexOf(':') + 1);

  return (
    <main
      aria-labelledby={titleId}
      className="panel"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <header className="panel-header">
        <div>
          <h1 id={titleId}>{t('panelTitle', { who })}</h1>
          {detail.data ? <p className="muted">{detail.data.customer.displayName}</p> : null}
        </div>
        <button type="button" className="close" onClick={onClose} aria-label={t('closePanel')} autoFocus>
          ×
        </button>
      </header>
      {detail.isPending ? <p role="status">{t('loading')}</p> : null}
      {detail.isError ? (
        <div role="alert" className="error">
          <p>{errorText(t, detail.error)}</p>
          <button type="button" onClick={() => void detail.refetch()}>
            {t('retry')}
          </button>
        </div>
      ) : null}
      {detail.data ? (
        <>
          <div className="form-row">
            <label htmlFor={statusId}>{t('statusLabel')}</label>
            <select
              id={statusId}
              value={detail.data.customer.status}
              onChange={(event) =>
                setStatus.mutate({ identityId, status: customerStatusSchema.parse(event.target.value) })
              }
            >
              {customerStatusSchema.options.map((status) => (
                <option key={status} value={status}>
                  {t(`status.${status}`)}
                </option>
              ))}
            </select>
          </div>
          {postKey ? <PostSection identityId={identityId} postKey={postKey} interactions={detail.data.interactions} /> : null}
          {postKey && detail.data.interactions.some((i) => i.postKey === postKey && i.kind === 'seen') ? (
            <FeedbackSection identityId={identityId} postKey={postKey} />
          ) : null}
          <TagsSection identityId={identityId} tags={detail.data.tags} />
          <NotesSection identityId={identityId} postKey={postKey} notes={detail.data.notes} />
          <IdentitiesSection identityId={identityId} identities={detail.data.identities} />
          <HistorySection interactions={detail.data.interactions} templateTitles={templateTitles} />
          <ChangesSection identityId={identityId} />
        </>
      ) : null}
    </main>
  );
}
