import type { CustomerSummary, PostTimer } from '@/utils/model';
import type { PostWatch } from '@/utils/watch/state';
import { KeyedStore } from './keyed-store';

/** Badge data per customer (identity key). */
export type SummaryStore = KeyedStore<CustomerSummary>;
/** Response-timer facts per post (post key). */
export type TimerStore = KeyedStore<PostTimer>;
/** Colleagues replying to each post now, by name (post key). */
export type PresenceStore = KeyedStore<string[]>;
/** Keyword watch state per post (post key), on search pages only. */
export type WatchStore = KeyedStore<PostWatch>;

export function createSummaryStore(): SummaryStore {
  return new KeyedStore<CustomerSummary>(
    (a, b) =>
      a.customerId === b.customerId &&
      a.status === b.status &&
      a.seenCount === b.seenCount &&
      a.repliedCount === b.repliedCount &&
      a.noteCount === b.noteCount &&
      a.tags.join('\n') === b.tags.join('\n'),
  );
}

export function createPresenceStore(): PresenceStore {
  return new KeyedStore<string[]>((a, b) => a.join('\n') === b.join('\n'));
}

export function createTimerStore(): TimerStore {
  return new KeyedStore<PostTimer>((a, b) => a.firstSeenAt === b.firstSeenAt && JSON.stringify(a.events) === JSON.stringify(b.events));
}

export function createWatchStore(): WatchStore {
  return new KeyedStore<PostWatch>((a, b) => a.state === b.state && JSON.stringify(a.handledBy) === JSON.stringify(b.handledBy));
}
