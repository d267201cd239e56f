/** Reading and changing reply templates. Deletes leave tombstones, as notes do. */
import { KotaeError } from '@/utils/errors';
import { templateSchema, type Template } from '@/utils/model';
import { enqueue, outboxTables } from '@/utils/sync/outbox';
import type { KotaeDB } from './kotae-db';

export type TemplateDraft = Pick<Template, 'title' | 'category' | 'code' | 'variants' | 'scope'>;

export async function liveTemplates(db: KotaeDB): Promise<Template[]> {
  const rows = await db.templates.toArray();
  return rows.filter((t) => t.deletedAt === null && templateSchema.safeParse(t).success);
}

/** Codes pick a template at once, so two live templates never share one. */
async function assertCodeFree(db: KotaeDB, code: string | null, ownId: string | null): Promise<void> {
  if (!code) return;
  const holders = await db.templates.where('code').equals(code).filter((t) => t.deletedAt === null && t.id !== ownId).count();
  if (holders > 0) throw new KotaeError('codeTaken', `The code /${code} is already used by another template`);
}

function validated(template: Template): Template {
  const parsed = templateSchema.safeParse(template);
  if (!parsed.success) throw KotaeError.fromZod(parsed.error, 'Invalid template');
  return parsed.data;
}

/** Creates a template, or updates the one with `id`. */
export async function saveTemplate(db: KotaeDB, draft: TemplateDraft, now: Date, id?: string): Promise<Template> {
  return db.transaction('rw', [db.templates, ...outboxTables(db)], async () => {
    const existing = id ? await db.templates.get(id) : undefined;
    if (id && (!existing || existing.deletedAt !== null)) throw new KotaeError('notFound', 'That template no longer exists');
    await assertCodeFree(db, draft.code, id ?? null);
    const stamp = now.toISOString();
    const template = validated({
      ...draft,
      title: draft.title.trim(),
      id: id ?? crypto.randomUUID(),
      createdAt: existing?.createdAt ?? stamp,
      updatedAt: stamp,
      deletedAt: null,
    });
    await db.templates.put(template);
    // Team templates go to the team; personal ones stay here (enqueue skips them).
    await enqueue(db, 'template', [template.id]);
    return template;
  });
}

/** A copy to edit, titled as a copy and without the code (codes are unique). */
export async function duplicateTemplate(db: KotaeDB, id: string, copySuffix: string, now: Date): Promise<Template> {
  const original = await db.templates.get(id);
  if (!original || original.deletedAt !== null) throw new KotaeError('notFound', 'That template no longer exists');
  const title = `${original.title} ${copySuffix}`.slice(0, 120);
  return saveTemplate(db, { ...original, title, code: null }, now);
}

export async function deleteTemplate(db: KotaeDB, id: string, now: Date): Promise<void> {
  const stamp = now.toISOString();
  await db.transaction('rw', [db.templates, ...outboxTables(db)], async () => {
    const changed = await db.templates.where('id').equals(id).filter((t) => t.deletedAt === null).modify({ deletedAt: stamp, updatedAt: stamp });
    if (changed === 0) throw new KotaeError('notFound', 'That template no longer exists');
    await enqueue(db, 'template', [id]);
  });
}

/**
 * Writes a checked import in one transaction: every template or none. A template
 * with a known id replaces it (importing the same file twice changes nothing).
 */
export async function importTemplates(db: KotaeDB, templates: readonly Template[]): Promise<{ added: number; replaced: number }> {
  return db.transaction('rw', [db.templates, ...outboxTables(db)], async () => {
    const incomingIds = new Set(templates.map((t) => t.id));
    let replaced = 0;
    for (const template of templates) {
      if (template.code) {
        const holder = await db.templates
          .where('code')
          .equals(template.code)
          .filter((t) => t.deletedAt === null && !incomingIds.has(t.id))
          .first();
        if (holder) throw new KotaeError('codeTaken', `The code /${template.code} is already used by "${holder.title}"`);
      }
      if (await db.templates.get(template.id)) replaced += 1;
    }
    await db.templates.bulkPut(templates.map(validated));
    await enqueue(db, 'template', templates.map((t) => t.id));
    return { added: templates.length - replaced, replaced };
  });
}
