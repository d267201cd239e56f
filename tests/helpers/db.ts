import { KotaeDB } from '@/utils/db/kotae-db';
import type { Actor } from '@/utils/db/customers';
import type { SeenPost } from '@/utils/model';
import type { SessionRow } from '@/utils/sync/outbox';

let counter = 0;
/** A fresh, empty database (fake-indexeddb) per call. */
export function freshDb(): KotaeDB {
  counter += 1;
  return new KotaeDB(`kotae-test-${counter}-${Math.random().toString(36).slice(2)}`);
}

export const actor = (now = new Date('2026-05-01T09:00:00Z')): Actor => ({ agentId: 'agent-1', agentName: 'Sato', now });

export function seenPost(overrides: Partial<SeenPost> = {}): SeenPost {
  const postId = overrides.postId ?? '1790000000000000001';
  const handle = overrides.authorHandle ?? 'alice';
  return {
    platform: 'x',
    postId,
    authorHandle: handle,
    authorName: 'Alice',
    postedAt: '2026-05-01T08:00:00.000Z',
    text: 'My order has not arrived',
    permalink: `https://x.com/${handle}/status/${postId}`,
    ...overrides,
  };
}

/** A team session as the sync engine stores it after joining (the server is never reached). */
export const joinedSession: SessionRow = {
  key: 'session',
  token: 'a-token-that-is-long-enough',
  serverUrl: 'http://127.0.0.1:1',
  member: { id: 'm-1', name: 'Sato', role: 'agent', disabled: false, createdAt: '2026-05-01T00:00:00.000Z' },
  team: { id: 't-1', name: 'Support' },
  joinedAt: '2026-05-01T00:00:00.000Z',
};
