// A server restarted in the middle of a pull: the cursor carries on, nothing lost or repeated.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pullResponseSchema, pushResponseSchema, type Change, type Session } from '@/utils/sync/wire';
import { startTestServer, type TestServer } from '@/server/testing';
import { call, customerRecord, put, shaped, uid } from './helpers';

let server: TestServer;
let agent: Session;
beforeAll(async () => {
  server = await startTestServer();
  agent = await server.join(server.adminCode, 'Ada');
});
afterAll(() => server?.close());

async function pushCustomers(ids: string[], name: string) {
  const answer = await call(server.url, 'POST', '/v1/sync/push', {
    token: agent.token,
    body: { clientId: 'client-restart', mutations: ids.map((id) => put('customer', customerRecord(id, name))) },
  });
  expect(shaped(pushResponseSchema, answer.json).results.every((r) => r.status === 'applied')).toBe(true);
}

async function page(after: number) {
  const answer = await call(server.url, 'GET', `/v1/sync/pull?after=${after}&limit=10`, { token: agent.token });
  expect(answer.status).toBe(200);
  return shaped(pullResponseSchema, answer.json);
}

test('pulling across a restart (on-disk PGlite) misses and repeats nothing', async () => {
  const ids = Array.from({ length: 35 }, () => uid('c'));
  await pushCustomers(ids, 'Before');
  const pulled: Change[] = [];
  const first = await page(0);
  pulled.push(...first.changes);
  expect(first.hasMore).toBe(true);

  await server.restart();
  // Work goes on while the device is between pages: edits to records pulled already and to ones not yet.
  await pushCustomers([ids[0]!, ids[30]!], 'After');
  const late = uid('c');
  await pushCustomers([late], 'New');

  let cursor = first.cursor;
  for (;;) {
    const next = await page(cursor);
    pulled.push(...next.changes);
    cursor = next.cursor;
    if (!next.hasMore) break;
  }
  const seqs = pulled.map((c) => c.seq);
  expect(new Set(seqs).size).toBe(seqs.length);
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  const state = new Map(pulled.map((c) => [c.id, (c.data as { displayName: string }).displayName]));
  expect(state.size).toBe(36);
  expect(state.get(ids[0]!)).toBe('After');
  expect(state.get(ids[30]!)).toBe('After');
  expect(state.get(late)).toBe('New');
  // A device pulling from scratch now ends with the same records.
  const fresh = await page(0);
  expect(fresh.hasMore).toBe(true);
  const me = await call(server.url, 'GET', '/v1/me', { token: agent.token });
  expect(me.status).toBe(200);
});
