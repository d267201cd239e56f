import { useEffect, useId, useState, type FormEvent } from 'react';
import { useT } from '@/components/i18n';
import { ErrorAlert } from '@/components/ErrorAlert';
import { readTeamIdentities, readTimerSettings, teamIdentitiesItem, timerSettingsItem } from '@/utils/storage';
import { timerSettingsSchema } from '@/utils/timer';
import { formatTeamAccount, parseTeamAccount } from '@/utils/team-accounts';

/** The response-time target, its warning point, follow-up windows, and the team's own accounts. */
export function TimerSettingsEditor() {
  const { t } = useT();
  const ids = { heading: useId(), target: useId(), warning: useId(), followUp: useId(), privateFollowUp: useId(), team: useId() };
  const [form, setForm] = useState<Record<'target' | 'warning' | 'followUp' | 'privateFollowUp' | 'team', string> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void Promise.all([readTimerSettings(), readTeamIdentities()]).then(([settings, team]) =>
      setForm({
        target: String(settings.targetMinutes),
        warning: String(Math.round(settings.warningRatio * 100)),
        followUp: String(settings.followUpHours),
        privateFollowUp: String(settings.privateFollowUpHours),
        team: [...team].map(formatTeamAccount).join('\n'),
      }),
    );
  }, []);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!form) return;
    setSaved(false);
    const parsed = timerSettingsSchema.safeParse({
      targetMinutes: Number(form.target),
      warningRatio: Number(form.warning) / 100,
      followUpHours: Number(form.followUp),
      privateFollowUpHours: Number(form.privateFollowUp),
    });
    const lines = form.team.split('\n').filter((line) => line.trim() !== '');
    const keys = lines.map(parseTeamAccount);
    const bad = lines.find((_, i) => keys[i] === null);
    if (!parsed.success || bad !== undefined) {
      const issue = parsed.success ? (bad ?? '').trim().slice(0, 100) : `${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`;
      setError(t('rulesInvalid', { reason: issue }));
      return;
    }
    setError(null);
    await timerSettingsItem.setValue(parsed.data);
    await teamIdentitiesItem.setValue([...new Set(keys.filter((key): key is string => key !== null))]);
    setSaved(true);
  }

  if (!form) return <p role="status">{t('loading')}</p>;
  const field = (key: keyof typeof form, label: string, id: string) => (
    <div className="form-row">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="number" value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </div>
  );
  return (
    <section aria-labelledby={ids.heading} className="section">
      <h2 id={ids.heading}>{t('timerHeading')}</h2>
      <form noValidate onSubmit={(event) => void save(event)}>
        {field('target', t('targetMinutesLabel'), ids.target)}
        {field('warning', t('warningPercentLabel'), ids.warning)}
        {field('followUp', t('followUpHoursLabel'), ids.followUp)}
        {field('privateFollowUp', t('privateFollowUpHoursLabel'), ids.privateFollowUp)}
        <label htmlFor={ids.team}>{t('teamAccountsLabel')}</label>
        <textarea id={ids.team} rows={3} value={form.team} onChange={(e) => setForm({ ...form, team: e.target.value })} />
        <div className="form-row">
          <button type="submit">{t('saveTimerSettings')}</button>
          {saved ? <span role="status">{t('saved')}</span> : null}
        </div>
        <ErrorAlert message={error} />
      </form>
    </section>
  );
}
