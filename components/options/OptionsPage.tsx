import { useT } from '@/components/i18n';
import { AgentSettings } from './AgentSettings';
import { TemplatesManager } from './TemplatesManager';
import { GuidelineRulesEditor } from './GuidelineRulesEditor';
import { TimerSettingsEditor } from './TimerSettingsEditor';
import { BackupSection } from './BackupSection';
import { FeedbackLog } from './FeedbackLog';

export function OptionsPage() {
  const { t } = useT();
  return (
    <main className="panel" style={{ maxWidth: 720 }}>
      <h1>{t('optionsTitle')}</h1>
      <AgentSettings />
      <TemplatesManager />
      <GuidelineRulesEditor />
      <TimerSettingsEditor />
      <FeedbackLog />
      <BackupSection />
    </main>
  );
}
