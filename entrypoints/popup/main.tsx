import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '@/utils/db';
import { LangContext, useT } from '@/components/i18n';
import { detectLanguage, formatNumber } from '@/utils/i18n';
import '@/components/panel/panel.css';

function Popup() {
  const { t, lang } = useT();
  // Extension pages read the database directly; the live query follows every change.
  const counts = useLiveQuery(async () => ({
    customers: await db.customers.filter((c) => c.mergedInto === null).count(),
    notes: await db.notes.filter((n) => n.deletedAt === null).count(),
    seen: await db.interactions.filter((i) => i.kind === 'seen').count(),
  }));
  return (
    <main className="panel" style={{ width: 280 }}>
      <h1>{t('popupTitle')}</h1>
      <p className="muted">{t('popupLocalOnly')}</p>
      <dl>
        <dt>{t('popupCustomers')}</dt>
        <dd>{counts ? formatNumber(lang, counts.customers) : '…'}</dd>
        <dt>{t('popupNotes')}</dt>
        <dd>{counts ? formatNumber(lang, counts.notes) : '…'}</dd>
        <dt>{t('popupPostsSeen')}</dt>
        <dd>{counts ? formatNumber(lang, counts.seen) : '…'}</dd>
      </dl>
      <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
        {t('popupOpenOptions')}
      </button>
    </main>
  );
}

const lang = detectLanguage();
document.documentElement.lang = lang;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LangContext.Provider value={lang}>
      <Popup />
    </LangContext.Provider>
  </StrictMode>,
);
