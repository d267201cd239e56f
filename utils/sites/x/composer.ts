/** The x.com reply composer: where it is, what it answers, and its send button. */
import type { ReplyComposer, SendKeyEvent } from '@/utils/sites/types';
import { anyOf, composer, composerDialog, postRoot, sendButtonInline, sendButtonModal } from './selectors';

// The focused post of a post page: X gives it tabindex=-1, timeline posts 0 (2023–2026).
const FOCUSED_POST = `${anyOf(postRoot)}[tabindex="-1"]`;
const SEND_BUTTON = anyOf([...sendButtonInline, ...sendButtonModal]);
/** How far up from the editor the inline composer's own send button is looked for. */
const INLINE_SEARCH_DEPTH = 12;

const COMPOSER = anyOf(composer);

export function containsComposer(element: Element): boolean {
  return element.matches(COMPOSER) || element.querySelector(COMPOSER) !== null;
}

// X shows one reply composer at a time, so the focused one needs no special care.
export function findReplyComposer(root: ParentNode): ReplyComposer | null {
  const found = root.querySelector(COMPOSER);
  if (!found) return null;
  const editable = found.matches('[contenteditable="true"]')
    ? (found as HTMLElement)
    : found.querySelector<HTMLElement>('[contenteditable="true"]');
  if (!editable) return null;

  const dialog = editable.closest(anyOf(composerDialog));
  if (dialog) {
    // The reply dialog shows the post being answered above its composer.
    return { editable, sendButton: dialog.querySelector(anyOf(sendButtonModal)), replyTo: dialog.querySelector(anyOf(postRoot)) };
  }
  let sendButton: Element | null = null;
  let node: Element | null = editable.parentElement;
  for (let depth = 0; node && depth < INLINE_SEARCH_DEPTH && !sendButton; depth += 1, node = node.parentElement) {
    sendButton = node.querySelector(anyOf(sendButtonInline));
  }
  // Inline, the composer under a post page's focused post answers that post.
  const page = editable.ownerDocument;
  return { editable, sendButton, replyTo: focusedPost(page) };
}

export function focusedPost(root: ParentNode): Element | null {
  return root.querySelector(FOCUSED_POST);
}

export function isSendAction(found: ReplyComposer, target: Element): boolean {
  const button = target.closest(SEND_BUTTON);
  return button !== null && (button === found.sendButton || found.sendButton === null);
}

/** X sends a reply on Ctrl/Cmd+Enter; plain Enter is a new line. */
export function isSendKey(event: SendKeyEvent): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.isComposing;
}
