/**
 * Runs the team sync engine in the background worker. MV3 may stop the worker at any
 * time: an alarm wakes it every minute and `start()` resumes from what Dexie holds.
 * The server token stays in this worker's Dexie (extension origin); nothing here
 * puts it in extension storage or in a message.
 */
import { browser } from 'wxt/browser';
import { liveQuery } from 'dexie';
import { storage } from 'wxt/utils/storage';
import type { KotaeDB } from '@/utils/db/kotae-db';
import type { KotaeEvent } from '@/utils/messaging/protocol';
import {
  agentProfileItem,
  readTeamIdentities,
  readTimerSettings,
  readWatchSearches,
  teamIdentitiesItem,
  timerSettingsItem,
  watchSearchesItem,
} from '@/utils/storage';
import { SyncEngine } from '@/utils/sync/engine';
import { queueTeamSettings } from '@/utils/sync/settings';
import { PresenceBoard, type PostPresence } from '@/utils/sync/presence';
import type { SyncControl } from './handlers';

const SYNC_ALARM = 'kotae:sync';
const IDENTITY_EVENT_MAX = 1000;
const PERMISSION_WAIT_MS = 60_000;

const PRESENCE_SWEEP_MS = 15_000;

export function startSync({ db, broadcast }: { db: KotaeDB; broadcast: (event: KotaeEvent) => void }) {
  let memberId: string | null = null;
  const presence = new PresenceBoard(() => memberId);
  const tellTabs = (changes: PostPresence[]) => {
    for (const { postKey, names } of changes) broadcast({ event: 'presence.changed', postKey, names });
  };
  const engine = new SyncEngine({
    db,
    onPresence: (event) => {
      const change = presence.update(event);
      if (change) tellTabs([change]);
    },
    onLiveClosed: () => tellTabs(presence.clear()),
    onCustomersChanged: async (customerIds) => {
      // The badges of every identity of those customers, as for local changes.
      const identityIds = await db.identities.where('customerId').anyOf(customerIds).primaryKeys();
      for (let i = 0; i < identityIds.length; i += IDENTITY_EVENT_MAX) {
        broadcast({ event: 'customers.changed', identityIds: identityIds.slice(i, i + IDENTITY_EVENT_MAX) });
      }
    },
    onTeamSettings: async (settings) => {
      // One write, so a storage watcher never reads half old, half new settings.
      await storage.setItems([
        { item: timerSettingsItem, value: settings.timer },
        { item: teamIdentitiesItem, value: settings.teamIdentities },
        // Settings without the list (an older browser's) leave it as it is.
        ...(settings.watchSearches ? [{ item: watchSearchesItem, value: settings.watchSearches }] : []),
      ]);
    },
    // New notes carry the member as their author from now on.
    onJoined: async (session) => agentProfileItem.setValue({ id: session.member.id, name: session.member.name }),
    canReach: async (serverUrl) => {
      const url = new URL(serverUrl);
      if (url.protocol === 'http:') return true; // this machine: granted in the manifest
      // The popup asked the browser a moment ago; the person may still be answering.
      const origins = [`${url.origin}/*`];
      const deadline = Date.now() + PERMISSION_WAIT_MS;
      for (;;) {
        let granted: boolean;
        try {
          granted = await browser.permissions.contains({ origins });
        } catch {
          return false;
        }
        if (granted || Date.now() > deadline) return granted;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    },
  });

  let soonTimer: ReturnType<typeof setTimeout> | null = null;
  /** Something may have been queued: push within a moment, once for a burst of changes. */
  const soon = () => {
    soonTimer ??= setTimeout(() => {
      soonTimer = null;
      void db.outbox
        .count()
        .then((count) => (count > 0 ? engine.start() : undefined))
        .catch(() => {});
    }, 300);
  };

  // Extension pages (the options page's templates) write the outbox too; Dexie tells
  // this worker of their writes.
  liveQuery(() => db.outbox.count()).subscribe({ next: (count) => count > 0 && soon(), error: () => {} });

  // A supervisor's or admin's settings become the team's.
  const settingsChanged = async () => {
    const queued = await queueTeamSettings(
      db,
      { timer: await readTimerSettings(), teamIdentities: [...(await readTeamIdentities())], watchSearches: await readWatchSearches() },
      new Date(),
    ).catch(() => false);
    if (queued) soon();
  };
  timerSettingsItem.watch(() => void settingsChanged());
  teamIdentitiesItem.watch(() => void settingsChanged());
  watchSearchesItem.watch(() => void settingsChanged());

  void browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void engine.start();
  });
  // Back online: catch up at once rather than at the next alarm.
  globalThis.addEventListener?.('online', () => void engine.start());
  void engine.start();
  void engine.memberId().then((id) => (memberId = id));
  setInterval(() => tellTabs(presence.expire()), PRESENCE_SWEEP_MS);

  const control: SyncControl = {
    status: () => engine.status(),
    join: (input) => engine.join(input),
    signOut: (removeLocalData) => engine.signOut(removeLocalData),
    retry: () => engine.retry(),
    teamReport: (range) => engine.teamReport(range),
    setPresence: async (postKey, replying) => {
      memberId = await engine.memberId();
      await engine.setPresence(postKey, replying);
    },
    presence: () => presence.snapshot(),
  };
  return { engine, control, soon };
}
