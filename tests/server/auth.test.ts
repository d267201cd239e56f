// Who may call what: tokens, disabled members, roles, other teams, invites.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiErrorSchema, inviteSchema, memberListSchema, memberSchema, meSchema, pullResponseSchema, pushResponseSchema, sessionSchema, type Session } from '@/utils/sync/wire';
import { createApp } from '@/server/app';
import { readEnv } from '@/server/env';
import { createLocalHub } from '@/server/live';
import { startTestServer, type TestServer } from '@/server/testing';
import { BACKENDS, call, customerRecord, noteRecord, put, shaped, uid } from './helpers';

describe.each(BACKENDS)('access on $name', ({ databaseUrl }) => {
  let server: TestServer;
  let admin: Session;
  let agent: Session;
  let disabled: Session;
  let otherAdmin: Session;

  /** Moves this server's clock (invites expire by it). */
  let clockOffsetMs = 0;

  beforeAll(async () => {
    server = await startTestServer({ databaseUrl, now: () => new Date(Date.now() + clockOffsetMs) });
    admin = shaped(sessionSchema, await server.join(server.adminCode, 'Ada Admin'));
    agent = await server.member('agent', 'Aki Agent');
    disabled = await server.member('agent', 'Dee Disabled');
    const patched = await call(server.url, 'PATCH', `/v1/members/${disabled.member.id}`, { token: admin.token, body: { disabled: true } });
    expect(patched.status).toBe(200);
    const other = await server.createTeam('Other team');
    otherAdmin = await server.join(other.adminCode, 'Otto Other');
  });
  afterAll(() => server?.close());

  /** Every signed-in route, called with a body and query it would accept. */
  const ROUTES = () => [
    { method: 'GET', path: '/v1/me' },
    { method: 'POST', path: '/v1/signout' },
    { method: 'GET', path: '/v1/members', admin: true },
    { method: 'PATCH', path: `/v1/members/${agent.member.id}`, body: { role: 'agent' }, admin: true },
    { method: 'POST', path: '/v1/invites', body: { role: 'agent' }, admin: true },
    { method: 'POST', path: '/v1/sync/push', body: { clientId: 'client-aaaa', mutations: [put('customer', customerRecord(uid('c')))] } },
    { method: 'GET', path: '/v1/sync/pull?after=0' },
    { method: 'GET', path: '/v1/sync/live' },
    { method: 'POST', path: '/v1/presence', body: { postKey: 'x:1', replying: true } },
  ];

  test('no token, an unknown token, a malformed header and a disabled member are refused on every signed-in route', async () => {
    for (const route of ROUTES()) {
      const cases: [string | undefined, Record<string, string>, number, string][] = [
        [undefined, {}, 401, 'unauthorized'],
        [`kt_${'x'.repeat(43)}`, {}, 401, 'unauthorized'],
        [undefined, { authorization: `Basic ${agent.token}` }, 401, 'unauthorized'],
        [disabled.token, {}, 403, 'disabled'],
      ];
      for (const [token, headers, status, code] of cases) {
        const answer = await call(server.url, route.method, route.path, { token, headers, body: route.body });
        expect(answer.status, `${route.method} ${route.path} ${code}`).toBe(status);
        expect(shaped(apiErrorSchema, answer.json).error.code).toBe(code);
      }
    }
  });

  test('admin routes refuse agents and supervisors', async () => {
    const supervisor = await server.member('supervisor');
    for (const route of ROUTES().filter((r) => r.admin)) {
      for (const token of [agent.token, supervisor.token]) {
        const answer = await call(server.url, route.method, route.path, { token, body: route.body });
        expect(answer.status, `${route.method} ${route.path}`).toBe(403);
        expect(shaped(apiErrorSchema, answer.json).error.code).toBe('forbidden');
      }
    }
  });

  test("another team's admin sees only their team and cannot touch this team's members or records", async () => {
    const me = shaped(meSchema, (await call(server.url, 'GET', '/v1/me', { token: otherAdmin.token })).json);
    expect(me.team.id).not.toBe(server.teamId);
    const list = shaped(memberListSchema, (await call(server.url, 'GET', '/v1/members', { token: otherAdmin.token })).json);
    expect(list.members.map((m) => m.id)).toEqual([otherAdmin.member.id]);
    for (const body of [{ disabled: true }, { role: 'admin' }]) {
      const answer = await call(server.url, 'PATCH', `/v1/members/${agent.member.id}`, { token: otherAdmin.token, body });
      expect(answer.status).toBe(404);
      expect(shaped(apiErrorSchema, answer.json).error.code).toBe('notFound');
    }
    // This team's note and template ids (random, made by a client), pushed by the other team: refused, and nothing changes here.
    const note = noteRecord(uid('n'), 'Ours');
    const ours = shaped(pushResponseSchema, (await call(server.url, 'POST', '/v1/sync/push', { token: agent.token, body: { clientId: 'client-ours', mutations: [put('note', note)] } })).json);
    expect(ours.results[0]?.status).toBe('applied');
    const theirs = await call(server.url, 'POST', '/v1/sync/push', {
      token: otherAdmin.token,
      body: { clientId: 'client-theirs', mutations: [put('note', { ...note, body: 'Stolen' }), { ...put('note', note), op: 'delete', data: null }] },
    });
    expect(theirs.status).toBe(200);
    expect(shaped(pushResponseSchema, theirs.json).results.map((r) => [r.status, r.reason])).toEqual([
      ['rejected', 'otherTeam'],
      ['rejected', 'otherTeam'],
    ]);
    const pulledByThem = shaped(pullResponseSchema, (await call(server.url, 'GET', '/v1/sync/pull?after=0', { token: otherAdmin.token })).json);
    expect(pulledByThem.changes.map((c) => c.id)).not.toContain(note.id);
    const pulledByUs = shaped(pullResponseSchema, (await call(server.url, 'GET', '/v1/sync/pull?after=0', { token: agent.token })).json);
    expect(pulledByUs.changes.find((c) => c.id === note.id)?.data).toMatchObject({ body: 'Ours' });
  });

  test('records named after things in the world (a customer seen on X, the team settings) are per team', async () => {
    const customer = customerRecord(`c:x:${uid('alice')}`, 'Ours');
    await call(server.url, 'POST', '/v1/sync/push', { token: agent.token, body: { clientId: 'client-ours', mutations: [put('customer', customer)] } });
    const theirs = await call(server.url, 'POST', '/v1/sync/push', {
      token: otherAdmin.token,
      body: { clientId: 'client-theirs', mutations: [put('customer', { ...customer, displayName: 'Theirs' })] },
    });
    expect(shaped(pushResponseSchema, theirs.json).results[0]?.status).toBe('applied');
    const ourView = shaped(pullResponseSchema, (await call(server.url, 'GET', '/v1/sync/pull?after=0', { token: agent.token })).json);
    const theirView = shaped(pullResponseSchema, (await call(server.url, 'GET', '/v1/sync/pull?after=0', { token: otherAdmin.token })).json);
    expect(ourView.changes.find((c) => c.id === customer.id)?.data).toMatchObject({ displayName: 'Ours' });
    expect(theirView.changes.find((c) => c.id === customer.id)?.data).toMatchObject({ displayName: 'Theirs' });
  });

  test('a disabled member is refused on the very next request, and enabled again works', async () => {
    const member = await server.member('agent');
    expect((await call(server.url, 'GET', '/v1/me', { token: member.token })).status).toBe(200);
    await call(server.url, 'PATCH', `/v1/members/${member.member.id}`, { token: admin.token, body: { disabled: true } });
    expect((await call(server.url, 'GET', '/v1/sync/pull?after=0', { token: member.token })).status).toBe(403);
    const back = await call(server.url, 'PATCH', `/v1/members/${member.member.id}`, { token: admin.token, body: { disabled: false } });
    expect(shaped(memberSchema, back.json).disabled).toBe(false);
    expect((await call(server.url, 'GET', '/v1/me', { token: member.token })).status).toBe(200);
  });

  test('sign-out revokes only the calling token', async () => {
    const member = await server.member('agent');
    const out = await call(server.url, 'POST', '/v1/signout', { token: member.token });
    expect(out.status).toBe(204);
    const after = await call(server.url, 'GET', '/v1/me', { token: member.token });
    expect(after.status).toBe(401);
    expect((await call(server.url, 'GET', '/v1/me', { token: admin.token })).status).toBe(200);
  });

  test('admins invite with a role; the code joins once, as that role; roles change', async () => {
    const invite = shaped(inviteSchema, (await call(server.url, 'POST', '/v1/invites', { token: admin.token, body: { role: 'supervisor' } })).json);
    expect(invite.role).toBe('supervisor');
    const first = await call(server.url, 'POST', '/v1/join', { body: { code: invite.code.toLowerCase(), name: 'Sue' } });
    const session = shaped(sessionSchema, first.json);
    expect(session.member.role).toBe('supervisor');
    expect(session.team.id).toBe(server.teamId);
    const again = await call(server.url, 'POST', '/v1/join', { body: { code: invite.code, name: 'Sue again' } });
    expect(again.status).toBe(410);
    expect(shaped(apiErrorSchema, again.json).error.code).toBe('inviteUsed');
    const promoted = await call(server.url, 'PATCH', `/v1/members/${session.member.id}`, { token: admin.token, body: { role: 'admin' } });
    expect(shaped(memberSchema, promoted.json).role).toBe('admin');
    const me = shaped(meSchema, (await call(server.url, 'GET', '/v1/me', { token: session.token })).json);
    expect(me.member.role).toBe('admin');
  });

  test('an invite is used once even when many joins race for it', async () => {
    const invite = await server.invite(server.teamId, 'agent');
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => call(server.url, 'POST', '/v1/join', { body: { code: invite.code, name: `Racer ${i}` } })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 410)).toHaveLength(7);
  });

  test('expired and unknown codes are refused alike', async () => {
    const invite = await server.invite(server.teamId, 'agent');
    clockOffsetMs = Date.parse(invite.expiresAt) - Date.now() + 1000;
    try {
      for (const code of [invite.code, 'NOPE-NOPE-NOPE-NOPE']) {
        const answer = await call(server.url, 'POST', '/v1/join', { body: { code, name: 'Late' } });
        expect(answer.status).toBe(410);
        expect(shaped(apiErrorSchema, answer.json).error.code).toBe('inviteUsed');
      }
    } finally {
      clockOffsetMs = 0;
    }
    // Still unused, so before its expiry it works.
    expect((await call(server.url, 'POST', '/v1/join', { body: { code: invite.code, name: 'In time' } })).status).toBe(200);
  });

  test('the last enabled admin cannot demote or disable themselves', async () => {
    const fresh = await server.createTeam('Solo');
    const solo = await server.join(fresh.adminCode, 'Solo Admin');
    for (const body of [{ role: 'agent' }, { disabled: true }]) {
      const answer = await call(server.url, 'PATCH', `/v1/members/${solo.member.id}`, { token: solo.token, body });
      expect(answer.status).toBe(403);
      expect(shaped(apiErrorSchema, answer.json).error.code).toBe('forbidden');
    }
  });

  test('tokens and invite codes are stored only as hashes', async () => {
    const member = await server.member('agent');
    const invite = await server.invite(server.teamId, 'agent');
    const { tokens, invites } = await import('@/server/db/schema');
    const tokenRows = await server.db.select().from(tokens);
    const inviteRows = await server.db.select().from(invites);
    const stored = JSON.stringify([tokenRows, inviteRows]);
    expect(stored).not.toContain(member.token);
    expect(stored).not.toContain(invite.code);
    expect(tokenRows.every((row) => /^[0-9a-f]{64}$/.test(row.tokenHash))).toBe(true);
  });

  test('joins are rate-limited per client address and sync per member, with Retry-After', async () => {
    let clock = new Date('2026-03-01T00:00:00Z');
    const env = { ...readEnv({}), JOIN_RATE_PER_MINUTE: 3, SYNC_RATE_PER_MINUTE: 5, TRUST_PROXY: true };
    const app = createApp({ db: server.db, env, live: createLocalHub(), now: () => clock });
    const join = (ip: string) =>
      app.request('/v1/join', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.0.9, ${ip}` },
        body: JSON.stringify({ code: 'NOPE-NOPE-NOPE-NOPE', name: 'Guess' }),
      });
    for (let i = 0; i < 3; i++) expect((await join('192.0.2.1')).status).toBe(410);
    const limited = await join('192.0.2.1');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(shaped(apiErrorSchema, await limited.json()).error.code).toBe('rateLimited');
    expect((await join('192.0.2.2')).status).toBe(410);

    const pull = (token: string) => app.request('/v1/sync/pull?after=0', { headers: { authorization: `Bearer ${token}` } });
    for (let i = 0; i < 5; i++) expect((await pull(agent.token)).status).toBe(200);
    const tooMany = await pull(agent.token);
    expect(tooMany.status).toBe(429);
    expect(tooMany.headers.get('retry-after')).toBeTruthy();
    expect((await pull(admin.token)).status).toBe(200);
    clock = new Date(clock.getTime() + 60_000);
    expect((await pull(agent.token)).status).toBe(200);
  });
});
