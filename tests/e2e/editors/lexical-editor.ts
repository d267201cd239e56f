/**
 * A test page with the real Lexical editor, laid out like Facebook's comment box:
 * `div[contenteditable][role="textbox"][data-lexical-editor="true"]` labelled
 * "Write a comment…", and a Comment button (`div[role="button"]`, as Facebook's) that
 * is `aria-disabled="true"` while the editor *state* has no text.
 * Rich text by default (Facebook's comment box keeps lines as paragraphs);
 * `?lexical=plain` switches to the plain-text plugin (lines become line breaks).
 * `window.__editorState()` reads the editor's own state back for the tests.
 */
import { $createParagraphNode, $getRoot, createEditor, type LexicalEditor } from 'lexical';
import { HeadingNode, QuoteNode, registerRichText } from '@lexical/rich-text';
import { registerPlainText } from '@lexical/plain-text';
import type { EditorSnapshot } from './build';

const plain = new URLSearchParams(location.search).get('lexical') === 'plain';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');

const form = document.createElement('form');
form.setAttribute('role', 'presentation');
const editable = document.createElement('div');
editable.contentEditable = 'true';
editable.setAttribute('role', 'textbox');
editable.setAttribute('aria-label', 'Write a comment…');
editable.setAttribute('aria-placeholder', 'Write a comment…');
editable.spellcheck = true;
editable.style.cssText = 'min-height: 36px; border: 1px solid #ccc; padding: 8px; outline: none; white-space: pre-wrap;';
const submit = document.createElement('div');
submit.setAttribute('role', 'button');
submit.setAttribute('aria-label', 'Comment');
submit.setAttribute('aria-disabled', 'true');
submit.tabIndex = 0;
submit.textContent = 'Comment';
form.append(editable, submit);
root.append(form);

const editor: LexicalEditor = createEditor({
  namespace: 'kotae-test-comment',
  nodes: plain ? [] : [HeadingNode, QuoteNode],
  onError: (error) => {
    throw error;
  },
});
// Sets data-lexical-editor="true" on the element, as on facebook.com.
editor.setRootElement(editable);
if (plain) registerPlainText(editor);
else registerRichText(editor);

// An empty root gets one empty paragraph, as LexicalComposer does.
editor.update(() => {
  const top = $getRoot();
  if (top.isEmpty()) top.append($createParagraphNode());
});

function snapshot(): EditorSnapshot {
  return editor.getEditorState().read(() => {
    const top = $getRoot();
    // Paragraph by paragraph: getTextContent() of the root separates them with "\n\n".
    const lines = top.getChildren().map((child) => child.getTextContent());
    return { text: lines.join('\n'), blocks: lines.length, lines, raw: top.getTextContent() };
  });
}

editor.registerUpdateListener(() => {
  const hasText = snapshot().raw.trim() !== '';
  if (hasText) submit.removeAttribute('aria-disabled');
  else submit.setAttribute('aria-disabled', 'true');
});

Object.assign(window, { __editorState: snapshot, __lexicalMode: plain ? 'plain' : 'rich' });
