/**
 * The team server as a Hono app. Everything it needs comes in as arguments (the
 * database, settings, a clock, the live hub): no globals, so tests run several.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import * as z from 'zod/mini';
import { MAX_BODY_BYTES } from '@/utils/sync/wire';
import { authenticateHash, CallerMemory, hashSecret, StaleCaller, type Caller } from './auth';
import type { Db } from './db/open';
import type { Env } from './env';
import { errorResponse, HttpFailure } from './http';
import type { LiveHub } from './live';
import { createRateLimiter } from './rate-limit';
import { ROUTE_TABLE } from './routes';
import type { AnyRoute, AppContext, AppDeps, AppEnv } from './routes/table';

export interface AppOptions {
  db: Db;
  env: Env;
  live: LiveHub;
  now?: () => Date;
}

export function createApp(options: AppOptions) {
  const now = options.now ?? (() => new Date());
  const deps: AppDeps = {
    db: options.db,
    env: options.env,
    now,
    live: options.live,
    joinLimiter: createRateLimiter(options.env.JOIN_RATE_PER_MINUTE, now),
    memberLimiter: createRateLimiter(options.env.SYNC_RATE_PER_MINUTE, now),
    callers: new CallerMemory(),
  };
  const app = new Hono<AppEnv>();

  app.onError((error, c) => {
    if (error instanceof HttpFailure) return errorResponse(error.code, error.message, error.headers);
    if (error instanceof HTTPException && error.status < 500) {
      return errorResponse(error.status === 413 ? 'tooLarge' : 'invalid', error.status === 413 ? 'The request is too large.' : 'The request was not understood.');
    }
    // The stack stays in the server's log; the answer says only that something failed.
    console.error(`${c.req.method} ${c.req.path} failed:`, error);
    return errorResponse('internal', 'Something went wrong on the server. Try again later.');
  });
  app.notFound(() => errorResponse('notFound', 'There is nothing here.'));

  // The extension calls from its own origin with a bearer token (no cookies): any origin may ask.
  app.use('*', cors({ origin: '*', allowHeaders: ['Authorization', 'Content-Type'], allowMethods: ['GET', 'POST', 'PATCH'], maxAge: 600 }));
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => errorResponse('tooLarge', `The request body is larger than ${MAX_BODY_BYTES} bytes.`),
    }),
  );

  for (const route of ROUTE_TABLE) app.on(route.method.toUpperCase(), route.path, (c) => runRoute(c, route));
  return app;
}

export type App = ReturnType<typeof createApp>;

function clientAddress(c: AppContext): string {
  if (c.var.deps.env.TRUST_PROXY) {
    // Only the address our own proxy appended is trustworthy; earlier entries are the client's word.
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function limited(retryAfter: number): HttpFailure {
  return new HttpFailure('rateLimited', `Too many requests: try again in ${retryAfter} s.`, { 'Retry-After': String(retryAfter) });
}

function describeIssues(error: z.core.$ZodError): string {
  const issues = error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
  return `The request has the wrong shape. ${issues.join('; ')}`;
}

async function runRoute(c: AppContext, route: AnyRoute): Promise<Response> {
  const { deps } = c.var;
  if (route.rateLimit === 'join') {
    const wait = deps.joinLimiter.take(`join:${clientAddress(c)}`);
    if (wait !== null) throw limited(wait);
  }
  let tokenHash: string | null = null;
  if (route.access !== 'public') {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9_-]{1,400})$/i.exec(header.trim());
    if (!match?.[1]) throw new HttpFailure('unauthorized', 'Sign in first: this needs a bearer token.');
    tokenHash = hashSecret(match[1]);
    const remembered = route.checksToken ? deps.callers.get(tokenHash) : undefined;
    const caller = remembered ?? (await lookUpCaller(c, route, tokenHash));
    if (route.access === 'admin' && caller.member.role !== 'admin') throw new HttpFailure('forbidden', 'Only admins may do this.');
    const wait = deps.memberLimiter.take(`member:${caller.member.id}`);
    if (wait !== null) throw limited(wait);
    c.set('caller', caller);
    c.set('callerChecked', !remembered);
  }
  let body: unknown = undefined;
  if (route.body) {
    let raw: unknown;
    try {
      raw = JSON.parse(await c.req.text());
    } catch (error) {
      if (error instanceof HTTPException) throw error;
      throw new HttpFailure('invalid', 'The request body is not JSON.');
    }
    const parsed = z.safeParse(route.body, raw);
    if (!parsed.success) throw new HttpFailure('invalid', describeIssues(parsed.error));
    body = parsed.data;
  }
  let query: unknown = undefined;
  if (route.query) {
    const parsed = z.safeParse(route.query, c.req.query());
    if (!parsed.success) throw new HttpFailure('invalid', describeIssues(parsed.error));
    query = parsed.data;
  }
  try {
    return await route.handle(c, { body, query });
  } catch (error) {
    if (!(error instanceof StaleCaller) || !tokenHash) throw error;
    // The remembered caller changed (disabled, signed out, a new role): once more, looked up afresh.
    c.set('caller', await lookUpCaller(c, route, tokenHash));
    c.set('callerChecked', true);
    if (route.access === 'admin' && c.var.caller.member.role !== 'admin') throw new HttpFailure('forbidden', 'Only admins may do this.');
    return route.handle(c, { body, query });
  }
}

/** The caller read from the database (and remembered, for routes that check tokens themselves); refusals thrown. */
async function lookUpCaller(c: AppContext, route: AnyRoute, tokenHash: string): Promise<Caller> {
  const { deps } = c.var;
  const caller = await authenticateHash(deps.db, tokenHash);
  if (caller === 'unknown' || caller === 'disabled') {
    deps.callers.forget(tokenHash);
    if (caller === 'unknown') throw new HttpFailure('unauthorized', 'This token is not valid (signed out, or never issued). Sign in again.');
    throw new HttpFailure('disabled', 'An admin has disabled this member.');
  }
  if (route.checksToken) deps.callers.set(caller);
  return caller;
}
