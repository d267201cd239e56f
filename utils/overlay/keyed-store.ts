/**
 * Overlay data keyed by customer or post. Listeners are told the key of each value
 * that changed (a value that did not change tells no one); the overlay looks up
 * which badges show that key, so an answer for twenty customers wakes twenty
 * badges, not every badge on the page. No listener per badge: a page holds
 * thousands, and each one's own subscriptions were most of what it kept alive.
 */
export class KeyedStore<T> {
  private readonly values = new Map<string, T>();
  private readonly failed = new Set<string>();
  private readonly listeners = new Set<(key: string) => void>();

  constructor(private readonly same: (a: T, b: T) => boolean) {}

  get(key: string): T | undefined {
    return this.values.get(key);
  }

  hasFailed(key: string): boolean {
    return this.failed.has(key);
  }

  /** Fresh data after a change: listeners are told each key whose value differs. */
  set(entries: Iterable<readonly [string, T]>): void {
    for (const [key, value] of entries) {
      const known = this.values.get(key);
      this.values.set(key, value);
      this.failed.delete(key);
      if (known === undefined || !this.same(known, value)) this.notify(key);
    }
  }

  /** Data for keys met for the first time; known keys keep theirs. */
  fill(entries: Iterable<readonly [string, T]>): void {
    this.set([...entries].filter(([key]) => !this.values.has(key)));
  }

  /** Marks keys whose data could not be loaded, so their badges can say so. */
  fail(keys: Iterable<string>): void {
    for (const key of keys) {
      if (this.values.has(key)) continue;
      this.failed.add(key);
      this.notify(key);
    }
  }

  /** Calls `listener` with the key of every change from now on. */
  listen(listener: (key: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(key: string): void {
    for (const listener of this.listeners) listener(key);
  }
}
