/**
 * Token buckets kept in memory, one per key (a client address or a member). Each
 * instance counts on its own: behind several instances the limits are per instance.
 */
export interface RateLimiter {
  /** null when allowed; otherwise the seconds to wait before trying again. */
  take(key: string): number | null;
}

export function createRateLimiter(perMinute: number, now: () => Date): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = perMinute / 60_000;
  return {
    take(key) {
      const t = now().getTime();
      const bucket = buckets.get(key) ?? { tokens: perMinute, at: t };
      bucket.tokens = Math.min(perMinute, bucket.tokens + Math.max(0, t - bucket.at) * perMs);
      bucket.at = t;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        buckets.set(key, bucket);
        if (buckets.size > 50_000) prune(t);
        return null;
      }
      buckets.set(key, bucket);
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    },
  };

  // Full buckets carry no information: forget them so the map stays small.
  function prune(t: number) {
    for (const [key, bucket] of buckets) {
      if (bucket.tokens + (t - bucket.at) * perMs >= perMinute) buckets.delete(key);
    }
  }
}
