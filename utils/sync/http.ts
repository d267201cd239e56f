/**
 * Typed calls to the team server. Every answer is parsed with its wire schema;
 * every failure becomes a SyncError with a code the popup words for a person.
 */
import type * as z from 'zod/mini';
import { apiErrorSchema, type ApiErrorCode } from './wire';
import type { SyncErrorCode, SyncErrorInfo } from './state';

export type Fetch = typeof fetch;

export class SyncError extends Error {
  override name = 'SyncError';
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }

  info(now: Date): SyncErrorInfo {
    return { code: this.code, message: this.message, retryAfterSeconds: this.retryAfterSeconds, at: now.toISOString() };
  }

  /** Failures that only a person can fix (sign in again, ask an admin): stop retrying. */
  get final(): boolean {
    return this.code === 'unauthorized' || this.code === 'disabled';
  }
}

const CODE_OF: Record<ApiErrorCode, SyncErrorCode> = {
  unauthorized: 'unauthorized',
  disabled: 'disabled',
  forbidden: 'forbidden',
  notFound: 'badAnswer',
  invalid: 'invalid',
  tooLarge: 'tooLarge',
  rateLimited: 'rateLimited',
  inviteUsed: 'inviteUsed',
  internal: 'server',
};

/** The server's address as typed, reduced to what requests are made against (no trailing slash). */
export function normaliseServerUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || url.search || url.hash) return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Plain http is allowed only to this machine (a server started for testing or a demo). */
export function isAllowedServerUrl(serverUrl: string): boolean {
  const url = new URL(serverUrl);
  if (url.protocol === 'https:') return true;
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

function retryAfter(response: Response): number | null {
  const header = response.headers.get('retry-after');
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** The SyncError an unsuccessful answer means. */
export async function errorOf(response: Response): Promise<SyncError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's error page): the status code has to do.
  }
  const parsed = apiErrorSchema.safeParse(body);
  const wait = retryAfter(response);
  if (parsed.success) {
    const { code, message } = parsed.data.error;
    return new SyncError(CODE_OF[code], message.slice(0, 300), code === 'rateLimited' ? (wait ?? 60) : null);
  }
  if (response.status === 401) return new SyncError('unauthorized', 'Signed out');
  if (response.status === 429) return new SyncError('rateLimited', 'Too many requests', wait ?? 60);
  if (response.status === 413) return new SyncError('tooLarge', 'Request too large');
  if (response.status >= 500) return new SyncError('server', `Server error ${response.status}`);
  return new SyncError('badAnswer', `Unexpected answer ${response.status}: not a Kotae team server?`);
}

export interface ServerClient {
  /** A request whose answer must match `schema`. */
  call<S extends z.ZodMiniType>(
    method: 'GET' | 'POST',
    path: string,
    options: { schema: S; body?: unknown; query?: Record<string, string> },
  ): Promise<z.output<S>>;
  /** The raw response of a streaming request (the live signal); failures already mapped. */
  stream(path: string, signal: AbortSignal): Promise<Response>;
}

const REQUEST_TIMEOUT_MS = 30_000;

export function serverClient(fetchImpl: Fetch, serverUrl: string, token: string | null): ServerClient {
  const headers = (extra: Record<string, string>) => ({
    ...extra,
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });
  const send = async (url: string, init: RequestInit): Promise<Response> => {
    let response: Response;
    try {
      response = await fetchImpl(url, init);
    } catch (error) {
      if (init.signal?.aborted && (init.signal.reason as Error | undefined)?.name !== 'TimeoutError') throw error;
      throw new SyncError('unreachable', `The server at ${serverUrl} could not be reached: ${String(error)}`.slice(0, 300));
    }
    if (!response.ok) throw await errorOf(response);
    return response;
  };
  return {
    async call(method, path, { schema, body, query }) {
      const url = `${serverUrl}${path}${query ? `?${new URLSearchParams(query).toString()}` : ''}`;
      const response = await send(url, {
        method,
        headers: headers(body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' }),
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      let json: unknown;
      try {
        json = await response.json();
      } catch {
        throw new SyncError('badAnswer', `The answer to ${path} is not JSON`);
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new SyncError('badAnswer', `The answer to ${path} does not match the contract`);
      return parsed.data;
    },
    stream(path, signal) {
      return send(`${serverUrl}${path}`, { method: 'GET', headers: headers({ accept: 'text/event-stream' }), signal });
    },
  };
}
