import { useEffect, useId, useState, type FormEvent } from 'react';
import { useT } from '@/components/i18n';
import { agentProfileItem, readAgentProfile, type AgentProfile } from '@/utils/storage';
import { DISPLAY_NAME_MAX_CHARS } from '@/utils/model';

/** Who you are on this browser: the name your notes carry. */
export function AgentSettings() {
  const { t } = useT();
  const nameId = useId();
  const [profile, setProfile] = useState<AgentProfile | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void readAgentProfile().then(setProfile);
  }, []);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!profile) return;
    await agentProfileItem.setValue({ ...profile, name: profile.name.trim() });
    setSaved(true);
  }

  return (
    <section className="section">
      <form onSubmit={(event) => void save(event)}>
        <div className="form-row">
          <label htmlFor={nameId}>{t('agentNameLabel')}</label>
          <input
            id={nameId}
            value={profile?.name ?? ''}
            maxLength={DISPLAY_NAME_MAX_CHARS}
            disabled={!profile}
            onChange={(event) => {
              setSaved(false);
              if (profile) setProfile({ ...profile, name: event.target.value });
            }}
          />
          <button type="submit" disabled={!profile}>
            {t('saveSettings')}
          </button>
          <span role="status">{saved ? t('saved') : ''}</span>
        </div>
      </form>
    </section>
  );
}
