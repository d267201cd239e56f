/**
 * The live signal: server-sent events read from a fetch body (EventSource cannot
 * send an Authorization header). Each event's data is checked with liveEventSchema;
 * anything else is ignored.
 */
import { liveEventSchema, type LiveEvent } from './wire';

/** Splits an event stream into the data of each event (lines `data: …`, joined by newlines). */
export class SseParser {
  private buffer = '';
  private data: string[] = [];

  /** Feeds a chunk of text; answers the data of each event it completed. */
  push(chunk: string): string[] {
    this.buffer += chunk;
    const done: string[] = [];
    let newline: number;
    while ((newline = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, newline);
      const width = this.buffer.startsWith('\r\n', newline) ? 2 : 1;
      // A lone \r at the very end may be the first half of \r\n: wait for more.
      if (width === 1 && this.buffer[newline] === '\r' && newline === this.buffer.length - 1) break;
      this.buffer = this.buffer.slice(newline + width);
      if (line === '') {
        if (this.data.length > 0) done.push(this.data.join('\n'));
        this.data = [];
      } else if (line.startsWith('data:')) {
        this.data.push(line.slice(5).replace(/^ /, ''));
      }
      // `event:`, `id:`, `retry:` and `:` comments (keep-alives) carry nothing Kotae needs.
    }
    // A stream that never sends a newline must not grow without bound.
    if (this.buffer.length > 1_000_000) this.buffer = '';
    return done;
  }
}

/** The valid live events in a data string; null when it is not one. */
export function parseLiveEvent(data: string): LiveEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = liveEventSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** Reads a live stream until it ends or `signal` aborts, calling `onEvent` for each valid event. */
export async function readLiveStream(body: ReadableStream<Uint8Array>, signal: AbortSignal, onEvent: (event: LiveEvent) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  const stop = () => void reader.cancel().catch(() => {});
  signal.addEventListener('abort', stop, { once: true });
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done || signal.aborted) return;
      for (const data of parser.push(decoder.decode(value, { stream: true }))) {
        if (signal.aborted) return;
        const event = parseLiveEvent(data);
        if (event) onEvent(event);
      }
    }
  } finally {
    signal.removeEventListener('abort', stop);
  }
}
