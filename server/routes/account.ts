/** Health, joining with an invite code, who am I, signing out. */
import { joinRequestSchema, meSchema, ROUTES, sessionSchema } from '@/utils/sync/wire';
import { redeemInvite, revokeToken } from '../auth';
import { HttpFailure } from '../http';
import { defineRoute } from './table';

export const health = defineRoute({
  method: 'get',
  path: ROUTES.health,
  summary: 'The server is up (no token needed).',
  access: 'public',
  answer: { status: 200, description: '`{ "ok": true }`' },
  errors: [],
  handle: (c) => c.json({ ok: true }),
});

export const join = defineRoute({
  method: 'post',
  path: ROUTES.join,
  summary: 'Use a one-time invite code: answers a bearer token and who it belongs to.',
  access: 'public',
  rateLimit: 'join',
  body: joinRequestSchema,
  answer: { status: 200, schema: sessionSchema, description: 'The new member and their token.' },
  errors: ['invalid', 'inviteUsed'],
  async handle(c, { body }) {
    const { db, now } = c.var.deps;
    const session = await redeemInvite(db, { code: body.code, name: body.name, now: now() });
    if (!session) throw new HttpFailure('inviteUsed', 'This invite code was used, has expired or does not exist. Ask an admin for a new one.');
    return c.json(session);
  },
});

export const signOut = defineRoute({
  method: 'post',
  path: ROUTES.signOut,
  summary: 'Revoke the calling token.',
  access: 'member',
  answer: { status: 204, description: 'Signed out.' },
  errors: ['unauthorized', 'disabled'],
  async handle(c) {
    const { db, now } = c.var.deps;
    await revokeToken(db, c.var.caller.tokenHash, now());
    return c.body(null, 204);
  },
});

export const me = defineRoute({
  method: 'get',
  path: ROUTES.me,
  summary: 'The calling member and their team.',
  access: 'member',
  answer: { status: 200, schema: meSchema, description: 'Who the token belongs to.' },
  errors: ['unauthorized', 'disabled'],
  handle: (c) => c.json({ member: c.var.caller.member, team: c.var.caller.team }),
});
