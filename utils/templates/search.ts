import type { Template, TemplateLang } from '@/utils/model';

export interface TemplateFilter {
  /** Words to find in title, category or text; `/code` picks by code. */
  query?: string;
  category?: string | null;
  /** Only templates with a variant in this language. */
  lang?: TemplateLang | null;
}

/** Width- and case-insensitive, so `ＤＭ`, `dm` and `Dm` find the same templates. */
const fold = (text: string) => text.normalize('NFKC').toLowerCase();

/**
 * The live templates matching `filter`, best first: a `/code` query ranks the exact
 * code before codes it begins; words rank title matches before category and text.
 */
export function searchTemplates(templates: readonly Template[], filter: TemplateFilter = {}): Template[] {
  const query = fold(filter.query?.trim() ?? '');
  const candidates = templates.filter(
    (t) =>
      t.deletedAt === null &&
      (!filter.category || t.category === filter.category) &&
      (!filter.lang || t.variants.some((v) => v.lang === filter.lang)),
  );
  if (query.startsWith('/')) {
    const code = query.slice(1);
    return candidates
      .filter((t) => t.code !== null && t.code.startsWith(code))
      .sort((a, b) => Number(b.code === code) - Number(a.code === code) || a.code!.localeCompare(b.code!));
  }
  const words = query.split(/\s+/).filter(Boolean);
  if (words.length === 0) return candidates.sort((a, b) => a.title.localeCompare(b.title));
  const scored = candidates.flatMap((t) => {
    const title = fold(t.title);
    const category = fold(t.category);
    const bodies = t.variants.filter((v) => !filter.lang || v.lang === filter.lang).map((v) => fold(v.body));
    let score = 0;
    for (const word of words) {
      if (title.includes(word)) score += 3;
      else if (category.includes(word)) score += 2;
      else if (bodies.some((body) => body.includes(word))) score += 1;
      else return []; // every word must be found somewhere
    }
    return [{ t, score }];
  });
  return scored.sort((a, b) => b.score - a.score || a.t.title.localeCompare(b.t.title)).map(({ t }) => t);
}

/** The body to show for `lang`, falling back to the template's other language. */
export function variantFor(template: Template, lang: TemplateLang): Template['variants'][number] {
  return template.variants.find((v) => v.lang === lang) ?? template.variants[0]!;
}
