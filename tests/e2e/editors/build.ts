/**
 * Test pages made from the real editor packages (draft-js as X uses it, lexical as
 * Facebook uses it), bundled with esbuild into one HTML document that the tests
 * serve by request routing at an x.com / facebook.com address.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from '../../support/chromium';

export type EditorKind = 'draft' | 'lexical';

/** What each page exposes as `window.__editorState()`: read from the editor's own state. */
export interface EditorSnapshot {
  /** The blocks' (Draft.js) or top-level paragraphs' (Lexical) texts joined with `\n`. */
  text: string;
  /** Number of blocks / top-level paragraphs. */
  blocks: number;
  /** Each block's text. */
  lines: string[];
  /** The editor's own whole-document text (`getPlainText('\n')`, `$getRoot().getTextContent()`). */
  raw: string;
}

const HERE = join(REPO_ROOT, 'tests', 'e2e', 'editors');

const PAGES: Record<EditorKind, { entry: string; title: string; css?: string }> = {
  draft: {
    entry: join(HERE, 'draft-editor.tsx'),
    title: 'Compose post / X',
    // Draft.js needs its stylesheet (white-space rules) to lay blocks out as X does.
    css: join(REPO_ROOT, 'node_modules', 'draft-js', 'dist', 'Draft.css'),
  },
  lexical: { entry: join(HERE, 'lexical-editor.ts'), title: 'Facebook' },
};

// One bundle per process: the tests load the same page many times.
const pageCache = new Map<EditorKind, Promise<string>>();
const scriptCache = new Map<string, Promise<string>>();

/** Bundles one module into a browser IIFE; with `globalName`, its exports land on `window`. */
export function bundleScript(entry: string, globalName?: string): Promise<string> {
  const key = `${entry}\u0000${globalName ?? ''}`;
  let result = scriptCache.get(key);
  if (!result) {
    result = build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
      globalName,
      jsx: 'automatic',
      // fbjs (draft-js) reads Node's `global`; the production builds skip dev-only checks.
      define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
      logLevel: 'silent',
    }).then((out) => {
      const file = out.outputFiles[0];
      if (!file) throw new Error(`esbuild produced nothing for ${entry}`);
      return file.text;
    });
    scriptCache.set(key, result);
    // A failed build must not stay cached as a rejection for the next caller.
    result.catch(() => scriptCache.delete(key));
  }
  return result;
}

/** The whole HTML document for one editor page, its script inline. */
export function buildEditorPage(which: EditorKind): Promise<string> {
  let page = pageCache.get(which);
  if (!page) {
    const { entry, title, css } = PAGES[which];
    page = bundleScript(entry).then((script) => {
      const style = css ? readFileSync(css, 'utf8') : '';
      return [
        '<!doctype html>',
        '<html lang="en"><head><meta charset="utf-8">',
        `<title>${title}</title>`,
        `<style>${style}</style>`,
        '</head><body>',
        '<div id="root"></div>',
        // esbuild escapes non-ASCII; only a literal `</script` could end the tag early.
        `<script>${script.replace(/<\/script/gi, '<\\/script')}</script>`,
        '</body></html>',
      ].join('\n');
    });
    pageCache.set(which, page);
    page.catch(() => pageCache.delete(which));
  }
  return page;
}
