// The live stream: `changed` after a push, presence relayed, and across instances on PostgreSQL.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiErrorSchema, type Session } from '@/utils/sync/wire';
import { startTestServer, type TestServer } from '@/server/testing';
import { BACKENDS, call, customerRecord, openLive, put, secondInstance, shaped, uid } from './helpers';

describe.each(BACKENDS)('live on $name', ({ databaseUrl }) => {
  let server: TestServer;
  let admin: Session;
  let agent: Session;
  beforeAll(async () => {
    server = await startTestServer({ databaseUrl });
    admin = await server.join(server.adminCode, 'Ada');
    agent = await server.member('agent', 'Aki');
  });
  afterAll(() => server?.close());

  test('a stream starts with the current seq and hears `changed` after a colleague pushes', async () => {
    const live = await openLive(server.url, admin.token);
    try {
      expect(live.status).toBe(200);
      const start = await live.next((e) => e.type === 'changed');
      const pushed = await call(server.url, 'POST', '/v1/sync/push', {
        token: agent.token,
        body: { clientId: 'client-live', mutations: [put('customer', customerRecord(uid('c')))] },
      });
      const seq = (pushed.json as { results: { seq: number }[] }).results[0]!.seq;
      expect(seq).toBeGreaterThan(start.type === 'changed' ? start.seq : 0);
      await live.next((e) => e.type === 'changed' && e.seq === seq);
    } finally {
      live.close();
    }
  });

  test('presence is relayed to the team, and a stream opened later hears who is still replying', async () => {
    const live = await openLive(server.url, admin.token);
    try {
      const sent = await call(server.url, 'POST', '/v1/presence', { token: agent.token, body: { postKey: 'x:42', replying: true } });
      expect(sent.status).toBe(204);
      const heard = await live.next((e) => e.type === 'presence');
      expect(heard).toMatchObject({ type: 'presence', memberId: agent.member.id, memberName: 'Aki', postKey: 'x:42', replying: true });
      const later = await openLive(server.url, admin.token);
      try {
        await later.next((e) => e.type === 'presence' && e.postKey === 'x:42' && e.replying);
      } finally {
        later.close();
      }
      await call(server.url, 'POST', '/v1/presence', { token: agent.token, body: { postKey: 'x:42', replying: false } });
      await live.next((e) => e.type === 'presence' && !e.replying);
      const bad = await call(server.url, 'POST', '/v1/presence', { token: agent.token, body: { postKey: '', replying: 'yes' } });
      expect(shaped(apiErrorSchema, bad.json).error.code).toBe('invalid');
    } finally {
      live.close();
    }
  });

  test("a disabled member's stream ends with the next event instead of delivering it", async () => {
    const member = await server.member('agent', 'Soon gone');
    const live = await openLive(server.url, member.token);
    await live.next((e) => e.type === 'changed');
    const before = live.events.length;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await call(server.url, 'PATCH', `/v1/members/${member.member.id}`, { token: admin.token, body: { disabled: true } });
    await call(server.url, 'POST', '/v1/sync/push', {
      token: agent.token,
      body: { clientId: 'client-live', mutations: [put('customer', customerRecord(uid('c')))] },
    });
    await expect(live.next(() => false, 3000)).rejects.toThrow('live stream ended');
    expect(live.events.length).toBe(before);
  });

  test("another team's push is not heard", async () => {
    const other = await server.createTeam('Other');
    const otherAdmin = await server.join(other.adminCode, 'Otto');
    const live = await openLive(server.url, admin.token);
    try {
      await live.next((e) => e.type === 'changed');
      const before = live.events.length;
      await call(server.url, 'POST', '/v1/sync/push', {
        token: otherAdmin.token,
        body: { clientId: 'client-other', mutations: [put('customer', customerRecord(uid('c')))] },
      });
      await call(server.url, 'POST', '/v1/presence', { token: otherAdmin.token, body: { postKey: 'x:7', replying: true } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(live.events.slice(before)).toEqual([]);
    } finally {
      live.close();
    }
  });
});

describe('live across two instances on one PostgreSQL', () => {
  const databaseUrl = process.env.DATABASE_URL;
  test.skipIf(!databaseUrl)('a push on instance A reaches a stream on instance B (LISTEN/NOTIFY)', async () => {
    const a = await startTestServer({ databaseUrl });
    const b = await secondInstance(databaseUrl!);
    try {
      const admin = await a.join(a.adminCode, 'Ada');
      const agent = await a.member('agent', 'Aki');
      const onB = await openLive(b.url, admin.token);
      try {
        await onB.next((e) => e.type === 'changed');
        const pushed = await call(a.url, 'POST', '/v1/sync/push', {
          token: agent.token,
          body: { clientId: 'client-a', mutations: [put('customer', customerRecord(uid('c')))] },
        });
        const seq = (pushed.json as { results: { seq: number }[] }).results[0]!.seq;
        await onB.next((e) => e.type === 'changed' && e.seq === seq);
        await call(a.url, 'POST', '/v1/presence', { token: agent.token, body: { postKey: 'x:9', replying: true } });
        await onB.next((e) => e.type === 'presence' && e.postKey === 'x:9');
      } finally {
        onB.close();
      }
    } finally {
      await b.close();
      await a.close();
    }
  });
  if (!databaseUrl) test.skip('needs PostgreSQL: set DATABASE_URL (npm test starts one when its binaries exist)', () => {});
});
