/**
 * One entry per route: the app registers handlers from these entries and the
 * OpenAPI document is built from the same entries, so the two cannot drift apart.
 */
import type { Context } from 'hono';
import type { $ZodType } from 'zod/v4/core';
import type { Env } from '../env';
import type { Caller, CallerMemory } from '../auth';
import type { Db } from '../db/open';
import type { LiveHub } from '../live';
import type { RateLimiter } from '../rate-limit';

export interface AppDeps {
  db: Db;
  env: Env;
  now: () => Date;
  live: LiveHub;
  joinLimiter: RateLimiter;
  memberLimiter: RateLimiter;
  /** Who tokens belong to, for routes that check tokens within their own statements. */
  callers: CallerMemory;
}

/** `callerChecked`: the token was found valid during this request (else the route checks it itself). */
export type AppEnv = { Variables: { deps: AppDeps; caller: Caller; callerChecked: boolean } };
export type AppContext = Context<AppEnv>;

export interface RouteDef<B, Q> {
  method: 'get' | 'post' | 'patch';
  /** Hono's form: `/v1/members/:memberId`. */
  path: string;
  summary: string;
  /** `member`: any enabled member's bearer token; `admin`: an admin's. */
  access: 'public' | 'member' | 'admin';
  /**
   * The handler checks the token within its own statements unless `callerChecked`, and throws
   * StaleCaller when it is no longer valid: the caller may then come from memory, not a query.
   */
  checksToken?: boolean;
  /** Public routes limited per client address; every signed-in route is limited per member. */
  rateLimit?: 'join';
  body?: $ZodType<B>;
  query?: $ZodType<Q>;
  answer: { status: 200 | 201 | 204; schema?: $ZodType; stream?: boolean; description: string };
  /** Error codes this route may answer besides the ones every route may (`internal`, `rateLimited` …). */
  errors: readonly string[];
  handle(c: AppContext, input: { body: B; query: Q }): Response | Promise<Response>;
}

// Each route keeps its own body and query types; the table holds them all.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteDef<any, any>;

export function defineRoute<B = undefined, Q = undefined>(def: RouteDef<B, Q>): AnyRoute {
  return def;
}
