// The OpenAPI document lists every route; fuzzed bodies and queries never make the server fail.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { apiErrorSchema, ROUTES, type Session } from '@/utils/sync/wire';
import { createApp } from '@/server/app';
import type { Db } from '@/server/db/open';
import { readEnv } from '@/server/env';
import { createLocalHub } from '@/server/live';
import { openApiPath } from '@/server/openapi';
import { ROUTE_TABLE } from '@/server/routes';
import { startTestServer, type TestServer } from '@/server/testing';
import { customerRecord, noteRecord, shaped, uid } from './helpers';

let server: TestServer;
let admin: Session;
let agent: Session;
beforeAll(async () => {
  server = await startTestServer();
  admin = await server.join(server.adminCode, 'Ada');
  agent = await server.member('agent', 'Aki');
});
afterAll(() => server?.close());

test('GET /openapi.json describes every route of the app, and only those', async () => {
  const answer = await fetch(`${server.url}/openapi.json`);
  expect(answer.status).toBe(200);
  const doc = (await answer.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
  expect(doc.openapi).toBe('3.1.0');
  const documented = Object.entries(doc.paths)
    .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
  const served = server.app.routes
    .filter((route) => route.method !== 'ALL')
    .map((route) => `${route.method} ${openApiPath(route.path)}`)
    .sort();
  expect(documented).toEqual(served);
  expect(new Set(Object.keys(doc.paths))).toEqual(new Set(Object.values(ROUTES).map(openApiPath)));
  const push = doc.paths['/v1/sync/push']?.post as { requestBody: { content: { 'application/json': { schema: { properties: object } } } } };
  expect(Object.keys(push.requestBody.content['application/json'].schema.properties)).toEqual(['clientId', 'mutations']);
});

test('unknown paths answer notFound in the error shape', async () => {
  const answer = await fetch(`${server.url}/v1/nothing`);
  expect(answer.status).toBe(404);
  expect(shaped(apiErrorSchema, await answer.json()).error.code).toBe('notFound');
});

const fuzzRuns = 25;

/** JSON values, and values near the real shapes (valid-looking keys, wrong or odd values). */
const nearMutation = fc.record(
  {
    mutationId: fc.oneof(fc.string(), fc.stringMatching(/^[A-Za-z0-9_-]{8,12}$/)),
    entity: fc.constantFrom('customer', 'identity', 'note', 'tag', 'interaction', 'template', 'settings', 'other'),
    id: fc.oneof(fc.string(), fc.constant('team')),
    op: fc.constantFrom('put', 'delete', 'patch'),
    data: fc.oneof(fc.jsonValue(), fc.constant(customerRecord(uid('c'))), fc.constant(noteRecord(uid('n'), 'hi')), fc.constant(null)),
  },
  { requiredKeys: [] },
);
const bodies = fc.oneof(
  fc.jsonValue(),
  fc.record({ clientId: fc.oneof(fc.string(), fc.constant('client-fuzz')), mutations: fc.array(nearMutation, { maxLength: 5 }) }, { requiredKeys: [] }),
  fc.record({ code: fc.string(), name: fc.string(), role: fc.string(), disabled: fc.jsonValue(), postKey: fc.string(), replying: fc.jsonValue() }, { requiredKeys: [] }),
);

async function expectNoFailure(response: Response, what: string) {
  expect(response.status, what).toBeLessThan(500);
  if (response.status >= 400) shaped(apiErrorSchema, await response.json());
  else await response.body?.cancel();
}

test('fuzzed JSON bodies to every route never make a 5xx', async () => {
  const withBody = ROUTE_TABLE.filter((route) => route.method !== 'get');
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...withBody), bodies, fc.boolean(), async (route, body, signedIn) => {
      // Signing out would end the fuzzing session itself: use a throw-away token for it.
      const token = route.path === ROUTES.signOut ? (await server.member('agent')).token : admin.token;
      const path = route.path.replace(':memberId', agent.member.id);
      const response = await server.app.request(path, {
        method: route.method.toUpperCase(),
        headers: { 'content-type': 'application/json', ...(signedIn ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      await expectNoFailure(response, `${route.method} ${path} ${JSON.stringify(body).slice(0, 200)}`);
    }),
    { numRuns: fuzzRuns * withBody.length },
  );
  // The agent was patched by the fuzzer: its admin is still there and working.
  expect((await server.app.request('/v1/me', { headers: { authorization: `Bearer ${admin.token}` } })).status).toBe(200);
});

test('fuzzed raw bodies, member ids and queries never make a 5xx', async () => {
  const paths = fc.oneof(
    fc.string().map((s) => `/v1/sync/pull?${s}`),
    fc.record({ after: fc.oneof(fc.string(), fc.nat().map(String)), limit: fc.oneof(fc.string(), fc.nat().map(String)) }, { requiredKeys: [] }).map(
      (q) => `/v1/sync/pull?${new URLSearchParams(q as Record<string, string>).toString()}`,
    ),
    fc.string().map((s) => `/v1/members/${encodeURIComponent(s)}`),
  );
  await fc.assert(
    fc.asyncProperty(paths, fc.string(), async (path, raw) => {
      const isMember = path.startsWith('/v1/members/');
      const response = await server.app.request(path, {
        method: isMember ? 'PATCH' : 'GET',
        headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
        body: isMember ? raw : undefined,
      });
      await expectNoFailure(response, path);
    }),
    { numRuns: fuzzRuns * 4 },
  );
});

test('fuzzed tokens never make a 5xx', async () => {
  await fc.assert(
    fc.asyncProperty(fc.string(), fc.constantFrom(...ROUTE_TABLE.filter((r) => r.access !== 'public')), async (token, route) => {
      let response: Response;
      try {
        response = await server.app.request(route.path.replace(':memberId', 'm_x'), {
          method: route.method.toUpperCase(),
          headers: { authorization: `Bearer ${token}` },
        });
      } catch (error) {
        // A header value fetch itself refuses (control characters) never reaches a server.
        if (error instanceof TypeError) return;
        throw error;
      }
      expect(response.status).toBe(401);
      shaped(apiErrorSchema, await response.json());
    }),
    { numRuns: fuzzRuns * 2 },
  );
  const bad = await server.app.request('/v1/sync/push', { method: 'POST', headers: { authorization: `Bearer ${uid('kt_')}` }, body: '{}' });
  expect(bad.status).toBe(401);
});

test('a failure inside the server answers `internal` with a plain sentence; the stack goes only to the log', async () => {
  const log = vi.spyOn(console, 'error').mockImplementation(() => {});
  const broken = new Proxy({}, {
    get() {
      throw new Error('database exploded at /secret/path.ts:12:34');
    },
  }) as Db;
  const app = createApp({ db: broken, env: readEnv({}), live: createLocalHub() });
  const response = await app.request('/v1/me', { headers: { authorization: `Bearer ${admin.token}` } });
  expect(response.status).toBe(500);
  const text = await response.text();
  expect(shaped(apiErrorSchema, JSON.parse(text)).error.code).toBe('internal');
  expect(text).not.toMatch(/exploded|secret|\.ts|at /);
  expect(log).toHaveBeenCalled();
});
