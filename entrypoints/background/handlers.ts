/** What the background answers to each message of the protocol map. */
import type { KotaeDB } from '@/utils/db/kotae-db';
import {
  addNote,
  addTag,
  customerDetail,
  deleteNote,
  identitiesOfSameCustomer,
  linkIdentity,
  recordSeenPosts,
  removeTag,
  setStatus,
  summarise,
  unlinkIdentity,
  updateNote,
  type Actor,
} from '@/utils/db/customers';
import type { Handlers } from '@/utils/messaging/dispatch';
import type { KotaeEvent } from '@/utils/messaging/protocol';

export interface BackgroundDeps {
  db: KotaeDB;
  /** Who is acting, read fresh for each change (the name can change in options). */
  actor: () => Promise<Actor>;
  /** Tell every tab and extension page that something changed. */
  broadcast: (event: KotaeEvent) => void;
  /** Send an event to one tab's top frame (where its content script runs). */
  notifyTab: (tabId: number, event: KotaeEvent) => void;
  now: () => Date;
}

export function createHandlers({ db, actor, broadcast, notifyTab, now }: BackgroundDeps): Handlers {
  const changed = async (identityId: string) =>
    broadcast({ event: 'customers.changed', identityIds: await identitiesOfSameCustomer(db, identityId) });
  const changedCustomer = async (customerId: string) =>
    broadcast({ event: 'customers.changed', identityIds: await db.identities.where('customerId').equals(customerId).primaryKeys() });

  return {
    'posts.seen': async ({ posts }) => ({ summaries: await recordSeenPosts(db, posts, now()) }),
    'customers.summaries': async ({ identityIds }) => ({ summaries: await summarise(db, identityIds) }),
    'customer.detail': async ({ identityId }) => customerDetail(db, identityId),
    'customer.setStatus': async ({ identityId, status }) => {
      await setStatus(db, identityId, status, await actor());
      await changed(identityId);
      return { done: true };
    },
    'note.add': async (input) => {
      const note = await addNote(db, input, await actor());
      await changed(input.identityId);
      return note;
    },
    'note.update': async (input) => {
      const note = await updateNote(db, input, await actor());
      await changedCustomer(note.customerId);
      return note;
    },
    'note.delete': async ({ noteId }) => {
      await changedCustomer(await deleteNote(db, noteId, await actor()));
      return { done: true };
    },
    'tag.add': async (input) => {
      const tag = await addTag(db, input, await actor());
      await changed(input.identityId);
      return tag;
    },
    'tag.remove': async ({ tagId }) => {
      await changedCustomer(await removeTag(db, tagId, await actor()));
      return { done: true };
    },
    'identity.link': async (input) => {
      const ids = await linkIdentity(db, input, await actor());
      broadcast({ event: 'customers.changed', identityIds: ids });
      return { done: true };
    },
    'identity.unlink': async ({ identityId }) => {
      const ids = await unlinkIdentity(db, identityId, await actor());
      broadcast({ event: 'customers.changed', identityIds: ids });
      return { done: true };
    },
    'panel.close': async (_input, sender) => {
      if (sender.tabId !== undefined) notifyTab(sender.tabId, { event: 'panel.close' });
      return { done: true };
    },
  };
}
