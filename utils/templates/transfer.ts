/**
 * Templates to and from a JSON file. An import is checked whole before anything is
 * written: a bad file is refused with the line and the reason of each problem.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import * as z from 'zod/mini';
import { templateSchema, templateVariantSchema, type Template } from '@/utils/model';

export const TEMPLATE_FILE_FORMAT = 'kotae-templates';
export const TEMPLATE_FILE_VERSION = 1;
export const TEMPLATE_IMPORT_MAX = 2_000;

const shape = templateSchema.shape;

/** A template as a file may carry it: ids and dates are optional (new ones are made). */
const importedTemplateSchema = z.object({
  id: z.optional(shape.id),
  title: shape.title,
  category: shape.category,
  code: z.optional(shape.code),
  variants: shape.variants,
  scope: z.optional(shape.scope),
  createdAt: z.optional(shape.createdAt),
  updatedAt: z.optional(shape.updatedAt),
});

const templateFileSchema = z.object({
  format: z.literal(TEMPLATE_FILE_FORMAT),
  version: z.literal(TEMPLATE_FILE_VERSION),
  templates: z.array(importedTemplateSchema).check(z.maxLength(TEMPLATE_IMPORT_MAX)),
});

export interface ImportProblem {
  /** 1-based line and column in the file. */
  line: number;
  column: number;
  /** Where in the data, e.g. `templates.3.variants.0.body`. */
  path: string;
  reason: string;
}

export type TemplateImport = { ok: true; templates: Template[] } | { ok: false; problems: ImportProblem[] };

export function exportTemplates(templates: readonly Template[], now: Date): string {
  const live = templates.filter((t) => t.deletedAt === null);
  const file = {
    format: TEMPLATE_FILE_FORMAT,
    version: TEMPLATE_FILE_VERSION,
    exportedAt: now.toISOString(),
    templates: live.map(({ deletedAt: _deleted, ...template }) => template),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

export function parseTemplateFile(text: string, now: Date): TemplateImport {
  if (text.trim() === '') return { ok: false, problems: [{ line: 1, column: 1, path: '', reason: 'The file is empty' }] };
  const syntax: ParseError[] = [];
  const tree = parseTree(text, syntax, { allowTrailingComma: false, disallowComments: true });
  if (syntax.length > 0 || !tree) {
    const problems = syntax.map((error) => ({
      ...position(text, error.offset),
      path: '',
      reason: `JSON syntax: ${printParseErrorCode(error.error)}`,
    }));
    return { ok: false, problems };
  }
  const at = (path: PropertyKey[]): { line: number; column: number } => {
    // The deepest node that exists on the path: a missing field points at its object.
    for (let depth = path.length; depth >= 0; depth -= 1) {
      const node: Node | undefined = findNodeAtLocation(tree, path.slice(0, depth) as (string | number)[]);
      if (node) return position(text, node.offset);
    }
    return { line: 1, column: 1 };
  };

  const parsed = templateFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({ ...at(issue.path), path: issue.path.join('.'), reason: issue.message })),
    };
  }

  const problems: ImportProblem[] = [];
  const ids = new Map<string, number>();
  const codes = new Map<string, number>();
  parsed.data.templates.forEach((template, index) => {
    for (const [key, seen, what] of [
      [template.id, ids, 'id'],
      [template.code, codes, 'code'],
    ] as const) {
      if (!key) continue;
      const first = seen.get(key);
      if (first !== undefined) {
        problems.push({
          ...at(['templates', index, what]),
          path: `templates.${index}.${what}`,
          reason: `The ${what} "${key}" is used twice (first by template ${first + 1})`,
        });
      } else seen.set(key, index);
    }
  });
  if (problems.length) return { ok: false, problems };

  const stamp = now.toISOString();
  return {
    ok: true,
    templates: parsed.data.templates.map((template) => ({
      id: template.id ?? crypto.randomUUID(),
      title: template.title.trim(),
      category: template.category,
      code: template.code ?? null,
      variants: template.variants.map((v) => templateVariantSchema.parse(v)),
      scope: template.scope ?? 'personal',
      createdAt: template.createdAt ?? stamp,
      updatedAt: template.updatedAt ?? stamp,
      deletedAt: null,
    })),
  };
}
