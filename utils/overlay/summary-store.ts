import type { CustomerSummary } from '@/utils/model';

/**
 * Badge data keyed by identity. Each badge subscribes to its own key only, so an
 * answer for twenty customers wakes twenty badges, not every badge on the page.
 */
export class SummaryStore {
  private readonly values = new Map<string, CustomerSummary>();
  private readonly failed = new Set<string>();
  private readonly listeners = new Map<string, Set<() => void>>();

  get(identityId: string): CustomerSummary | undefined {
    return this.values.get(identityId);
  }

  hasFailed(identityId: string): boolean {
    return this.failed.has(identityId);
  }

  set(summaries: readonly CustomerSummary[]): void {
    for (const summary of summaries) {
      this.values.set(summary.identityId, summary);
      this.failed.delete(summary.identityId);
      this.notify(summary.identityId);
    }
  }

  /** Marks identities whose data could not be loaded, so their badges can say so. */
  fail(identityIds: Iterable<string>): void {
    for (const id of identityIds) {
      if (this.values.has(id)) continue;
      this.failed.add(id);
      this.notify(id);
    }
  }

  subscribe(identityId: string, listener: () => void): () => void {
    let set = this.listeners.get(identityId);
    if (!set) this.listeners.set(identityId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(identityId);
    };
  }

  /** Identities some badge on the page is showing. */
  watched(): string[] {
    return [...this.listeners.keys()];
  }

  private notify(identityId: string): void {
    for (const listener of this.listeners.get(identityId) ?? []) listener();
  }
}
