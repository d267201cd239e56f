import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { LangContext } from '@/components/i18n';
import { detectLanguage, type Lang } from '@/utils/i18n';
import '@/components/panel/panel.css';

/** Renders an extension page (popup, options, panel) in the browser's language. */
export function mountPage(page: (lang: Lang) => ReactNode): void {
  const lang = detectLanguage();
  document.documentElement.lang = lang;
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <LangContext.Provider value={lang}>{page(lang)}</LangContext.Provider>
    </StrictMode>,
  );
}
