import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { db } from '@/utils/db';
import { classifySender, dispatch } from '@/utils/messaging/dispatch';
import type { KotaeEvent } from '@/utils/messaging/protocol';
import { readAgentProfile } from '@/utils/storage';
import { t, detectLanguage } from '@/utils/i18n';
import { createHandlers } from './handlers';

export default defineBackground(() => {
  const extensionBaseUrl = browser.runtime.getURL('/');

  const handlers = createHandlers({
    db,
    now: () => new Date(),
    actor: async () => {
      const profile = await readAgentProfile();
      return { agentId: profile.id, agentName: profile.name || t(detectLanguage(), 'me'), now: new Date() };
    },
    broadcast: (event) => void broadcast(event),
    sendToTab: async (tabId, event) => browser.tabs.sendMessage(tabId, event, { frameId: 0 }),
  });

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
