import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useT } from '@/components/i18n';
import { errorText, useClient } from '@/components/client-context';
import { ErrorAlert } from '@/components/ErrorAlert';
import { formatDateTime } from '@/utils/i18n';
import { FEEDBACK_AREA_MAX_CHARS, FEEDBACK_COMMENT_MAX_CHARS, feedbackKindSchema, type FeedbackKind } from '@/utils/model';
import { customerQueryKey } from './use-customer';

/** Under the customer's key, so a colleague's feedback pulled from the team server shows at once. */
export const postFeedbackQueryKey = (identityId: string, postKey: string) => [...customerQueryKey(identityId), 'feedback', postKey] as const;

/**
 * Records the post the panel was opened from as feedback for the product team:
 * a kind, a product area (suggested from areas used before) and an optional comment.
 * Whether or not anyone replies; the post's response timer is left as it is.
 */
export function FeedbackSection({ identityId, postKey }: { identityId: string; postKey: string }) {
  const { t, lang } = useT();
  const headingId = useId();
  const kindLegendId = useId();
  const areaId = useId();
  const areasId = useId();
  const commentId = useId();
  const listId = useId();
  const client = useClient();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<FeedbackKind | null>(null);
  const [area, setArea] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [recorded, setRecorded] = useState<string | null>(null);

  const existing = useQuery({
    queryKey: postFeedbackQueryKey(identityId, postKey),
    queryFn: () => client.send('feedback.forPost', { postKey }),
  });
  const record = useMutation({
    mutationFn: (input: { kind: FeedbackKind; area: string; comment: string }) => client.send('feedback.record', { postKey, ...input }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: customerQueryKey(identityId) }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setRecorded(null);
    if (!kind) {
      setError(t('feedbackChooseKind'));
      return;
    }
    if (area.trim() === '') {
      setError(t('feedbackAreaMissing'));
      return;
    }
    setError(null);
    record.mutate(
      { kind, area, comment },
      {
        onSuccess: (saved) => {
          setRecorded(t('feedbackRecorded', { kind: t(`feedbackKind.${saved.kind}`), area: saved.area }));
          setKind(null);
          setArea('');
          setComment('');
        },
        // What the agent chose and wrote stays in the form.
        onError: (failure) => setError(errorText(t, failure, { count: comment.length })),
      },
    );
  }

  const onPost = existing.data?.feedback ?? [];
  return (
    <section aria-labelledby={headingId} className="section">
      <h2 id={headingId}>{t('feedbackHeading')}</h2>
      <form onSubmit={submit} aria-labelledby={headingId}>
        <fieldset className="form-row kinds" aria-labelledby={kindLegendId}>
          <legend id={kindLegendId}>{t('feedbackKindLabel')}</legend>
          {feedbackKindSchema.options.map((option) => (
            <label key={option} className="choice">
              <input type="radio" name={`${headingId}-kind`} value={option} checked={kind === option} onChange={() => setKind(option)} />
              {t(`feedbackKind.${option}`)}
            </label>
          ))}
        </fieldset>
        <div className="form-row">
          <label htmlFor={areaId}>{t('feedbackAreaLabel')}</label>
          <input
            id={areaId}
            list={areasId}
            value={area}
            maxLength={FEEDBACK_AREA_MAX_CHARS}
            autoComplete="off"
            onChange={(event) => setArea(event.target.value)}
          />
          <datalist id={areasId}>
            {(existing.data?.areas ?? []).map((known) => (
              <option key={known} value={known} />
            ))}
          </datalist>
        </div>
        <label htmlFor={commentId}>{t('feedbackCommentLabel')}</label>
        <textarea
          id={commentId}
          value={comment}
          rows={2}
          maxLength={FEEDBACK_COMMENT_MAX_CHARS}
          onChange={(event) => setComment(event.target.value)}
        />
        <div className="form-row">
          <button type="submit" disabled={record.isPending}>
            {t('recordFeedback')}
          </button>
          <span role="status">{recorded ?? ''}</span>
        </div>
        <ErrorAlert message={error} />
      </form>
      {onPost.length > 0 ? (
        <>
          <h3 id={listId} className="meta">
            {t('feedbackOnPost')}
          </h3>
          <ul aria-labelledby={listId} className="history">
            {onPost.map((feedback) => (
              <li key={feedback.id}>
                <p className="meta">
                  {t('feedbackMeta', {
                    kind: t(`feedbackKind.${feedback.kind}`),
                    area: feedback.area,
                    author: feedback.recordedByName,
                    time: formatDateTime(lang, feedback.recordedAt),
                  })}
                </p>
                {feedback.comment ? <p className="note-body">{feedback.comment}</p> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
