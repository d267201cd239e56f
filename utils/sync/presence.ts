/**
 * Who on the team has a reply open on which post, as the live stream tells it. Kept in
 * the background's memory only: presence is a moment, never a record. An entry with no
 * news for PRESENCE_IDLE_MS is gone, so a reply left open does not block a post forever.
 */
import { PRESENCE_IDLE_MS, type LiveEvent } from './wire';

type PresenceEvent = Extract<LiveEvent, { type: 'presence' }>;

export interface PostPresence {
  postKey: string;
  /** Colleagues replying now, by name, in the order they started. */
  names: string[];
}

export class PresenceBoard {
  /** postKey → memberId → (name, when last heard). */
  private readonly posts = new Map<string, Map<string, { name: string; at: number }>>();

  constructor(
    /** This browser's own member: its own presence is never shown back to it. */
    private readonly self: () => string | null,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one event; answers the post's presence when what it shows changed. */
  update(event: PresenceEvent): PostPresence | null {
    if (event.memberId === this.self()) return null;
    const before = this.namesOf(event.postKey);
    let members = this.posts.get(event.postKey);
    if (event.replying) {
      if (!members) this.posts.set(event.postKey, (members = new Map()));
      // The member's own order is kept when they refresh their presence.
      const known = members.get(event.memberId);
      if (known) known.at = this.now();
      else members.set(event.memberId, { name: event.memberName, at: this.now() });
    } else {
      members?.delete(event.memberId);
      if (members?.size === 0) this.posts.delete(event.postKey);
    }
    const after = this.namesOf(event.postKey);
    return sameNames(before, after) ? null : { postKey: event.postKey, names: after };
  }

  /** Drops what went quiet; answers the posts whose presence changed. */
  expire(): PostPresence[] {
    const cutoff = this.now() - PRESENCE_IDLE_MS;
    const changed: PostPresence[] = [];
    for (const [postKey, members] of this.posts) {
      let dropped = false;
      for (const [memberId, entry] of members) {
        if (entry.at <= cutoff) {
          members.delete(memberId);
          dropped = true;
        }
      }
      if (members.size === 0) this.posts.delete(postKey);
      if (dropped) changed.push({ postKey, names: this.namesOf(postKey) });
    }
    return changed;
  }

  /** Everything current, for a page that just opened. */
  snapshot(): PostPresence[] {
    this.expire();
    return [...this.posts.keys()].map((postKey) => ({ postKey, names: this.namesOf(postKey) }));
  }

  /** Forgets everyone (signed out, or the live stream was lost). */
  clear(): PostPresence[] {
    const cleared = [...this.posts.keys()].map((postKey) => ({ postKey, names: [] }));
    this.posts.clear();
    return cleared;
  }

  private namesOf(postKey: string): string[] {
    return [...(this.posts.get(postKey)?.values() ?? [])].map((entry) => entry.name);
  }
}

function sameNames(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i]);
}
