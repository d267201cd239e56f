// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReplyComposer, SendKeyEvent } from '@/utils/sites/types';
import { facebookAdapter, findPostElements, parsePostAt } from '@/utils/sites/facebook';

const DIR = join(__dirname, '..', 'fixtures', 'facebook');
const NOW = new Date('2025-11-24T12:00:00.000Z');
const load = (file: string): Document =>
  new DOMParser().parseFromString(readFileSync(join(DIR, file), 'utf8'), 'text/html');

function editor(doc: Document, label: string): HTMLElement {
  const found = doc.querySelector<HTMLElement>(`[contenteditable="true"][aria-label="${label}"]`);
  if (!found) throw new Error(`fixture has no box "${label}"`);
  return found;
}

function composerFor(doc: Document, label: string): ReplyComposer {
  const found = facebookAdapter.findReplyComposer(doc, editor(doc, label));
  if (!found) throw new Error(`"${label}" is not a reply composer`);
  return found;
}

const answered = (composer: ReplyComposer) => (composer.replyTo ? parsePostAt(composer.replyTo, NOW)?.postId : null);
const ALICE_POST = 'pfbid02AbCdEfGhJkLmNoPqRsTuVwXyZ123456789abcdefGHJ';
const MAIN_POST = 'pfbid0MikaPost987654321abcdEFGHjk';

describe('facebook.com reply composer', () => {
  it('finds nothing when no box has been focused, though the page shows many', () => {
    const doc = load('home-feed.html');
    expect(doc.querySelectorAll('[data-lexical-editor="true"]').length).toBeGreaterThan(1);
    expect(facebookAdapter.findReplyComposer(doc, null)).toBeNull();
  });

  it('ties the box under a post to that post, with the form’s own send control', () => {
    const doc = load('home-feed.html');
    const composer = composerFor(doc, 'Write a comment…');
    expect(answered(composer)).toBe(ALICE_POST);
    expect(composer.sendButton?.getAttribute('id')).toBe('focused-state-composer-submit');
    expect(facebookAdapter.isSendAction(composer, composer.sendButton?.querySelector('svg') as Element)).toBe(true);
    expect(facebookAdapter.isSendAction(composer, doc.querySelector('[aria-label="Attach a photo or video"]') as Element)).toBe(false);
    expect(facebookAdapter.isSendAction(composer, composer.editable)).toBe(false);
  });

  it('ties a box in a comment’s reply thread to that comment', () => {
    const doc = load('home-feed.html');
    const composer = composerFor(doc, 'Reply to Kotae Support');
    expect(answered(composer)).toBe(`${ALICE_POST}_1122334455667788`);
    expect(composer.sendButton?.getAttribute('aria-label')).toBe('Comment');
    // The other box's send control is not this one's.
    expect(facebookAdapter.isSendAction(composer, doc.getElementById('focused-state-composer-submit') as Element)).toBe(false);
  });

  it('accepts the focused node inside the editor, and returns the editor itself', () => {
    const doc = load('home-feed.html');
    const box = editor(doc, 'Write a comment…');
    const paragraph = box.querySelector('p');
    if (!paragraph) throw new Error('fixture changed');
    expect(facebookAdapter.findReplyComposer(doc, paragraph)?.editable).toBe(box);
  });

  it('reads boxes on a post page in Japanese: the reply box answers the comment, the other the post', () => {
    const doc = load('post-page.html');
    const reply = composerFor(doc, '返信を入力…');
    expect(answered(reply)).toBe(`${MAIN_POST}_2000000000000001`);
    expect(reply.sendButton?.getAttribute('aria-label')).toBe('送信');
    const comment = composerFor(doc, 'コメントを入力…');
    expect(answered(comment)).toBe(MAIN_POST);
    expect(comment.sendButton?.tagName).toBe('BUTTON');
    expect(comment.sendButton?.getAttribute('type')).toBe('submit');
  });

  it('reads the French feed’s box, with its send control found by structure', () => {
    const doc = load('feed-2022.html');
    const composer = composerFor(doc, 'Écrire un commentaire');
    expect(answered(composer)).toBe('1789012345678901');
    expect(composer.sendButton?.getAttribute('aria-disabled')).toBe('true');
  });

  it('leaves out the chat box, the new-post box and a question’s answer box', () => {
    const doc = load('chat-and-questions.html');
    expect(answered(composerFor(doc, 'Comment as Kotae Agent'))).toBe('5000000000000001');
    for (const label of ['Message', "What's on your mind, Kotae?", 'Answer as Kotae Agent']) {
      expect(facebookAdapter.findReplyComposer(doc, editor(doc, label))).toBeNull();
    }
  });

  it('keeps the comment box of a post opened in a dialog over the feed', () => {
    const doc = load('chat-and-questions.html');
    const post = findPostElements(doc)[0];
    if (!post) throw new Error('fixture changed');
    const dialog = doc.createElement('div');
    dialog.setAttribute('role', 'dialog');
    post.replaceWith(dialog);
    dialog.append(post);
    expect(answered(composerFor(doc, 'Comment as Kotae Agent'))).toBe('5000000000000001');
  });

  it('accepts a comment box whose editor lacks data-lexical-editor', () => {
    const doc = load('chat-and-questions.html');
    const composer = composerFor(doc, 'Write a comment…');
    expect(composer.editable.hasAttribute('data-lexical-editor')).toBe(false);
    expect(answered(composer)).toBe('3000000000000005');
    expect(composer.sendButton?.textContent).toBe('Post');
  });

  it('finds nothing for a focused element that is not an editor, or one outside the root', () => {
    const doc = load('chat-and-questions.html');
    expect(facebookAdapter.findReplyComposer(doc, doc.querySelector('h4') as Element)).toBeNull();
    const other = load('chat-and-questions.html');
    expect(facebookAdapter.findReplyComposer(doc, editor(other, 'Comment as Kotae Agent'))).toBeNull();
    const readOnly = editor(doc, 'Comment as Kotae Agent');
    readOnly.setAttribute('contenteditable', 'false');
    expect(facebookAdapter.findReplyComposer(doc, readOnly)).toBeNull();
  });

  it('tells which nodes are or hold an editor', () => {
    const doc = load('chat-and-questions.html');
    expect(facebookAdapter.containsComposer(doc.querySelector('form') as Element)).toBe(true);
    expect(facebookAdapter.containsComposer(editor(doc, 'Message'))).toBe(true);
    expect(facebookAdapter.containsComposer(doc.querySelector('h4') as Element)).toBe(false);
    expect(facebookAdapter.containsComposer(doc.querySelector('[data-ad-preview="message"]') as Element)).toBe(false);
  });
});

describe('send key', () => {
  const key = (init: Partial<SendKeyEvent>): SendKeyEvent => ({
    key: 'Enter',
    shiftKey: false,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    isComposing: false,
    ...init,
  });

  it('sends on plain Enter only', () => {
    expect(facebookAdapter.isSendKey(key({}))).toBe(true);
    expect(facebookAdapter.isSendKey(key({ shiftKey: true }))).toBe(false);
    expect(facebookAdapter.isSendKey(key({ ctrlKey: true }))).toBe(false);
    expect(facebookAdapter.isSendKey(key({ metaKey: true }))).toBe(false);
    expect(facebookAdapter.isSendKey(key({ altKey: true }))).toBe(false);
    expect(facebookAdapter.isSendKey(key({ key: 'a' }))).toBe(false);
  });

  it('never counts the Enter that confirms Japanese input', () => {
    expect(facebookAdapter.isSendKey(key({ isComposing: true }))).toBe(false);
  });
});

describe('focused post', () => {
  it('is the post of a post’s own page', () => {
    const doc = load('post-page.html');
    const focused = facebookAdapter.focusedPost(doc);
    expect(focused && parsePostAt(focused, NOW)?.postId).toBe(MAIN_POST);
  });

  it('is none on feeds, timelines and group pages', () => {
    for (const file of ['home-feed.html', 'feed-2022.html', 'page-timeline.html', 'group-feed.html', 'chat-and-questions.html']) {
      expect(facebookAdapter.focusedPost(load(file))).toBeNull();
    }
  });

  it('is none for a lone feed post', () => {
    const doc = load('home-feed.html');
    const [first] = findPostElements(doc);
    const lone = document.implementation.createHTMLDocument('');
    lone.body.append(lone.importNode(first as Element, true));
    expect(facebookAdapter.focusedPost(lone)).toBeNull();
  });
});
