/**
 * A test page with the real Draft.js editor, laid out like X's reply composer:
 * `div[data-testid="tweetTextarea_0"]` around the editor, and a Reply button
 * (`tweetButtonInline`) that is `aria-disabled="true"` while the editor *state* has
 * no text, as on x.com. `window.__editorState()` reads that state back for the tests.
 */
import { useLayoutEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Editor, EditorState, type ContentBlock } from 'draft-js';
import type { EditorSnapshot } from './build';

// The state React last committed: what X would post if the button were pressed.
let committed: EditorState = EditorState.createEmpty();

function snapshot(state: EditorState): EditorSnapshot {
  const content = state.getCurrentContent();
  const lines = content.getBlocksAsArray().map((block: ContentBlock) => block.getText());
  return { text: lines.join('\n'), blocks: lines.length, lines, raw: content.getPlainText('\n') };
}

Object.assign(window, { __editorState: () => snapshot(committed) });

function Composer() {
  const [editorState, setEditorState] = useState(() => EditorState.createEmpty());
  useLayoutEffect(() => {
    committed = editorState;
  }, [editorState]);
  // X enables its button only when there is something other than spaces to post.
  const hasText = editorState.getCurrentContent().getPlainText('').trim() !== '';
  return (
    <div data-testid="primaryColumn">
      <div data-testid="tweetTextarea_0_label">
        <div data-testid="tweetTextarea_0" style={{ minHeight: 40, border: '1px solid #ccc', padding: 8 }}>
          <Editor
            editorState={editorState}
            onChange={setEditorState}
            placeholder="Post your reply"
            ariaLabel="Post text"
            ariaMultiline
            spellCheck
          />
        </div>
      </div>
      <button type="button" data-testid="tweetButtonInline" aria-disabled={hasText ? undefined : 'true'}>
        Reply
      </button>
    </div>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('#root missing');
createRoot(container).render(<Composer />);
