/**
 * Overlay data keyed by customer or post. Each badge subscribes to its own keys
 * only, so an answer for twenty customers wakes twenty badges, not every badge on
 * the page; and a value that did not change wakes none.
 */
export class KeyedStore<T> {
  private readonly values = new Map<string, T>();
  private readonly failed = new Set<string>();
  private readonly listeners = new Map<string, Set<() => void>>();

  constructor(private readonly same: (a: T, b: T) => boolean) {}

  get(key: string): T | undefined {
    return this.values.get(key);
  }

  hasFailed(key: string): boolean {
    return this.failed.has(key);
  }

  /** Fresh data after a change: subscribers whose value differs are told. */
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

  subscribe(key: string, listener: () => void): () => void {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  /** Keys some badge on the page is showing. */
  watched(): string[] {
    return [...this.listeners.keys()];
  }

  private notify(key: string): void {
    for (const listener of this.listeners.get(key) ?? []) listener();
  }
}
