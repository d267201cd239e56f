/** A half-open range of UTF-16 offsets, `start` included and `end` excluded. */
export interface Span {
  start: number;
  end: number;
}

export function overlaps(a: Span, start: number, end: number): boolean {
  return a.start < end && start < a.end;
}

export function overlapsAny(spans: readonly Span[], start: number, end: number): boolean {
  for (const span of spans) if (overlaps(span, start, end)) return true;
  return false;
}

/** The span of capture group `group` when it is the last thing the pattern matched. */
export function trailingGroupSpan(match: RegExpExecArray | RegExpMatchArray, group: number): Span {
  const end = (match.index ?? 0) + match[0].length;
  return { start: end - (match[group]?.length ?? 0), end };
}
