import { useId } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useT } from '@/components/i18n';
import { useClient, errorText } from '@/components/client-context';
import { ErrorAlert } from '@/components/ErrorAlert';
import { readTimerSettings } from '@/utils/storage';
import { responseState, stateLabel, type ResponseState } from '@/utils/timer';
import type { Interaction, PostMark } from '@/utils/model';
import { customerQueryKey } from './use-customer';

/** The marks that make sense from each state; the timer's own rules decide the rest. */
function marksFor(state: ResponseState): PostMark[] {
  if (state.state === 'answered' || state.state === 'recorded') return ['reopened'];
  if ((state.state === 'waiting' || state.state === 'warning' || state.state === 'overdue') && state.timer !== 'first') {
    return ['followedUp', 'reopened'];
  }
  return ['markedAnswered', 'acknowledged', 'movedToPrivate', 'recordedWithoutReply'];
}

/** The post the panel was opened from: how long it has waited, and what was done about it. */
export function PostSection({ identityId, postKey, interactions }: { identityId: string; postKey: string; interactions: Interaction[] }) {
  const { t, lang } = useT();
  const headingId = useId();
  const client = useClient();
  const queryClient = useQueryClient();
  const timer = useQuery({
    queryKey: ['postTimer', postKey],
    queryFn: async () => (await client.send('posts.timers', { postKeys: [postKey] })).timers[0] ?? null,
  });
  const settings = useQuery({ queryKey: ['timerSettings'], queryFn: readTimerSettings });
  const mark = useMutation({
    mutationFn: (value: PostMark) => client.send('post.mark', { postKey, mark: value }),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ['postTimer', postKey] });
      await queryClient.invalidateQueries({ queryKey: customerQueryKey(identityId) });
    },
  });

  const seen = interactions.find((i) => i.postKey === postKey && i.kind === 'seen');
  if (!timer.data || !settings.data || !seen) return null;
  const state = responseState({
    postedAt: seen.postedAt,
    firstSeenAt: timer.data.firstSeenAt,
    events: timer.data.events,
    settings: settings.data,
    now: new Date(),
  });

  return (
    <section aria-labelledby={headingId} className="section">
      <h2 id={headingId}>{t('thisPostHeading')}</h2>
      <p className="post-text">{seen.postText}</p>
      <p role="status" data-timer={state.state}>
        {stateLabel(lang, state)}
      </p>
      <div className="form-row">
        {marksFor(state).map((value) => (
          <button key={value} type="button" disabled={mark.isPending} onClick={() => mark.mutate(value)}>
            {t(`mark.${value}`)}
          </button>
        ))}
      </div>
      <ErrorAlert message={mark.isError ? errorText(t, mark.error) : null} />
    </section>
  );
}
