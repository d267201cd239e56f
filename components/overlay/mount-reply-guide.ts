/**
 * The reply guide beside the site's own composer: opens when the agent starts a
 * reply to a customer's post, keeps the guide told of the draft as it changes,
 * writes the text the guide asks for into the composer, and records the reply
 * when the agent presses the site's own send button. Kotae never sends by itself.
 */
import { browser } from 'wxt/browser';
import { insertIntoComposer } from '@/utils/composer/insert';
import type { KotaeClient } from '@/utils/messaging/client';
import { eventSchema, type InsertOutcome } from '@/utils/messaging/protocol';
import { identityKey, postKey, type SeenPost } from '@/utils/model';
import { PRESENCE_IDLE_MS } from '@/utils/sync/wire';
import { seenPostOf } from './seen-post';
import type { ReplyComposer, SiteAdapter } from '@/utils/sites/types';
import { t, type Lang } from '@/utils/i18n';
import { ExtensionFrame } from './extension-frame';

export interface ReplyGuideOptions {
  adapter: SiteAdapter;
  client: KotaeClient;
  lang: Lang;
  signal: AbortSignal;
  root: HTMLElement;
}

/** The message a guide frame receives with the current draft. */
export const DRAFT_MESSAGE = 'kotae:draft';

/** Typing refreshes "is replying" this often, well inside the team's idle timeout. */
const PRESENCE_REFRESH_MS = PRESENCE_IDLE_MS / 2;

interface ActiveReply {
  composer: ReplyComposer;
  post: SeenPost;
  /** The template last inserted into this composer, recorded with the reply. */
  templateId: string | null;
}

function readDraft(editable: HTMLElement): string {
  return editable.innerText.replace(/\u200b/g, '').replace(/\n$/, '');
}

export function mountReplyGuide({ adapter, client, lang, signal, root }: ReplyGuideOptions) {
  const frame = new ExtensionFrame(
    '/guide.html',
    t(lang, 'guideFrameTitle'),
    { right: '16px', bottom: '16px', width: 'min(380px, 100vw - 32px)', height: 'min(560px, 80vh)', borderRadius: '12px' },
    'data-kotae-guide',
  );
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  let active: ActiveReply | null = null;
  let dismissed: HTMLElement | null = null;
  /** A composer on the page whose post was not found (yet). */
  let waiting: HTMLElement | null = null;
  /** The editable the agent last focused: on sites with a reply box under every post, the one in use. */
  let focused: Element | null = null;
  let checkScheduled = false;
  let draftScheduled = false;
  /** The post colleagues were told this agent is replying to, and when. */
  let announced: { postKey: string; at: number } | null = null;

  /** Tells colleagues (through the background) that this agent is replying, or stopped. */
  function announce(replying: boolean) {
    const key = replying && active ? postKey(active.post.platform, active.post.postId) : null;
    if (key && announced?.postKey === key && Date.now() - announced.at < PRESENCE_REFRESH_MS) return;
    if (announced && announced.postKey !== key) {
      void client.send('presence.set', { postKey: announced.postKey, replying: false }).catch(() => {});
      announced = null;
    }
    if (!key) return;
    announced = { postKey: key, at: Date.now() };
    void client.send('presence.set', { postKey: key, replying: true }).catch(() => {});
  }

  /** Opens, keeps or closes the guide to match the composer on the page now. */
  function check() {
    checkScheduled = false;
    const composer = adapter.findReplyComposer(root, focused?.isConnected ? focused : null);
    if (active && composer?.editable === active.composer.editable) {
      active.composer = composer; // the send button may have been re-rendered
      return;
    }
    close();
    waiting = composer?.editable ?? null;
    if (!composer?.replyTo || composer.editable === dismissed) return;
    const post = seenPostOf(adapter.parsePost(composer.replyTo));
    if (!post) return;
    waiting = null;
    active = { composer, post, templateId: null };
    frame.open(
      {
        params: { customer: identityKey(post.platform, post.authorHandle), post: postKey(post.platform, post.postId) },
        returnFocus: () => active?.composer.editable.focus(),
      },
      { focus: false }, // the agent is typing in the composer: leave the caret there
    );
    sendDraftSoon();
    // A post page shows its reply box unasked: only an agent in it is replying.
    if (composer.editable.contains(document.activeElement)) announce(true);
  }

  function close() {
    active = null;
    announce(false);
    frame.close({ restoreFocus: false });
  }

  function sendDraftSoon() {
    if (draftScheduled) return;
    draftScheduled = true;
    requestAnimationFrame(() => {
      draftScheduled = false;
      if (!active) return;
      // Only the guide's own window receives this; the draft is the page's text anyway.
      frame.window?.postMessage({ type: DRAFT_MESSAGE, text: readDraft(active.composer.editable) }, extensionOrigin);
    });
  }

  function recordSend() {
    if (!active) return;
    const text = readDraft(active.composer.editable).trim();
    if (!text) return;
    const { post, templateId } = active;
    client.send('reply.sent', { post, text, templateId }).catch((error: unknown) => {
      console.warn('[kotae] could not record the reply', error);
    });
    // Sent: colleagues need not wait on this agent any more (typing again says so again).
    const sent = active;
    active = null;
    announce(false);
    active = sent;
  }

  async function insert(text: string, replace: boolean, templateId: string | null): Promise<InsertOutcome> {
    if (!active) return { ok: false, reason: 'noComposer' };
    const result = await insertIntoComposer(active.composer.editable, text, { replace });
    if (result.ok) active.templateId = templateId;
    sendDraftSoon();
    return result;
  }

  // Looks only at what was added: a query over the whole page on every change
  // would cost more the longer the agent scrolls.
  const observer = new MutationObserver((records) => {
    if (checkScheduled) return;
    const composerGone = active !== null && !active.composer.editable.isConnected;
    let relevant = composerGone;
    for (let i = 0; i < records.length && !relevant; i += 1) {
      for (const node of records[i]!.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        // A new composer, or (while a composer waits for its post) the post it answers.
        if (adapter.containsComposer(node as Element) || (waiting?.isConnected && adapter.findPosts(node as Element).length > 0)) {
          relevant = true;
          break;
        }
      }
    }
    if (!relevant) return;
    checkScheduled = true;
    requestAnimationFrame(check);
  });
  observer.observe(root, { childList: true, subtree: true });
  check();

  const onInput = (event: Event) => {
    if (active && event.target instanceof Node && active.composer.editable.contains(event.target)) {
      sendDraftSoon();
      announce(true);
    }
  };
  const onClick = (event: MouseEvent) => {
    if (active && event.isTrusted && event.target instanceof Element && adapter.isSendAction(active.composer, event.target)) {
      recordSend();
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (!event.isTrusted || !(event.target instanceof Node)) return;
    const inComposer = (editable: HTMLElement | null | undefined) => editable?.contains(event.target as Node) ?? false;
    // Alt+G moves from the composer into the guide, reopening it if it was closed;
    // Escape in the guide closes it and comes back.
    if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyG' && (inComposer(active?.composer.editable) || inComposer(dismissed))) {
      event.preventDefault();
      if (!active) {
        dismissed = null;
        check();
      }
      frame.focus();
      return;
    }
    if (adapter.isSendKey(event) && inComposer(active?.composer.editable)) recordSend();
  };
  // A reply box the agent moves into becomes the one the guide follows.
  const onFocusIn = (event: FocusEvent) => {
    const target = event.target;
    if (!(target instanceof HTMLElement) || !target.isContentEditable) return;
    if (active?.composer.editable.contains(target)) announce(true);
    if (target === focused) return;
    if (adapter.findReplyComposer(root, target)?.editable !== target) return;
    focused = target;
    if (active?.composer.editable === target || checkScheduled) return;
    checkScheduled = true;
    requestAnimationFrame(check);
  };
  document.addEventListener('input', onInput, true);
  document.addEventListener('click', onClick, true);
  document.addEventListener('keydown', onKeyDown, true);
  document.addEventListener('focusin', onFocusIn, true);

  const onEvent = (message: unknown, sender: { id?: string; tab?: unknown }, sendResponse: (answer: unknown) => void) => {
    if (sender.id !== browser.runtime.id || sender.tab) return undefined;
    const event = eventSchema.safeParse(message);
    if (!event.success) return undefined;
    if (event.data.event === 'guide.close') {
      dismissed = active?.composer.editable ?? null; // stays closed for this composer
      const back = active?.composer.editable;
      close();
      back?.focus();
      return undefined;
    }
    if (event.data.event !== 'composer.insert') return undefined;
    void insert(event.data.text, event.data.replace, event.data.templateId).then(sendResponse);
    return true; // answered asynchronously
  };
  browser.runtime.onMessage.addListener(onEvent);

  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      document.removeEventListener('input', onInput, true);
      document.removeEventListener('click', onClick, true);
      document.removeEventListener('keydown', onKeyDown, true);
      document.removeEventListener('focusin', onFocusIn, true);
      browser.runtime.onMessage.removeListener(onEvent);
      close();
    },
    { once: true },
  );
}
