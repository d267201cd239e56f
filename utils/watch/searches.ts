/**
 * Keyword watch: the team's saved searches (brand and product names, common
 * misspellings, in any language), each opened as X's own live search. Pure schemas
 * and helpers, shared by the extension and the team server (through the team settings).
 */
import * as z from 'zod/mini';
import { cleanText } from '@/utils/model';

/** Longest query, in characters after trimming; X's own search box takes about as much. */
export const WATCH_QUERY_MAX_CHARS = 500;
export const WATCH_LABEL_MAX_CHARS = 100;
/** Most saved searches in one list: enough for a team, small enough for the popup. */
export const WATCH_SEARCHES_MAX = 100;

const chars = (s: string) => [...s].length;

/** One line, trimmed: a line break in X's search box would only split the query. */
function oneLine(raw: string): string {
  return cleanText(raw).replace(/\s*[\t\n]\s*/g, ' ').trim();
}

/** A query as stored: X's search syntax (`"kotae" OR コタエ -from:kotae lang:ja`), already trimmed. */
export const watchQuerySchema = z.string().check(
  z.refine((s: string) => s.length > 0 && s.trim() === s, 'empty'),
  z.refine((s: string) => chars(s) <= WATCH_QUERY_MAX_CHARS, 'tooLong'),
);

export const savedSearchSchema = z.object({
  /** Stable across edits, so an edit on one browser replaces the same entry everywhere. */
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'not an id')),
  query: watchQuerySchema,
  /** A short name for the list; the query is shown when there is none. */
  label: z.optional(
    z.string().check(
      z.refine((s: string) => s.length > 0 && s.trim() === s, 'empty'),
      z.refine((s: string) => chars(s) <= WATCH_LABEL_MAX_CHARS, 'tooLong'),
    ),
  ),
});
export type SavedSearch = z.infer<typeof savedSearchSchema>;

export const savedSearchesSchema = z.array(savedSearchSchema).check(
  z.maxLength(WATCH_SEARCHES_MAX, 'tooMany'),
  z.refine((list: SavedSearch[]) => new Set(list.map((s) => s.id)).size === list.length, 'duplicate id'),
);

/** What a person typed, checked: the query and optional label, each on one trimmed line. */
export const savedSearchInputSchema = z.object({
  query: z.pipe(z.pipe(z.string(), z.transform(oneLine)), watchQuerySchema),
  label: z.pipe(
    z.pipe(z.string(), z.transform(oneLine)),
    z.string().check(z.refine((s: string) => chars(s) <= WATCH_LABEL_MAX_CHARS, 'tooLong')),
  ),
});

/**
 * Two spellings of one query that differ only in case or spacing are the same search.
 * Width is kept: ｺﾀｴ and コタエ may be two misspellings a team watches on purpose.
 */
export function sameQuery(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(a) === norm(b);
}

/** X's own search, newest first ("Latest"), as if typed into its search box. */
export function liveSearchUrl(query: string): string {
  return `https://x.com/search?q=${encodeURIComponent(query)}&src=typed_query&f=live`;
}

/** The name a saved search goes by in lists. */
export function searchTitle(search: Pick<SavedSearch, 'query' | 'label'>): string {
  return search.label ?? search.query;
}
