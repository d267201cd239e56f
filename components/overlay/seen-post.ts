import { seenPostSchema, type SeenPost } from '@/utils/model';
import type { ParsedPost } from '@/utils/sites/types';

/** A parsed customer post as it crosses to the background; null for ads or text the model refuses. */
export function seenPostOf(post: ParsedPost | null): SeenPost | null {
  if (!post || post.promoted) return null;
  const parsed = seenPostSchema.safeParse(post);
  return parsed.success ? parsed.data : null;
}
