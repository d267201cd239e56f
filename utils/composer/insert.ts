/**
 * Writing a reply into the site's own composer (Draft.js on x.com, Lexical on
 * facebook.com) so that the site's editor *state* takes it: its counter, its
 * Post button and what it finally sends all come from that state, not from the DOM.
 *
 * Pure DOM code: it runs in a content script's isolated world, needs no extension API.
 * What works and what does not, checked against the real packages (tests/e2e/composer.e2e.test.ts):
 * - a synthetic `paste` with a `text/plain` DataTransfer works for both editors and
 *   keeps line breaks as blocks / paragraphs;
 * - a synthetic `beforeinput` (`insertText`) is understood by Lexical only;
 * - `execCommand('insertText')` loses lines in Draft.js (and can crash X's composer),
 *   and setting textContent / innerHTML never reaches the editor state: both are banned here.
 * Whatever we dispatch, we read back that the editor shows the text before saying so.
 */

export type InsertMethod = 'paste' | 'beforeinput';

export type InsertResult =
  | { ok: true; method: InsertMethod }
  | { ok: false; reason: 'notEditable' | 'notTaken' };

export interface InsertOptions {
  /** Replace everything in the composer instead of appending at the end. */
  replace?: boolean;
}

/**
 * Inserts `text` at the end of the composer (or replaces its content) through the
 * editor's own input handling, then checks that the editor shows it.
 * `target` is the editor's contenteditable root (an element inside it stands for it).
 * Never throws for a bad target: a textarea, a detached or non-editable element
 * gives `{ ok: false, reason: 'notEditable' }`.
 */
export async function insertIntoComposer(
  target: HTMLElement,
  text: string,
  options: InsertOptions = {},
): Promise<InsertResult> {
  // A textarea is not what the sites use and takes none of these events usefully.
  if (!target?.isConnected || !target.isContentEditable) return { ok: false, reason: 'notEditable' };
  const editable = editingHost(target);
  const replace = options.replace === true;
  const wanted = normaliseNewlines(text);

  const before = readEditable(editable);
  await placeCaret(editable, replace);
  // `before` is what stays in the editor; in replace mode nothing does.
  const expected = { kept: replace ? '' : before, text: wanted };

  dispatchPaste(editable, wanted);
  if (await waitUntilTaken(editable, expected)) return { ok: true, method: 'paste' };

  // Retrying after a paste that changed the editor would insert the text twice,
  // unless we replace everything anyway (then a second attempt is harmless).
  if (!replace && lines(readEditable(editable)) !== lines(before)) return { ok: false, reason: 'notTaken' };

  await placeCaret(editable, replace);
  dispatchBeforeInput(editable, wanted);
  if (await waitUntilTaken(editable, expected)) return { ok: true, method: 'beforeinput' };
  return { ok: false, reason: 'notTaken' };
}

/** Whether a site's send button can be pressed (`disabled` or `aria-disabled="true"` say no). */
export function isSendEnabled(button: Element | null): boolean {
  if (!button || !button.isConnected) return false;
  if (button.getAttribute('aria-disabled') === 'true') return false;
  if (button.hasAttribute('disabled')) return false;
  return !(button instanceof HTMLButtonElement && button.disabled);
}

/**
 * Puts the reply on the clipboard when the composer would not take it, so the agent
 * can paste it by hand; the caller says so. False when the browser refuses
 * (no permission, document not focused, no clipboard API).
 */
export async function copyToClipboardFallback(text: string): Promise<boolean> {
  try {
    if (typeof navigator === 'undefined' || !navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------

/** The editor's root: an element inside it (a block, a span) stands for the whole composer. */
function editingHost(element: HTMLElement): HTMLElement {
  let host = element;
  while (host.parentElement?.isContentEditable) host = host.parentElement;
  return host;
}

/**
 * Focuses the editor and selects its end (or all of it). The editors learn about the
 * selection from `selectionchange`, a queued event, so we wait for it to be delivered
 * before dispatching anything; otherwise they would insert at their stale selection.
 */
async function placeCaret(editable: HTMLElement, selectAll: boolean): Promise<void> {
  const selection = editable.ownerDocument.getSelection();
  if (!selection) return;
  if (editable.ownerDocument.activeElement !== editable) {
    editable.focus({ preventScroll: true });
    // Let the editor's focus handling (a React render for Draft.js) settle first.
    await nextTask();
  }
  const delivered = selectionChangeDelivered(editable.ownerDocument);
  const range = editable.ownerDocument.createRange();
  if (selectAll) {
    range.selectNodeContents(editable);
  } else {
    setAtEnd(range, editable);
  }
  selection.removeAllRanges();
  selection.addRange(range);
  await delivered;
  // Draft.js applies the selection through a React state update; let it commit.
  await nextTask();
}

/** Collapses `range` at the end of the last text in `root`, before a trailing <br>. */
function setAtEnd(range: Range, root: HTMLElement): void {
  let node: Node = root;
  while (node.lastChild) node = node.lastChild;
  if (node.nodeType === Node.TEXT_NODE) {
    range.setStart(node, node.textContent?.length ?? 0);
  } else if (node.nodeName === 'BR' && node !== root) {
    // Empty blocks are a lone <br> in both editors; the caret goes before it.
    range.setStartBefore(node);
  } else {
    range.selectNodeContents(node);
  }
  range.collapse(true);
}

function selectionChangeDelivered(doc: Document): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      doc.removeEventListener('selectionchange', done);
      clearTimeout(timer);
      resolve();
    };
    // No event comes when the selection was already there.
    const timer = setTimeout(done, 50);
    doc.addEventListener('selectionchange', done);
  });
}

function dispatchPaste(editable: HTMLElement, text: string): void {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  editable.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
}

/**
 * Types the text as an input method would: one `insertText` per line and an
 * `insertParagraph` between lines, the way Lexical expects them (a `\n` inside
 * `insertText` would become a line break, not a paragraph).
 */
function dispatchBeforeInput(editable: HTMLElement, text: string): void {
  text.split('\n').forEach((line, index) => {
    if (index > 0) fireBeforeInput(editable, 'insertParagraph', null);
    if (line === '') return;
    // An editor that does not cancel `insertText` leaves the insertion to the browser
    // (Lexical does so for plain typing into an existing text node), and the browser
    // performs nothing for a synthetic event. `insertReplacementText` is always
    // handled by the editor itself, so it carries the line in that case.
    if (!fireBeforeInput(editable, 'insertText', line)) return;
    fireBeforeInput(editable, 'insertReplacementText', line);
  });
}

/** Dispatches a `beforeinput`; true when nobody cancelled it (nothing was handled). */
function fireBeforeInput(editable: HTMLElement, inputType: string, data: string | null): boolean {
  return editable.dispatchEvent(
    new InputEvent('beforeinput', { inputType, data, bubbles: true, cancelable: true, composed: true }),
  );
}

/**
 * Polls briefly: Lexical commits its update in a microtask, React renders Draft.js
 * in a microtask or a frame. A few checks cover both without a long fixed delay.
 */
async function waitUntilTaken(editable: HTMLElement, expected: { kept: string; text: string }): Promise<boolean> {
  const checks = [nextMicrotask, nextFrame, nextFrame, () => sleep(100)];
  for (const wait of checks) {
    await wait();
    if (holds(readEditable(editable), expected)) return true;
  }
  return false;
}

/**
 * Whether the editor shows what it kept followed by the text. Two tests, because
 * editors render blank lines differently (a <p> with a <br>, double line breaks
 * in innerText): no character lost or doubled (whitespace ignored), and the
 * non-blank lines of the text at the end, in order.
 */
function holds(shown: string, expected: { kept: string; text: string }): boolean {
  const sameCharacters = squash(shown) === squash(expected.kept + expected.text);
  const wantedLines = lines(expected.text);
  const shownLines = lines(shown);
  const endsWithLines = wantedLines === '' || shownLines.endsWith(wantedLines);
  // With nothing kept, the lines must match exactly (no stray text before).
  return sameCharacters && endsWithLines && (lines(expected.kept) !== '' || shownLines === wantedLines);
}

/** What the editor shows, with blocks as lines (innerText follows the layout). */
function readEditable(editable: HTMLElement): string {
  return normaliseNewlines(editable.innerText ?? editable.textContent ?? '');
}

function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

// Zero-width characters some editors keep as caret anchors (no-break spaces are covered by \s).
const INVISIBLE = /\u200b|\u200c|\u200d|\u2060|\ufeff/g;

function squash(text: string): string {
  return text.replace(INVISIBLE, '').replace(/\s+/g, '');
}

function lines(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

function nextMicrotask(): Promise<void> {
  return Promise.resolve();
}

function nextTask(): Promise<void> {
  return sleep(0);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** An animation frame, or a short timeout in a background tab where frames stop. */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 50);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
