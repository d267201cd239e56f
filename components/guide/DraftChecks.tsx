import { useEffect, useId, useMemo } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useT } from '@/components/i18n';
import { checkDraft, findingMessage, weightedLength } from '@/utils/guidelines';
import { guidelineRulesItem, readGuidelineRules } from '@/utils/storage';

/** Live warnings on the draft. They inform; they never stop the agent from sending. */
export function DraftChecks({ draft, onSwapToDm }: { draft: string; onSwapToDm: () => void }) {
  const { t, lang } = useT();
  const headingId = useId();
  const queryClient = useQueryClient();
  const rules = useQuery({ queryKey: ['guidelineRules'], queryFn: readGuidelineRules });
  // Rules saved in the options page apply to an open guide at once.
  useEffect(
    () => guidelineRulesItem.watch(() => void queryClient.invalidateQueries({ queryKey: ['guidelineRules'] })),
    [queryClient],
  );
  const findings = useMemo(() => (rules.data ? checkDraft(draft, rules.data) : []), [draft, rules.data]);
  const length = useMemo(() => weightedLength(draft), [draft]);
  const max = rules.data?.maxWeightedLength ?? 280;

  return (
    <section aria-labelledby={headingId} className="section">
      <h2 id={headingId}>{t('draftChecksHeading')}</h2>
      <p className={length.weightedLength > max ? 'counter over' : 'counter'}>
        {t('lengthMeter', { count: length.weightedLength, max })}
      </p>
      <div aria-live="polite">
        {findings.length === 0 ? (
          <p className="empty">{t('noFindings')}</p>
        ) : (
          <ul aria-label={t('draftChecksHeading')} className="findings">
            {findings.map((finding, index) => (
              <li key={`${finding.kind}-${finding.start}-${index}`} data-kind={finding.kind}>
                {findingMessage(lang, finding)}
              </li>
            ))}
          </ul>
        )}
      </div>
      {findings.some((finding) => finding.suggestDmTemplate) ? (
        <button type="button" onClick={onSwapToDm}>
          {t('swapToDm')}
        </button>
      ) : null}
    </section>
  );
}
