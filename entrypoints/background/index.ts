import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { db } from '@/utils/db';
import { classifySender, dispatch } from '@/utils/messaging/dispatch';
import type { KotaeEvent } from '@/utils/messaging/protocol';
import { readSession } from '@/utils/sync/outbox';
import { readAgentProfile, readTeamIdentities, readTimerSettings, teamIdentitiesItem, timerSettingsItem } from '@/utils/storage';
import { overdueCount } from '@/utils/db/queue';
import { t, detectLanguage } from '@/utils/i18n';
import { createHandlers } from './handlers';
import { startSync } from './sync';

export default defineBackground(() => {
  const extensionBaseUrl = browser.runtime.getURL('/');

  const sync = startSync({
    db,
    broadcast: (event) => {
      void broadcast(event);
      recount();
    },
  });

  const handlers = createHandlers({
    db,
    now: () => new Date(),
    actor: async () => {
      const [profile, session] = await Promise.all([readAgentProfile(), readSession(db)]);
      return {
        agentId: profile.id,
        agentName: profile.name || t(detectLanguage(), 'me'),
        now: new Date(),
        role: session?.member.role ?? null,
      };
    },
    broadcast: (event) => {
      void broadcast(event);
      recount();
    },
    postsChanged: () => recount({ burst: true }),
    sendToTab: async (tabId, event) => browser.tabs.sendMessage(tabId, event, { frameId: 0 }),
    sync: sync.control,
    queued: sync.soon,
  });

  // The toolbar icon counts overdue posts; MV3 may stop this worker at any time, so an
  // alarm (not a timer) brings it back every minute to keep the number current.
  void browser.alarms.create(OVERDUE_ALARM, { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OVERDUE_ALARM) void showOverdueCount();
  });
  timerSettingsItem.watch(() => void showOverdueCount());
  teamIdentitiesItem.watch(() => void showOverdueCount());
  void showOverdueCount();

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const from = classifySender(sender, browser.runtime.id, extensionBaseUrl);
    const answer = dispatch(message, from, handlers);
    // sendResponse works in every browser; returning true keeps the channel open.
    if (typeof sendResponse === 'function') {
      void answer.then(sendResponse);
      return true;
    }
    return answer;
  });
});

/** Content scripts hear events through their tab; extension pages through the runtime. */
const OVERDUE_ALARM = 'kotae:overdue';
/** A count reads every waiting post: a scrolled timeline's sightings are counted every few seconds. */
const RECOUNT_GAP_MS = 5_000;
const RECOUNT_SOON_MS = 500;
let recountTimer: ReturnType<typeof setTimeout> | null = null;
let recountAt = 0;
let lastRecount = 0;

/**
 * Recounts soon after a change someone made (an answer sent, a post marked); sightings,
 * which come in bursts as the agent scrolls, at most once per gap.
 */
function recount({ burst = false } = {}): void {
  const wait = burst ? Math.max(RECOUNT_SOON_MS, lastRecount + RECOUNT_GAP_MS - Date.now()) : RECOUNT_SOON_MS;
  if (recountTimer && recountAt <= Date.now() + wait) return;
  if (recountTimer) clearTimeout(recountTimer);
  recountAt = Date.now() + wait;
  recountTimer = setTimeout(() => {
    recountTimer = null;
    lastRecount = Date.now();
    void showOverdueCount();
  }, wait);
}

async function showOverdueCount(): Promise<void> {
  try {
    const count = await overdueCount(db, {
      settings: await readTimerSettings(),
      now: new Date(),
      teamIdentities: await readTeamIdentities(),
    });
    const action = browser.action ?? browser.browserAction;
    await action.setBadgeBackgroundColor({ color: '#b3261e' });
    await action.setBadgeText({ text: count > 0 ? String(count) : '' });
    await action.setTitle({ title: count > 0 ? t(detectLanguage(), 'overdueTitle', { count }) : 'Kotae' });
  } catch (error) {
    console.warn('[kotae] could not update the overdue count', error);
  }
}

// A tab without Kotae (or a page with no listener) refuses; that is expected and ignored.
async function broadcast(event: KotaeEvent): Promise<void> {
  const tabs = await browser.tabs.query({}).catch(() => []);
  await Promise.allSettled([
    ...tabs.map(async (tab) => {
      if (tab.id !== undefined) await browser.tabs.sendMessage(tab.id, event, { frameId: 0 });
    }),
    (async () => browser.runtime.sendMessage(event))(),
  ]);
}
