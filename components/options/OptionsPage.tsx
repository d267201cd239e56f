import { useState } from 'react';
import { useT } from '@/components/i18n';
import { ReportsSection } from './ReportsSection';
import { AgentSettings } from './AgentSettings';
import { TemplatesManager } from './TemplatesManager';
import { GuidelineRulesEditor } from './GuidelineRulesEditor';
import { TimerSettingsEditor } from './TimerSettingsEditor';
import { BackupSection } from './BackupSection';
import { FeedbackLog } from './FeedbackLog';
import { WatchSearchesEditor } from './WatchSearchesEditor';

export function OptionsPage() {
  const { t } = useT();
  // The settings forms read storage when they open: after an import they open again.
  const [imports, setImports] = useState(0);
  // A long page: the sections are listed first, each a link to jump to.
  const sections = [
    ['templates', t('templatesHeading')],
    ['rules', t('rulesHeading')],
    ['timer', t('timerHeading')],
    ['watch', t('watchHeading')],
    ['feedback', t('feedbackLogHeading')],
    ['reports', t('reportsHeading')],
    ['backup', t('backupHeading')],
  ] as const;
  return (
    <main className="panel" style={{ maxWidth: 720 }}>
      <h1>{t('optionsTitle')}</h1>
      <nav aria-label={t('optionsSections')}>
        <ul className="section-links">
          {sections.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <AgentSettings key={`agent-${imports}`} />
      <div id="templates">
        <TemplatesManager />
      </div>
      <div id="rules">
        <GuidelineRulesEditor key={`rules-${imports}`} />
      </div>
      <div id="timer">
        <TimerSettingsEditor key={`timer-${imports}`} />
      </div>
      <div id="watch">
        <WatchSearchesEditor />
      </div>
      <div id="feedback">
        <FeedbackLog />
      </div>
      <div id="reports">
        <ReportsSection />
      </div>
      <div id="backup">
        <BackupSection onImported={() => setImports((n) => n + 1)} />
      </div>
    </main>
  );
}
