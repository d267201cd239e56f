import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LangContext } from '@/components/i18n';
import { AgentSettings } from '@/components/options/AgentSettings';
import { detectLanguage } from '@/utils/i18n';
import '@/components/panel/panel.css';

const lang = detectLanguage();
document.documentElement.lang = lang;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LangContext.Provider value={lang}>
      <AgentSettings />
    </LangContext.Provider>
  </StrictMode>,
);
