/**
 * Reading and changing customer records. Every function takes the database as a
 * parameter so tests run on fresh ones; every write is one Dexie transaction,
 * which also queues the changed shared records for the team server (utils/sync/outbox.ts).
 */
import {
  customerSchema,
  identityKey,
  identitySchema,
  interactionSchema,
  isValidHandle,
  normaliseHandle,
  noteSchema,
  tagId,
  tagSchema,
  type Customer,
  type CustomerDetail,
  type CustomerStatus,
  type CustomerSummary,
  type IdentityKind,
  type Identity,
  type Interaction,
  type Note,
  type SeenPost,
  type Tag,
} from '@/utils/model';
import { KotaeError } from '@/utils/errors';
import { enqueue, enqueueRecord, outboxTables } from '@/utils/sync/outbox';
import type { Role } from '@/utils/sync/wire';
import type { KotaeDB } from './kotae-db';
import { authorOf, logChanges, noteSummary, statusSummary } from './change-log';

/** Who is making a change, and when. */
export interface Actor {
  agentId: string;
  agentName: string;
  now: Date;
  /** The agent's role on the team server; absent when this browser works alone. */
  role?: Role | null;
}

/** Agents change only their own notes; supervisors and admins (and a browser alone) any. */
export function mayChangeNote(note: Pick<Note, 'authorId'>, actor: Pick<Actor, 'agentId' | 'role'>): boolean {
  return actor.role !== 'agent' || note.authorId === actor.agentId;
}

export function newId(): string {
  return crypto.randomUUID();
}

/** The customer an identity belongs to, following merges. */
export async function customerOf(db: KotaeDB, identityId: string): Promise<Customer> {
  const identity = await db.identities.get(identityId);
  if (!identity) throw new KotaeError('notFound', `No customer is known as ${identityId} yet`);
  return (await customersOf(db, [identity]))[0]!;
}

/**
 * The identity of a post's author, created with a customer record on first sight.
 * Null when the page gave an author that is not a valid handle. Call inside a
 * transaction over customers, identities and `outboxTables(db)`.
 */
export async function ensureAuthor(db: KotaeDB, post: SeenPost, stamp: string): Promise<Identity | null> {
  return (await ensureAuthors(db, [post], stamp))[0] ?? null;
}

/**
 * {@link ensureAuthor} for many posts at once, in a few bulk reads and writes (a
 * scrolled timeline brings dozens per message). Answers one entry per post, in order.
 */
export async function ensureAuthors(db: KotaeDB, posts: readonly SeenPost[], stamp: string): Promise<(Identity | null)[]> {
  const keys = posts.map((post) => {
    const handle = normaliseHandle(post.platform, post.authorHandle);
    return isValidHandle(post.platform, handle) ? { key: identityKey(post.platform, handle), handle } : null;
  });
  // Per author, the name the page shows last: people rename themselves; the handle is the key.
  const authors = new Map<string, { handle: string; post: SeenPost; name: string }>();
  posts.forEach((post, index) => {
    const found = keys[index];
    if (!found) return;
    const author = authors.get(found.key);
    if (!author) authors.set(found.key, { handle: found.handle, post, name: post.authorName });
    else if (post.authorName) author.name = post.authorName;
  });
  const ids = [...authors.keys()];
  const stored = await db.identities.bulkGet(ids);
  const identities = new Map<string, Identity>();
  const renamed: string[] = [];
  const newCustomers: Customer[] = [];
  const newIdentities: Identity[] = [];
  ids.forEach((key, index) => {
    const { handle, post, name } = authors.get(key)!;
    const displayName = name || handle;
    const identity = stored[index];
    if (identity) {
      if (name && identity.displayName !== name) renamed.push(key);
      identities.set(key, identity);
      return;
    }
    const customer: Customer = {
      // Named after the identity, so two agents who first see this author apart
      // (offline, on two machines) make the same record, and sync makes it one.
      id: `c:${key}`,
      displayName,
      status: 'new',
      createdAt: stamp,
      updatedAt: stamp,
      mergedInto: null,
    };
    const created: Identity = {
      id: key,
      kind: post.platform,
      handle,
      displayName,
      customerId: customer.id,
      createdAt: stamp,
      updatedAt: stamp,
      linkedByHand: false,
    };
    newCustomers.push(customer);
    newIdentities.push(created);
    identities.set(key, created);
  });
  if (newCustomers.length > 0) {
    await db.customers.bulkAdd(newCustomers);
    await db.identities.bulkAdd(newIdentities);
    await enqueue(db, 'customer', newCustomers.map((c) => c.id));
  }
  for (const key of renamed) await db.identities.update(key, { displayName: authors.get(key)!.name, updatedAt: stamp });
  await enqueue(db, 'identity', [...newIdentities.map((i) => i.id), ...renamed]);
  return keys.map((found) => (found ? identities.get(found.key)! : null));
}

/** The interaction kinds a badge counts. */
const COUNTED_KINDS = ['seen', 'replied'] as const;

/** Badge data for each known identity; unknown ones are left out. */
export async function summarise(db: KotaeDB, identityIds: readonly string[]): Promise<CustomerSummary[]> {
  return db.transaction('r', [db.customers, db.identities, db.interactions, db.notes, db.tags], async () => {
    // Bulk reads and index-only counts: a badge per post on a long page asks for many at once.
    const identities = (await db.identities.bulkGet([...identityIds])).filter((i): i is Identity => i !== undefined);
    const customers = await customersOf(db, identities);
    const customerIds = [...new Set(customers.map((c) => c.id))];
    // Counted by the database: a regular customer's history grows with every post, and
    // reading its keys back to count them made each badge cost more the longer one scrolled.
    const counted = customerIds.flatMap((id) => COUNTED_KINDS.map((kind) => [id, kind] as const));
    const [counts, notes, tags] = await Promise.all([
      Promise.all(counted.map((key) => db.interactions.where('[customerId+kind]').equals([...key]).count())),
      db.notes.where('customerId').anyOf(customerIds).toArray(),
      db.tags.where('customerId').anyOf(customerIds).toArray(),
    ]);
    const tally = new Map<string, number>();
    const add = (key: string, by = 1) => tally.set(key, (tally.get(key) ?? 0) + by);
    counted.forEach(([id, kind], index) => add(`${kind}:${id}`, counts[index]));
    for (const note of notes) if (note.deletedAt === null) add(`note:${note.customerId}`);
    const labels = new Map<string, string[]>();
    for (const tag of tags) {
      if (tag.deletedAt === null) labels.set(tag.customerId, [...(labels.get(tag.customerId) ?? []), tag.label]);
    }
    return identities.map((identity, index) => {
      const customer = customers[index]!;
      return {
        identityId: identity.id,
        customerId: customer.id,
        seenCount: tally.get(`seen:${customer.id}`) ?? 0,
        repliedCount: tally.get(`replied:${customer.id}`) ?? 0,
        noteCount: tally.get(`note:${customer.id}`) ?? 0,
        tags: (labels.get(customer.id) ?? []).sort((a, b) => a.localeCompare(b)),
        status: customer.status,
      };
    });
  });
}

/** The customer of each identity, following merges, in a bulk read per merge step. */
async function customersOf(db: KotaeDB, identities: readonly Identity[]): Promise<Customer[]> {
  let customers = await db.customers.bulkGet(identities.map((i) => i.customerId));
  // Merges re-point identities, so this chain is at most one step; the bound guards against bad data.
  for (let hops = 0; hops < 10; hops += 1) {
    const merged = customers.flatMap((c, index) => (c?.mergedInto ? [index] : []));
    if (merged.length === 0) break;
    const next = await db.customers.bulkGet(merged.map((index) => customers[index]!.mergedInto!));
    customers = customers.slice();
    merged.forEach((index, n) => (customers[index] = next[n]));
  }
  return customers.map((customer, index) => {
    if (!customer) throw new KotaeError('storage', `The record for ${identities[index]!.id} is missing`);
    return customer;
  });
}

/**
 * Keeps only rows that match the model. A row that does not (written by a buggy
 * version, or edited by hand) is reported, not shown and not deleted.
 */
function validRows<T>(rows: unknown[], schema: { safeParse(v: unknown): { success: boolean; data?: T } }, what: string): T[] {
  const valid: T[] = [];
  for (const row of rows) {
    const parsed = schema.safeParse(row);
    if (parsed.success) valid.push(parsed.data as T);
    else console.warn(`[kotae] skipped an unreadable ${what} row`, row);
  }
  return valid;
}

export async function customerDetail(db: KotaeDB, identityId: string): Promise<CustomerDetail> {
  return db.transaction('r', [db.customers, db.identities, db.interactions, db.notes, db.tags], async () => {
    const customer = await customerOf(db, identityId);
    const [identities, notes, tags, interactions] = await Promise.all([
      db.identities.where('customerId').equals(customer.id).toArray(),
      db.notes.where('customerId').equals(customer.id).toArray(),
      db.tags.where('customerId').equals(customer.id).toArray(),
      db.interactions.where('customerId').equals(customer.id).toArray(),
    ]);
    const parsedCustomer = customerSchema.safeParse(customer);
    if (!parsedCustomer.success) throw new KotaeError('storage', `The record for ${identityId} is unreadable`);
    const byNewest = (a: { createdAt?: string; recordedAt?: string }, b: typeof a) =>
      (b.createdAt ?? b.recordedAt ?? '').localeCompare(a.createdAt ?? a.recordedAt ?? '');
    return {
      customer: parsedCustomer.data,
      identities: validRows<Identity>(identities, identitySchema, 'identity').sort((a, b) => a.id.localeCompare(b.id)),
      notes: validRows<Note>(notes, noteSchema, 'note')
        .filter((n) => n.deletedAt === null)
        .sort(byNewest),
      tags: validRows<Tag>(tags, tagSchema, 'tag')
        .filter((t) => t.deletedAt === null)
        .sort((a, b) => a.label.localeCompare(b.label)),
      interactions: validRows<Interaction>(interactions, interactionSchema, 'interaction').sort(byNewest),
    };
  });
}

/** Every identity of the customer `identityId` belongs to: whose badges change with it. */
export async function identitiesOfSameCustomer(db: KotaeDB, identityId: string): Promise<string[]> {
  const customer = await customerOf(db, identityId);
  return db.identities.where('customerId').equals(customer.id).primaryKeys();
}

/**
 * A first note or reply moves a new customer to open; the change log says so. Inside a
 * transaction with customers and `db.changeLog`.
 */
export async function openCustomer(db: KotaeDB, customerId: string, actor: Actor): Promise<void> {
  await db.customers.update(customerId, { status: 'open', updatedAt: actor.now.toISOString() });
  await enqueue(db, 'customer', [customerId]);
  await logChanges(db, authorOf(actor), [
    { customerId, entity: 'customer', recordId: customerId, action: 'status', summary: statusSummary('new', 'open') },
  ]);
}

export async function setStatus(db: KotaeDB, identityId: string, status: CustomerStatus, actor: Actor): Promise<void> {
  await db.transaction('rw', [db.customers, db.identities, db.changeLog, ...outboxTables(db)], async () => {
    const customer = await customerOf(db, identityId);
    await db.customers.update(customer.id, { status, updatedAt: actor.now.toISOString() });
    await enqueue(db, 'customer', [customer.id]);
    if (customer.status !== status) {
      await logChanges(db, authorOf(actor), [
        { customerId: customer.id, entity: 'customer', recordId: customer.id, action: 'status', summary: statusSummary(customer.status, status) },
      ]);
    }
  });
}

export async function addNote(
  db: KotaeDB,
  input: { identityId: string; body: string; postKey: string | null; private?: boolean },
  actor: Actor,
): Promise<Note> {
  return db.transaction('rw', [db.customers, db.identities, db.notes, db.changeLog, ...outboxTables(db)], async () => {
    const customer = await customerOf(db, input.identityId);
    const stamp = actor.now.toISOString();
    const note: Note = {
      id: newId(),
      customerId: customer.id,
      body: input.body,
      authorId: actor.agentId,
      authorName: actor.agentName,
      postKey: input.postKey,
      ...(input.private ? { private: true } : {}),
      createdAt: stamp,
      updatedAt: stamp,
      deletedAt: null,
    };
    await db.notes.add(note);
    await enqueue(db, 'note', [note.id]);
    await logChanges(db, authorOf(actor), [
      { customerId: customer.id, entity: 'note', recordId: note.id, action: 'added', summary: noteSummary(note) },
    ]);
    // A first note means someone is dealing with this customer.
    if (customer.status === 'new') await openCustomer(db, customer.id, actor);
    return note;
  });
}

/** A note the actor may change: it exists, and it is theirs or they supervise. */
async function changeableNote(db: KotaeDB, noteId: string, actor: Actor): Promise<Note> {
  const note = await db.notes.get(noteId);
  if (!note || note.deletedAt !== null) throw new KotaeError('notFound', 'That note no longer exists');
  if (!mayChangeNote(note, actor)) throw new KotaeError('forbidden', 'Only its author, a supervisor or an admin can change this note');
  return note;
}

export async function updateNote(db: KotaeDB, input: { noteId: string; body: string }, actor: Actor): Promise<Note> {
  return db.transaction('rw', [db.customers, db.notes, db.changeLog, ...outboxTables(db)], async () => {
    const note = await changeableNote(db, input.noteId, actor);
    const updated: Note = { ...note, body: input.body, updatedAt: actor.now.toISOString() };
    await db.notes.put(updated);
    await enqueue(db, 'note', [updated.id]);
    if (note.body !== updated.body) {
      await logChanges(db, authorOf(actor), [
        { customerId: note.customerId, entity: 'note', recordId: note.id, action: 'edited', summary: noteSummary(updated) },
      ]);
    }
    return updated;
  });
}

/** Deletes leave a tombstone so the delete can reach other devices. */
export async function deleteNote(db: KotaeDB, noteId: string, actor: Actor): Promise<string> {
  return db.transaction('rw', [db.customers, db.notes, db.changeLog, ...outboxTables(db)], async () => {
    const note = await changeableNote(db, noteId, actor);
    const stamp = actor.now.toISOString();
    await db.notes.update(noteId, { deletedAt: stamp, updatedAt: stamp });
    await enqueue(db, 'note', [noteId]);
    await logChanges(db, authorOf(actor), [
      { customerId: note.customerId, entity: 'note', recordId: noteId, action: 'deleted', summary: noteSummary(note) },
    ]);
    return note.customerId;
  });
}

export async function addTag(db: KotaeDB, input: { identityId: string; label: string }, actor: Actor): Promise<Tag> {
  return db.transaction('rw', [db.customers, db.identities, db.tags, db.changeLog, ...outboxTables(db)], async () => {
    const customer = await customerOf(db, input.identityId);
    const before = await db.tags.get(tagId(customer.id, input.label));
    const tag: Tag = {
      id: tagId(customer.id, input.label),
      customerId: customer.id,
      label: input.label,
      createdAt: actor.now.toISOString(),
      createdBy: actor.agentId,
      deletedAt: null,
    };
    // Adding a tag that exists (or was removed) revives the one record.
    await db.tags.put(tag);
    await enqueue(db, 'tag', [tag.id]);
    if (!before || before.deletedAt !== null) {
      await logChanges(db, authorOf(actor), [{ customerId: customer.id, entity: 'tag', recordId: tag.id, action: 'added', summary: tag.label }]);
    }
    return tag;
  });
}

export async function removeTag(db: KotaeDB, id: string, actor: Actor): Promise<string> {
  return db.transaction('rw', [db.customers, db.tags, db.changeLog, ...outboxTables(db)], async () => {
    const tag = await db.tags.get(id);
    if (!tag || tag.deletedAt !== null) throw new KotaeError('notFound', 'That tag is not on this customer');
    await db.tags.update(id, { deletedAt: actor.now.toISOString() });
    await enqueue(db, 'tag', [id]);
    await logChanges(db, authorOf(actor), [{ customerId: tag.customerId, entity: 'tag', recordId: id, action: 'deleted', summary: tag.label }]);
    return tag.customerId;
  });
}

/**
 * Links another identity to this customer by hand. If that identity already
 * belongs to another customer, the two records become one: everything of the
 * other customer moves here and the other record points at this one.
 */
export async function linkIdentity(
  db: KotaeDB,
  input: { identityId: string; kind: IdentityKind; handle: string },
  actor: Actor,
): Promise<string[]> {
  const handle = normaliseHandle(input.kind, input.handle);
  if (!isValidHandle(input.kind, handle)) {
    throw new KotaeError('invalidHandle', `"${input.handle.slice(0, 100)}" is not a valid ${input.kind} identity`);
  }
  const key = identityKey(input.kind, handle);
  const stamp = actor.now.toISOString();
  const tables = [db.customers, db.identities, db.interactions, db.notes, db.tags, db.feedback, db.changeLog, ...outboxTables(db)];
  return db.transaction('rw', tables, async () => {
    const customer = await customerOf(db, input.identityId);
    const existing = await db.identities.get(key);
    if (existing?.customerId === customer.id) throw new KotaeError('alreadyLinked', `${key} is already linked`);
    if (!existing) {
      await db.identities.add({
        id: key,
        kind: input.kind,
        handle,
        displayName: handle,
        customerId: customer.id,
        createdAt: stamp,
        updatedAt: stamp,
        linkedByHand: true,
      });
      await enqueue(db, 'identity', [key]);
    } else {
      const other = existing.customerId;
      const movedIdentities = await db.identities.where('customerId').equals(other).primaryKeys();
      const movedInteractions = await db.interactions.where('customerId').equals(other).primaryKeys();
      const movedNotes = await db.notes.where('customerId').equals(other).primaryKeys();
      const movedFeedback = await db.feedback.where('customerId').equals(other).primaryKeys();
      await db.identities.where('customerId').equals(other).modify({ customerId: customer.id, updatedAt: stamp });
      await db.identities.update(key, { linkedByHand: true });
      await db.interactions.where('customerId').equals(other).modify({ customerId: customer.id });
      await db.notes.where('customerId').equals(other).modify({ customerId: customer.id });
      await db.feedback.where('customerId').equals(other).modify({ customerId: customer.id });
      // The other record's trail comes along, so the merged customer shows all of it.
      await db.changeLog.where('customerId').equals(other).modify({ customerId: customer.id });
      const movedTags: string[] = [];
      for (const tag of await db.tags.where('customerId').equals(other).toArray()) {
        await db.tags.delete(tag.id);
        // The team keeps the old tag as a tombstone, so other browsers drop it too.
        if (tag.deletedAt === null) await enqueueRecord(db, 'tag', tag.id, { ...tag, deletedAt: stamp });
        if (tag.deletedAt === null) {
          const moved = { ...tag, id: tagId(customer.id, tag.label), customerId: customer.id };
          await db.tags.put(moved);
          movedTags.push(moved.id);
        }
      }
      await db.customers.update(other, { mergedInto: customer.id, updatedAt: stamp });
      await enqueue(db, 'customer', [other]);
      await enqueue(db, 'identity', movedIdentities);
      await enqueue(db, 'interaction', movedInteractions);
      await enqueue(db, 'note', movedNotes);
      await enqueue(db, 'tag', movedTags);
      await enqueue(db, 'feedback', movedFeedback);
    }
    await logChanges(db, authorOf(actor), [{ customerId: customer.id, entity: 'identity', recordId: key, action: 'linked', summary: key }]);
    return db.identities.where('customerId').equals(customer.id).primaryKeys();
  });
}

/** Splits an identity off into a record of its own; its own posts go with it, notes stay. */
export async function unlinkIdentity(db: KotaeDB, identityId: string, actor: Actor): Promise<string[]> {
  const stamp = actor.now.toISOString();
  return db.transaction('rw', [db.customers, db.identities, db.interactions, db.changeLog, ...outboxTables(db)], async () => {
    const customer = await customerOf(db, identityId);
    const siblings = await db.identities.where('customerId').equals(customer.id).primaryKeys();
    if (siblings.length < 2) throw new KotaeError('lastIdentity', 'A customer keeps at least one identity');
    const identity = (await db.identities.get(identityId))!;
    const split: Customer = {
      id: newId(),
      displayName: identity.displayName,
      status: 'new',
      createdAt: stamp,
      updatedAt: stamp,
      mergedInto: null,
    };
    await db.customers.add(split);
    await db.identities.update(identityId, { customerId: split.id, linkedByHand: false, updatedAt: stamp });
    await db.interactions.where('identityId').equals(identityId).modify({ customerId: split.id });
    await enqueue(db, 'customer', [split.id]);
    await enqueue(db, 'identity', [identityId]);
    await enqueue(db, 'interaction', await db.interactions.where('identityId').equals(identityId).primaryKeys());
    await logChanges(db, authorOf(actor), [
      { customerId: customer.id, entity: 'identity', recordId: identityId, action: 'unlinked', summary: identityId },
    ]);
    return siblings;
  });
}
