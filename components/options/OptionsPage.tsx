import { useState } from 'react';
import { useT } from '@/components/i18n';
import { AgentSettings } from './AgentSettings';
import { TemplatesManager } from './TemplatesManager';
import { GuidelineRulesEditor } from './GuidelineRulesEditor';
import { TimerSettingsEditor } from './TimerSettingsEditor';
import { BackupSection } from './BackupSection';
import { FeedbackLog } from './FeedbackLog';

export function OptionsPage() {
  const { t } = useT();
  // The settings forms read storage when they open: after an import they open again.
  const [imports, setImports] = useState(0);
  return (
    <main className="panel" style={{ maxWidth: 720 }}>
      <h1>{t('optionsTitle')}</h1>
      <AgentSettings key={`agent-${imports}`} />
      <TemplatesManager />
      <GuidelineRulesEditor key={`rules-${imports}`} />
      <TimerSettingsEditor key={`timer-${imports}`} />
      <FeedbackLog />
      <BackupSection onImported={() => setImports((n) => n + 1)} />
    </main>
  );
}
