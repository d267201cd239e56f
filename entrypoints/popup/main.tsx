import { browser } from 'wxt/browser';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '@/utils/db';
import { useT } from '@/components/i18n';
import { mountPage } from '@/components/mount-page';
import { WaitingQueue } from '@/components/popup/WaitingQueue';
import { SyncPanel } from '@/components/popup/SyncPanel';
import { WatchList } from '@/components/popup/WatchList';
import { ClientContext } from '@/components/client-context';
import { backgroundClient } from '@/utils/messaging/client';
import { formatNumber } from '@/utils/i18n';

function Popup() {
  const { t, lang } = useT();
  // Extension pages read the database directly; the live query follows every change.
  const counts = useLiveQuery(async () => ({
    customers: await db.customers.filter((c) => c.mergedInto === null).count(),
    notes: await db.notes.filter((n) => n.deletedAt === null).count(),
    seen: await db.interactions.filter((i) => i.kind === 'seen').count(),
  }));
  return (
    <main className="panel" style={{ width: 360 }}>
      <h1>{t('popupTitle')}</h1>
      <WatchList openSearch={(url) => void browser.tabs.create({ url })} />
      <WaitingQueue openPost={(url) => void browser.tabs.create({ url })} />
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
      <ClientContext.Provider value={backgroundClient}>
        <SyncPanel requestPermission={(origins) => browser.permissions.request({ origins })} />
      </ClientContext.Provider>
    </main>
  );
}

mountPage(() => <Popup />);
