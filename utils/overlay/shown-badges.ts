/**
 * The badges on the page by the customer and the post each one shows, so a change
 * to one customer or post reaches exactly the badges showing it. A key usually
 * has one badge: it is stored alone, and only a second one makes a list.
 */
export interface ShownTarget {
  identityId: string;
  postKey: string;
}

type Entry<H> = H | H[];

function add<H extends object>(map: Map<string, Entry<H>>, key: string, badge: H): void {
  const found = map.get(key);
  if (found === undefined) map.set(key, badge);
  else if (Array.isArray(found)) {
    if (!found.includes(badge)) found.push(badge);
  }
  else if (found !== badge) map.set(key, [found, badge]);
}

function remove<H extends object>(map: Map<string, Entry<H>>, key: string, badge: H): void {
  const found = map.get(key);
  if (found === badge) map.delete(key);
  else if (Array.isArray(found)) {
    const rest = found.filter((b) => b !== badge);
    if (rest.length === 1) map.set(key, rest[0]!);
    else map.set(key, rest);
  }
}

function all<H extends object>(found: Entry<H> | undefined): readonly H[] {
  return found === undefined ? [] : Array.isArray(found) ? found : [found];
}

export class ShownBadges<H extends { target: ShownTarget }> {
  private readonly byCustomer = new Map<string, Entry<H>>();
  private readonly byPost = new Map<string, Entry<H>>();

  /** Files `badge` under its current target. */
  add(badge: H): void {
    add(this.byCustomer, badge.target.identityId, badge);
    add(this.byPost, badge.target.postKey, badge);
  }

  /** Takes `badge` out from under its current target (call before changing the target). */
  remove(badge: H): void {
    remove(this.byCustomer, badge.target.identityId, badge);
    remove(this.byPost, badge.target.postKey, badge);
  }

  ofCustomer(identityId: string): readonly H[] {
    return all(this.byCustomer.get(identityId));
  }

  ofPost(postKey: string): readonly H[] {
    return all(this.byPost.get(postKey));
  }

  /** The customers some badge on the page is showing. */
  customers(): string[] {
    return [...this.byCustomer.keys()];
  }
}
