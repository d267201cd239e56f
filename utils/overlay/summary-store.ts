import type { CustomerSummary } from '@/utils/model';

function sameSummary(a: CustomerSummary, b: CustomerSummary): boolean {
  return (
    a.customerId === b.customerId &&
    a.status === b.status &&
    a.seenCount === b.seenCount &&
    a.repliedCount === b.repliedCount &&
    a.noteCount === b.noteCount &&
    a.tags.join('\n') === b.tags.join('\n')
  );
}

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

  /** Fresh data after a change: badges whose data differs re-render, the rest stay still. */
  set(summaries: readonly CustomerSummary[]): void {
    for (const summary of summaries) {
      const known = this.values.get(summary.identityId);
      this.values.set(summary.identityId, summary);
      this.failed.delete(summary.identityId);
      if (!known || !sameSummary(known, summary)) this.notify(summary.identityId);
    }
  }

  /**
   * Data for customers met for the first time. Customers already on the page keep
   * theirs: browsing on makes their seen count grow, and re-rendering every badge of
   * a frequent poster for each new post would cost the page more than the number is
   * worth. Changes people make (notes, tags, status) arrive through `set`.
   */
  fill(summaries: readonly CustomerSummary[]): void {
    this.set(summaries.filter((summary) => !this.values.has(summary.identityId)));
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
