/** HTTP helpers for the server tests: calls, record builders, a live-stream reader and second instances. */
import * as z from 'zod/mini';
import { afterAll, beforeAll, expect } from 'vitest';
import { liveEventSchema, pullResponseSchema, pushResponseSchema, type Change, type LiveEvent, type Mutation, type Session } from '@/utils/sync/wire';
import type { Note } from '@/utils/model';
import { createApp } from '@/server/app';
import { openDatabase } from '@/server/db/open';
import { readEnv } from '@/server/env';
import { createPostgresHub } from '@/server/live';
import { listen } from '@/server/serve';
import { startTestServer, type TestServer } from '@/server/testing';

/** Backends every suite runs on: PGlite always, PostgreSQL when DATABASE_URL is set. */
export const BACKENDS: { name: string; databaseUrl?: string }[] = [
  { name: 'pglite' },
  ...(process.env.DATABASE_URL ? [{ name: 'postgres', databaseUrl: process.env.DATABASE_URL }] : []),
];

export interface Answer {
  status: number;
  json: unknown;
  headers: Headers;
}

export async function call(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${base}${path}`, { method, headers, body });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: response.status, json, headers: response.headers };
}

/** Asserts an answer matches a wire schema and gives it typed. */
export function shaped<T>(schema: z.ZodMiniType<T>, value: unknown): T {
  const parsed = z.safeParse(schema, value);
  if (!parsed.success) throw new Error(`answer does not match its schema: ${JSON.stringify(parsed.error.issues)}\n${JSON.stringify(value)}`);
  return parsed.data;
}

let counter = 0;
export function uid(prefix = 'id'): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter.toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

export function noteRecord(id: string, body: string, extra: Partial<Note> = {}): Note {
  const at = '2026-01-01T00:00:00.000Z';
  return {
    id,
    customerId: 'c1',
    body,
    authorId: 'someone-else',
    authorName: 'Client says',
    postKey: null,
    createdAt: at,
    updatedAt: at,
    deletedAt: null,
    ...extra,
  };
}

export function customerRecord(id: string, displayName = 'Alice', updatedAt = '2026-01-01T00:00:00.000Z') {
  return { id, displayName, status: 'open', createdAt: '2026-01-01T00:00:00.000Z', updatedAt, mergedInto: null };
}

export function put<T extends { id: string }>(entity: Mutation['entity'], data: T, mutationId = uid('m')): Mutation {
  return { mutationId, entity, id: data.id, op: 'put', data };
}

/** Pushes as a member; answers the per-mutation results. */
export async function pushAs(base: string, session: Session, mutations: Mutation[], clientId = `client-${session.member.id.slice(2, 10)}`) {
  const answer = await call(base, 'POST', '/v1/sync/push', { token: session.token, body: { clientId, mutations } });
  expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  return shaped(pushResponseSchema, answer.json).results;
}

/** Pulls every page above `after` as a member; answers all changes and the last cursor. */
export async function pullAll(base: string, session: Session, after = 0, limit?: number) {
  const all: Change[] = [];
  let cursor = after;
  for (;;) {
    const answer = await call(base, 'GET', `/v1/sync/pull?after=${cursor}${limit ? `&limit=${limit}` : ''}`, { token: session.token });
    expect(answer.status).toBe(200);
    const page = shaped(pullResponseSchema, answer.json);
    all.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return { changes: all, cursor };
  }
}

/** Reads a live (SSE) stream with fetch, as the extension does. */
export async function openLive(base: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(`${base}/v1/sync/live`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  const events: LiveEvent[] = [];
  const waiters = new Set<() => void>();
  let ended = false;
  if (response.ok && response.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let split: number;
          while ((split = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, split);
            buffer = buffer.slice(split + 2);
            const data = block
              .split('\n')
              .filter((line) => line.startsWith('data:'))
              .map((line) => line.slice(5).trim())
              .join('\n');
            if (data) {
              events.push(shaped(liveEventSchema, JSON.parse(data)));
              for (const wake of waiters) wake();
            }
          }
        }
      } catch {
        // aborted
      }
      ended = true;
      for (const wake of waiters) wake();
    })();
  }
  return {
    status: response.status,
    events,
    /** Waits for an event that matches. */
    async next(match: (event: LiveEvent) => boolean, timeoutMs = 5000): Promise<LiveEvent> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find(match);
        if (found) return found;
        if (ended) throw new Error('live stream ended');
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching live event; got ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, left);
          waiters.add(wake);
        });
      }
    },
    close: () => controller.abort(),
  };
}

/**
 * Another server instance on the same PostgreSQL (its own pool and LISTEN connection),
 * as a second process would run it; sync rate limits raised for tests that push a lot.
 */
export async function secondInstance(databaseUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const database = await openDatabase({ databaseUrl });
  const hub = await createPostgresHub(databaseUrl);
  const server = await listen(createApp({ db: database.db, env: { ...readEnv({}), SYNC_RATE_PER_MINUTE: 1_000_000 }, live: hub }), { port: 0, hostname: '127.0.0.1' });
  return {
    url: `http://127.0.0.1:${server.port}`,
    async close() {
      await server.close();
      await hub.close();
      await database.close();
    },
  };
}

/** Two instances on one PostgreSQL, and the team's admin (joined through `a`). */
export interface InstancePair {
  a: TestServer;
  bUrl: string;
  admin: Session;
}

/**
 * Starts two instances on the PostgreSQL at `databaseUrl` before the surrounding describe
 * block's tests and closes them after; without a URL it starts nothing (those tests skip).
 * Read the fields inside the tests: they are filled in before the first one runs.
 */
export function twoInstances(databaseUrl: string | undefined): InstancePair {
  const pair = {} as InstancePair;
  let second: Awaited<ReturnType<typeof secondInstance>> | undefined;
  beforeAll(async () => {
    if (!databaseUrl) return;
    pair.a = await startTestServer({ databaseUrl });
    second = await secondInstance(databaseUrl);
    pair.bUrl = second.url;
    pair.admin = await pair.a.join(pair.a.adminCode, 'Ada');
  });
  afterAll(async () => {
    await second?.close();
    await pair.a?.close();
  });
  return pair;
}
