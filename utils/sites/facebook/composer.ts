/**
 * The facebook.com comment box: which Lexical editor is one, what it answers, and its send
 * control. Facebook shows a comment box under many posts at once and uses the same editor for
 * Messenger chats, new posts and group question answers, so a box counts only when it sits
 * under a post or comment, and only the one the agent focused is taken. Messenger's chat
 * windows and the new-post dialog hold no post, so they need no selector of their own; a post
 * opened in a dialog over the feed keeps its comment box.
 */
import type { ReplyComposer, SendKeyEvent } from '@/utils/sites/types';
import { closestPostElement, findPostElements, itemKind } from './parse';
import * as S from './selectors';

const COMPOSER = S.anyOf(S.composer);
const FORM = S.anyOf(S.composerForm);
const SUBMIT = S.anyOf(S.composerSubmit);
const CONTROL = S.anyOf(S.composerControl);
const LIST_ITEM = S.anyOf(S.commentListItem);
const ARTICLE = S.anyOf(S.article);
const FEED = S.anyOf(S.feed);
const MESSAGE = S.anyOf(S.postMessage);
// Node.DOCUMENT_POSITION_FOLLOWING, spelled out so no global is read.
const FOLLOWING = 4;

export function containsComposer(element: Element): boolean {
  try {
    return element.matches(COMPOSER) || element.querySelector(COMPOSER) !== null;
  } catch {
    return false;
  }
}

/** A box labelled as a question's answer box ("Answer as …"); structure cannot tell it apart. */
function isAnswerBox(editable: Element): boolean {
  const label = (editable.getAttribute('aria-label') ?? editable.getAttribute('aria-placeholder') ?? '').trim();
  return S.answerBoxLabels.some((prefix) => label.startsWith(prefix));
}

/** The comment whose reply thread (its list item) holds `editable`, or else the post. */
function answered(editable: Element, item: Element): Element {
  if (itemKind(item) === 'comment') return item;
  for (let el = editable.parentElement; el && el !== item; el = el.parentElement) {
    if (!el.matches(LIST_ITEM)) continue;
    const comment = Array.from(el.querySelectorAll(ARTICLE)).find(
      (article) => article.parentElement?.closest(LIST_ITEM) === el && itemKind(article) === 'comment',
    );
    if (comment) return comment;
  }
  return item;
}

/** The form's submit control: the known id or type, else the control after the editor that can be disabled. */
function sendButtonOf(editable: Element, item: Element): Element | null {
  const form = editable.closest(FORM);
  if (!form || !item.contains(form)) return null;
  const submit = form.querySelector(SUBMIT);
  if (submit) return submit;
  const after = Array.from(form.querySelectorAll(CONTROL)).filter(
    (control) => !editable.contains(control) && (editable.compareDocumentPosition(control) & FOLLOWING) !== 0,
  );
  // Facebook's send control is the one that is disabled while the box is empty.
  return after.filter((control) => control.hasAttribute('aria-disabled')).pop() ?? null;
}

/**
 * The comment box the agent is using: `focused` (the editable last focused) when it is a comment
 * box under a post or comment. A chat box, a new-post dialog or a question's answer box is not.
 */
export function findReplyComposer(root: ParentNode, focused: Element | null): ReplyComposer | null {
  try {
    if (!focused) return null;
    const editable = focused.closest<HTMLElement>(COMPOSER);
    if (!editable || editable.getAttribute('contenteditable') !== 'true') return null;
    if (!(root as Node).contains(editable)) return null;
    const item = closestPostElement(editable);
    if (!item || isAnswerBox(editable)) return null;
    // A box inside the post's own text is part of what the post shows, not its comment box.
    if (editable.closest(MESSAGE) && item.contains(editable.closest(MESSAGE))) return null;
    return { editable, sendButton: sendButtonOf(editable, item), replyTo: answered(editable, item) };
  } catch {
    return null;
  }
}

/**
 * On a post's own page (one post with its comments), that post. Feed posts (in a role=feed or
 * carrying a list position) and pages with several posts have none.
 */
export function focusedPost(root: ParentNode): Element | null {
  try {
    const posts = findPostElements(root).filter(
      (el) => itemKind(el) === 'post' && closestPostElement(el.parentElement ?? el) === null,
    );
    const alone = posts.filter((el) => !el.closest(FEED) && !el.hasAttribute('aria-posinset'));
    return posts.length === 1 && alone.length === 1 ? (alone[0] ?? null) : null;
  } catch {
    return null;
  }
}

export function isSendAction(composer: ReplyComposer, target: Element): boolean {
  const button = composer.sendButton;
  return button !== null && (button === target || button.contains(target));
}

/** Facebook sends a comment on plain Enter; Shift+Enter is a new line, and an IME's Enter confirms text. */
export function isSendKey(event: SendKeyEvent): boolean {
  return (
    event.key === 'Enter' && !event.shiftKey && !event.ctrlKey && !event.altKey && !event.metaKey && !event.isComposing
  );
}
