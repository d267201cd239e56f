/** What the background answers to each message of the protocol map. */
import type { KotaeDB } from '@/utils/db/kotae-db';
import {
  addNote,
  addTag,
  customerDetail,
  customerOf,
  deleteNote,
  identitiesOfSameCustomer,
  linkIdentity,
  removeTag,
  setStatus,
  summarise,
  unlinkIdentity,
  updateNote,
  type Actor,
} from '@/utils/db/customers';
import { customerChanges } from '@/utils/db/change-log';
import { feedbackAreas, postFeedback, recordFeedback, withdrawFeedback } from '@/utils/db/feedback';
import { markPost, postTimers, recordReply, recordSeenPosts, recordTeamReply } from '@/utils/db/posts';
import { postWatch } from '@/utils/db/watch';
import type { Handlers } from '@/utils/messaging/dispatch';
import { insertResultSchema, type KotaeEvent } from '@/utils/messaging/protocol';
import { liveTemplates } from '@/utils/db/templates';
import { postKey } from '@/utils/model';
import type { PostPresence } from '@/utils/sync/presence';
import { KotaeError } from '@/utils/errors';
import type { SyncStatus } from '@/utils/sync/state';
import { SyncError } from '@/utils/sync/http';
import type { Report, ReportRange } from '@/utils/reports/schema';

/** The sync engine as the handlers use it (utils/sync/engine.ts). */
export interface SyncControl {
  status(): Promise<SyncStatus>;
  /** Rejects on failure; the failure is also kept in the status. */
  join(input: { serverUrl: string; code: string; name: string }): Promise<unknown>;
  signOut(removeLocalData: boolean): Promise<void>;
  retry(): Promise<void>;
  /** Tell the team this agent is replying to a post (or stopped). */
  setPresence(postKey: string, replying: boolean): Promise<void>;
  /** Colleagues replying now, per post. */
  presence(): PostPresence[];
  /** The team's report from the server; rejects with a SyncError. */
  teamReport(range: ReportRange): Promise<Report>;
}

const noSync: SyncControl = {
  status: () => Promise.reject(new KotaeError('unavailable', 'Team sync is not running')),
  join: () => Promise.reject(new KotaeError('unavailable', 'Team sync is not running')),
  signOut: () => Promise.reject(new KotaeError('unavailable', 'Team sync is not running')),
  retry: () => Promise.reject(new KotaeError('unavailable', 'Team sync is not running')),
  // Alone, nobody else is replying and there is nobody to tell.
  setPresence: () => Promise.resolve(),
  presence: () => [],
  teamReport: () => Promise.reject(new SyncError('unauthorized', 'This browser is not joined to a team')),
};

export interface BackgroundDeps {
  db: KotaeDB;
  /** Who is acting, read fresh for each change (the name can change in options). */
  actor: () => Promise<Actor>;
  /** Tell every tab and extension page that something changed. */
  broadcast: (event: KotaeEvent) => void;
  /** Send an event to one tab's top frame (where its content script runs); its answer. */
  sendToTab: (tabId: number, event: KotaeEvent) => Promise<unknown>;
  now: () => Date;
  /** Posts were seen, answered or marked: the overdue count may have changed. */
  postsChanged?: () => void;
  /** Team sync; without it the sync messages answer "unavailable". */
  sync?: SyncControl;
  /** Something was queued for the team server: push soon. */
  queued?: () => void;
}

export function createHandlers({ db, actor, broadcast, sendToTab, now, postsChanged = () => {}, sync = noSync, queued = () => {} }: BackgroundDeps): Handlers {
  const notifyTab = (tabId: number, event: KotaeEvent) => void sendToTab(tabId, event).catch(() => {});
  const changed = async (identityId: string) => {
    queued();
    broadcast({ event: 'customers.changed', identityIds: await identitiesOfSameCustomer(db, identityId) });
  };
  const changedCustomer = async (customerId: string) => {
    queued();
    broadcast({ event: 'customers.changed', identityIds: await db.identities.where('customerId').equals(customerId).primaryKeys() });
  };

  /** Keyword watch states, only when a search page asked for them. */
  const watchOf = async (postKeys: string[], since: string | undefined) =>
    since === undefined ? {} : { watch: await postWatch(db, postKeys, since, await actor()) };

  return {
    'posts.seen': async ({ posts, summariesFor, watchSince }) => {
      const at = now();
      const authors = await recordSeenPosts(db, posts, at);
      const wanted = summariesFor ? new Set(summariesFor) : null;
      const unknown = wanted ? authors.filter((id) => wanted.has(id)) : authors;
      const summaries = unknown.length > 0 ? await summarise(db, unknown) : [];
      postsChanged();
      queued();
      const keys = posts.map((p) => postKey(p.platform, p.postId));
      // "First seen by this sighting, nothing since" is what the page assumes of a post it
      // has just drawn: only facts that say more are sent back.
      const stamp = at.toISOString();
      const timers = (await postTimers(db, keys)).filter((facts) => facts.events.length > 0 || facts.firstSeenAt !== stamp);
      return { summaries, timers, ...(await watchOf(keys, watchSince)) };
    },
    'posts.timers': async ({ postKeys, watchSince }) => ({ timers: await postTimers(db, postKeys), ...(await watchOf(postKeys, watchSince)) }),
    'presence.set': async ({ postKey, replying }) => {
      await sync.setPresence(postKey, replying);
      return { done: true };
    },
    'presence.list': async () => ({ posts: sync.presence() }),
    'viewer.get': async () => {
      const { agentId, role } = await actor();
      return { agentId, role: role ?? null };
    },
    'post.teamReply': async (input) => {
      const identityId = await recordTeamReply(db, input, now());
      if (identityId) await changed(identityId);
      return { done: true };
    },
    'post.mark': async (input) => {
      await changed(await markPost(db, input, await actor()));
      return { done: true };
    },
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
      queued();
      broadcast({ event: 'customers.changed', identityIds: ids });
      return { done: true };
    },
    'identity.unlink': async ({ identityId }) => {
      const ids = await unlinkIdentity(db, identityId, await actor());
      queued();
      broadcast({ event: 'customers.changed', identityIds: ids });
      return { done: true };
    },
    'feedback.record': async (input) => {
      const feedback = await recordFeedback(db, input, await actor());
      await changed(feedback.identityId);
      return feedback;
    },
    'feedback.withdraw': async ({ feedbackId }) => {
      await changedCustomer(await withdrawFeedback(db, feedbackId, await actor()));
      return { done: true };
    },
    'feedback.forPost': async ({ postKey: key }) => ({ feedback: await postFeedback(db, key), areas: (await feedbackAreas(db)).slice(0, 1000) }),
    'customer.changes': async ({ identityId, limit }) => customerChanges(db, (await customerOf(db, identityId)).id, limit),
    'panel.close': async (_input, sender) => {
      if (sender.tabId !== undefined) notifyTab(sender.tabId, { event: 'panel.close' });
      return { done: true };
    },
    'guide.close': async (_input, sender) => {
      if (sender.tabId !== undefined) notifyTab(sender.tabId, { event: 'guide.close' });
      return { done: true };
    },
    'reply.sent': async (input) => {
      const identityId = await recordReply(db, input, await actor());
      await changed(identityId);
      return { done: true };
    },
    'templates.list': async () => ({ templates: await liveTemplates(db) }),
    'sync.status': async () => sync.status(),
    'sync.join': async (input) => {
      // A failure (unreachable, code used, …) is kept in the status the popup words.
      await sync.join(input).catch((error: unknown) => {
        if (error instanceof KotaeError) throw error;
      });
      return sync.status();
    },
    'sync.signOut': async ({ removeLocalData }) => {
      await sync.signOut(removeLocalData);
      return sync.status();
    },
    'report.team': async (range) => {
      try {
        return { report: await sync.teamReport(range), error: null };
      } catch (error) {
        if (!(error instanceof SyncError)) throw error;
        return { report: null, error: error.info(now()) };
      }
    },
    'sync.retry': async () => {
      await sync.retry();
      return sync.status();
    },
    'composer.insert': async (input, sender) => {
      if (sender.tabId === undefined) return { ok: false, reason: 'noComposer' };
      // The content script of the guide's own tab does the insertion; its answer is checked.
      const answer = insertResultSchema.safeParse(
        await sendToTab(sender.tabId, { event: 'composer.insert', ...input }).catch(() => undefined),
      );
      return answer.success ? answer.data : { ok: false, reason: 'noComposer' };
    },
  };
}
