import { createContext, useCallback, useContext } from 'react';
import { t, type Lang, type MessageKey } from '@/utils/i18n';

export const LangContext = createContext<Lang>('en');

/** The current language and a translator bound to it. */
export function useT() {
  const lang = useContext(LangContext);
  const translate = useCallback(
    (key: MessageKey, params?: Record<string, string | number>) => t(lang, key, params),
    [lang],
  );
  return { lang, t: translate };
}
