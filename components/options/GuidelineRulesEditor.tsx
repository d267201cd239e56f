import { useEffect, useId, useState, type FormEvent } from 'react';
import { useT } from '@/components/i18n';
import { DEFAULT_GUIDELINE_RULES, guidelineRulesSchema, PRIVATE_DATA_KINDS, type GuidelineRules } from '@/utils/guidelines/rules';
import { guidelineRulesItem, readGuidelineRules } from '@/utils/storage';

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** The rules of the live draft checks: which private data to look for, length, phrase lists. */
export function GuidelineRulesEditor() {
  const { t } = useT();
  const ids = { heading: useId(), length: useId(), brushOff: useId(), blame: useId() };
  const [rules, setRules] = useState<GuidelineRules | null>(null);
  const [brushOff, setBrushOff] = useState('');
  const [blame, setBlame] = useState('');
  const [status, setStatus] = useState<{ text: string; alert: boolean } | null>(null);

  function load(next: GuidelineRules) {
    setRules(structuredClone(next));
    setBrushOff(next.brushOffPhrases.join('\n'));
    setBlame(next.blamePhrases.join('\n'));
  }
  useEffect(() => {
    void readGuidelineRules().then(load);
  }, []);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!rules) return;
    const parsed = guidelineRulesSchema.safeParse({ ...rules, brushOffPhrases: lines(brushOff), blamePhrases: lines(blame) });
    if (!parsed.success) {
      // Nothing is saved; what was typed stays in the form.
      const issue = parsed.error.issues[0];
      setStatus({ text: t('rulesInvalid', { reason: `${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim() }), alert: true });
      return;
    }
    await guidelineRulesItem.setValue(parsed.data);
    setStatus({ text: t('saved'), alert: false });
  }

  if (!rules) return <p role="status">{t('loading')}</p>;
  return (
    <section aria-labelledby={ids.heading} className="section">
      <h2 id={ids.heading}>{t('rulesHeading')}</h2>
      <form noValidate onSubmit={(event) => void save(event)}>
        <div className="form-row">
          <label htmlFor={ids.length}>{t('maxLengthLabel')}</label>
          <input
            id={ids.length}
            type="number"
            min={1}
            max={25000}
            value={rules.maxWeightedLength}
            onChange={(e) => setRules({ ...rules, maxWeightedLength: Number(e.target.value) })}
          />
        </div>
        <fieldset>
          <legend>{t('privateDataLegend')}</legend>
          {PRIVATE_DATA_KINDS.map((kind) => (
            <label key={kind} className="check">
              <input
                type="checkbox"
                checked={rules.privateData[kind]}
                onChange={(e) => setRules({ ...rules, privateData: { ...rules.privateData, [kind]: e.target.checked } })}
              />{' '}
              {t(`privateData.${kind}`)}
            </label>
          ))}
        </fieldset>
        <label className="check">
          <input
            type="checkbox"
            checked={rules.privateDataRequests}
            onChange={(e) => setRules({ ...rules, privateDataRequests: e.target.checked })}
          />{' '}
          {t('privateDataRequestsLabel')}
        </label>
        <label htmlFor={ids.brushOff}>{t('brushOffLabel')}</label>
        <textarea id={ids.brushOff} rows={6} value={brushOff} onChange={(e) => setBrushOff(e.target.value)} />
        <label htmlFor={ids.blame}>{t('blameLabel')}</label>
        <textarea id={ids.blame} rows={6} value={blame} onChange={(e) => setBlame(e.target.value)} />
        <div className="form-row">
          <button type="submit">{t('saveRules')}</button>
          <button type="button" onClick={() => load(DEFAULT_GUIDELINE_RULES)}>
            {t('resetRules')}
          </button>
          {status ? (
            <span role={status.alert ? 'alert' : 'status'} className={status.alert ? 'error' : 'muted'}>
              {status.text}
            </span>
          ) : null}
        </div>
      </form>
    </section>
  );
}
