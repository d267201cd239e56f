import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '@/server/testing';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

test('health and join', async () => {
  expect((await fetch(`${server.url}/health`)).status).toBe(200);
  const session = await server.join(server.adminCode, 'Admin');
  expect(session.member.role).toBe('admin');
  const me = await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${session.token}` } });
  expect(me.status).toBe(200);
});
