// Push and pull remember who a token belongs to, but check it within their own statements:
// disabling, signing out and a new role count on the very next request, on every instance.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiErrorSchema, type Session } from '@/utils/sync/wire';
import { startTestServer, type TestServer } from '@/server/testing';
import { BACKENDS, call, customerRecord, noteRecord, pullAll, pushAs, put, shaped, twoInstances, uid } from './helpers';

const pushOne = (base: string, session: Session) =>
  call(base, 'POST', '/v1/sync/push', { token: session.token, body: { clientId: `client-${session.member.id}`, mutations: [put('customer', customerRecord(uid('c')))] } });
const pullOnce = (base: string, session: Session) => call(base, 'GET', '/v1/sync/pull?after=0', { token: session.token });

/** Pushes and pulls once, so the member is remembered by that instance. */
async function warm(base: string, session: Session) {
  expect((await pushOne(base, session)).status).toBe(200);
  expect((await pullOnce(base, session)).status).toBe(200);
}

function refusedAs(answer: { status: number; json: unknown }, status: number, code: string) {
  expect(answer.status).toBe(status);
  expect(shaped(apiErrorSchema, answer.json).error.code).toBe(code);
}

describe.each(BACKENDS)('remembered callers on $name', ({ databaseUrl }) => {
  let server: TestServer;
  let admin: Session;
  beforeAll(async () => {
    server = await startTestServer({ databaseUrl });
    admin = await server.join(server.adminCode, 'Ada');
  });
  afterAll(() => server?.close());

  test('a remembered member disabled is refused on the next push and pull, and enabled again works', async () => {
    const member = await server.member('agent', 'Dee');
    await warm(server.url, member);
    await call(server.url, 'PATCH', `/v1/members/${member.member.id}`, { token: admin.token, body: { disabled: true } });
    refusedAs(await pushOne(server.url, member), 403, 'disabled');
    refusedAs(await pullOnce(server.url, member), 403, 'disabled');
    await call(server.url, 'PATCH', `/v1/members/${member.member.id}`, { token: admin.token, body: { disabled: false } });
    await warm(server.url, member);
  });

  test('a remembered token signed out is refused on the next push and pull', async () => {
    const member = await server.member('agent', 'Sid');
    await warm(server.url, member);
    expect((await call(server.url, 'POST', '/v1/signout', { token: member.token })).status).toBe(204);
    refusedAs(await pushOne(server.url, member), 401, 'unauthorized');
    refusedAs(await pullOnce(server.url, member), 401, 'unauthorized');
  });

  test("a remembered member's new role counts on the next push and pull", async () => {
    const member = await server.member('agent', 'Rio');
    const author = await server.member('agent', 'Pia');
    const secret = noteRecord(uid('n'), 'private text', { private: true });
    await pushAs(server.url, author, [put('note', secret)]);
    await warm(server.url, member);
    const at = '2026-01-01T00:00:00.000Z';
    const template = { id: uid('t'), title: 'Thanks', category: 'acknowledge', code: 'ack', variants: [{ lang: 'en', body: 'Thank you!' }], scope: 'team', createdAt: at, updatedAt: at, deletedAt: null };
    expect((await pushAs(server.url, member, [put('template', template)]))[0]?.reason).toBe('forbidden');
    expect((await pullAll(server.url, member)).changes.find((c) => c.id === secret.id)?.op).toBe('delete');

    await call(server.url, 'PATCH', `/v1/members/${member.member.id}`, { token: admin.token, body: { role: 'supervisor' } });
    expect((await pullAll(server.url, member)).changes.find((c) => c.id === secret.id)?.data).toMatchObject({ body: 'private text' });
    expect((await pushAs(server.url, member, [put('template', template)]))[0]?.status).toBe('applied');
  });

  test('pushes of several members applied together: a disabled one is refused, the others applied', async () => {
    const members = await Promise.all(Array.from({ length: 4 }, (_, i) => server.member('agent', `Group ${i}`)));
    for (const member of members) await warm(server.url, member);
    const disabled = members[0]!;
    await call(server.url, 'PATCH', `/v1/members/${disabled.member.id}`, { token: admin.token, body: { disabled: true } });
    const answers = await Promise.all(members.flatMap((member) => [pushOne(server.url, member), pushOne(server.url, member)]));
    answers.forEach((answer, index) => {
      if (index < 2) refusedAs(answer, 403, 'disabled');
      else expect(answer.status).toBe(200);
    });
  });
});

describe('two instances on one PostgreSQL', () => {
  const databaseUrl = process.env.DATABASE_URL;
  const pair = twoInstances(databaseUrl);

  test.skipIf(!databaseUrl)('a member disabled through one instance is refused at once by the other, which remembered them', async () => {
    const { a, bUrl, admin } = pair;
    const member = await a.member('agent', 'Dee');
    await warm(a.url, member);
    await warm(bUrl, member);
    await call(a.url, 'PATCH', `/v1/members/${member.member.id}`, { token: admin.token, body: { disabled: true } });
    refusedAs(await pushOne(bUrl, member), 403, 'disabled');
    refusedAs(await pullOnce(bUrl, member), 403, 'disabled');
    refusedAs(await pushOne(a.url, member), 403, 'disabled');
  });

  test.skipIf(!databaseUrl)('a token signed out through one instance is refused at once by the other', async () => {
    const { a, bUrl } = pair;
    const member = await a.member('agent', 'Sid');
    await warm(bUrl, member);
    expect((await call(a.url, 'POST', '/v1/signout', { token: member.token })).status).toBe(204);
    refusedAs(await pushOne(bUrl, member), 401, 'unauthorized');
    refusedAs(await pullOnce(bUrl, member), 401, 'unauthorized');
  });

  if (!databaseUrl) test.skip('needs PostgreSQL: set DATABASE_URL (npm test starts one when its binaries exist)', () => {});
});
