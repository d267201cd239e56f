// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { xAdapter } from '@/utils/sites/x';

// X's composer markup (2024–2026): the Draft.js editable carries data-testid="tweetTextarea_0";
// older builds put it on a wrapper. Both are accepted.
const editable = (onWrapper: boolean) =>
  onWrapper
    ? '<div data-testid="tweetTextarea_0"><div class="public-DraftEditor-content" contenteditable="true" role="textbox"></div></div>'
    : '<div class="public-DraftEditor-content" contenteditable="true" role="textbox" data-testid="tweetTextarea_0"></div>';

const article = (id: string, focused: boolean) =>
  `<article data-testid="tweet" role="article" tabindex="${focused ? '-1' : '0'}">
     <div data-testid="User-Name"><a href="/alice_w"><span>Alice</span></a><a href="/alice_w"><span>@alice_w</span></a>
       <a href="/alice_w/status/${id}"><time datetime="2026-11-24T01:00:00.000Z">1h</time></a></div>
     <div data-testid="tweetText" lang="en"><span>Where is my order?</span></div>
   </article>`;

beforeEach(() => {
  document.body.replaceChildren();
});

function page(html: string) {
  document.body.append(document.createRange().createContextualFragment(html));
}

describe('x.com reply composer', () => {
  it.each([true, false])('finds the inline reply under a post page’s own post (testid on wrapper: %s)', (onWrapper) => {
    page(`<main><div data-testid="primaryColumn">${article('1', true)}${article('2', false)}
      <div><div><div>${editable(onWrapper)}</div></div><div><button data-testid="tweetButtonInline" aria-disabled="true">Reply</button></div></div>
    </div></main>`);
    const found = xAdapter.findReplyComposer(document, null);
    expect(found?.editable.getAttribute('contenteditable')).toBe('true');
    expect(found?.sendButton?.textContent).toBe('Reply');
    expect(found && xAdapter.parsePost(found.replyTo!)?.postId).toBe('1');
    expect(found && xAdapter.isSendAction(found, found.sendButton!)).toBe(true);
    expect(found && xAdapter.isSendAction(found, found.editable)).toBe(false);
  });

  it('finds the reply dialog and the post it answers', () => {
    page(`<main><div data-testid="primaryColumn">${article('9', false)}</div></main>
      <div role="dialog">${article('7', false)}${editable(false)}<button data-testid="tweetButton"><span>Reply</span></button></div>`);
    const found = xAdapter.findReplyComposer(document, null);
    expect(found && xAdapter.parsePost(found.replyTo!)?.postId).toBe('7');
    expect(found && xAdapter.isSendAction(found, found.sendButton!.querySelector('span')!)).toBe(true);
  });

  it('knows a new post (home composer) answers nobody, and that no composer is none', () => {
    expect(xAdapter.findReplyComposer(document, null)).toBeNull();
    page(`<main><div data-testid="primaryColumn">${editable(true)}${article('3', false)}</div></main>`);
    expect(xAdapter.findReplyComposer(document, null)?.replyTo).toBeNull();
  });
});
