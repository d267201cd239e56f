/** Admins: invite people with a role, list members, change roles, disable members. */
import { and, count, eq, ne } from 'drizzle-orm';
import * as z from 'zod/mini';
import { inviteRequestSchema, inviteSchema, memberListSchema, memberPatchSchema, memberSchema, ROUTES } from '@/utils/sync/wire';
import { createInvite, memberOut } from '../auth';
import { members } from '../db/schema';
import { HttpFailure } from '../http';
import { defineRoute } from './table';

export const listMembers = defineRoute({
  method: 'get',
  path: ROUTES.members,
  summary: "The team's members (admins only).",
  access: 'admin',
  answer: { status: 200, schema: memberListSchema, description: 'Every member, oldest first.' },
  errors: ['unauthorized', 'disabled', 'forbidden'],
  async handle(c) {
    const rows = await c.var.deps.db.select().from(members).where(eq(members.teamId, c.var.caller.team.id)).orderBy(members.createdAt, members.id);
    return c.json({ members: rows.map(memberOut) });
  },
});

export const createInviteRoute = defineRoute({
  method: 'post',
  path: ROUTES.invites,
  summary: 'A one-time invite code for a role (admins only). The code is shown once; only its hash is kept.',
  access: 'admin',
  body: inviteRequestSchema,
  answer: { status: 201, schema: inviteSchema, description: 'The code, its role and when it expires.' },
  errors: ['unauthorized', 'disabled', 'forbidden', 'invalid'],
  async handle(c, { body }) {
    const { db, env, now } = c.var.deps;
    const invite = await createInvite(db, {
      teamId: c.var.caller.team.id,
      role: body.role,
      createdBy: c.var.caller.member.id,
      now: now(),
      ttlHours: env.INVITE_TTL_HOURS,
    });
    return c.json(invite, 201);
  },
});

const memberParams = z.object({ memberId: z.string().check(z.minLength(1), z.maxLength(200)) });

export const patchMember = defineRoute({
  method: 'patch',
  path: ROUTES.member,
  summary: "Change a member's role or disable them (admins only). A disabled member's tokens stop working at once.",
  access: 'admin',
  body: memberPatchSchema,
  answer: { status: 200, schema: memberSchema, description: 'The member as changed.' },
  errors: ['unauthorized', 'disabled', 'forbidden', 'notFound', 'invalid'],
  async handle(c, { body }) {
    const { db } = c.var.deps;
    const teamId = c.var.caller.team.id;
    const params = memberParams.safeParse(c.req.param());
    if (!params.success) throw new HttpFailure('notFound', 'No such member in this team.');
    const updated = await db.transaction(async (tx) => {
      const [target] = await tx
        .select()
        .from(members)
        .where(and(eq(members.id, params.data.memberId), eq(members.teamId, teamId)))
        .for('update');
      if (!target) throw new HttpFailure('notFound', 'No such member in this team.');
      const next = { role: body.role ?? target.role, disabled: body.disabled ?? target.disabled };
      const losesAdmin = target.role === 'admin' && !target.disabled && (next.role !== 'admin' || next.disabled);
      if (losesAdmin) {
        const [others] = await tx
          .select({ n: count() })
          .from(members)
          .where(and(eq(members.teamId, teamId), eq(members.role, 'admin'), eq(members.disabled, false), ne(members.id, target.id)));
        if ((others?.n ?? 0) === 0) throw new HttpFailure('forbidden', 'The team needs at least one admin: make someone else admin first.');
      }
      const [row] = await tx.update(members).set(next).where(eq(members.id, target.id)).returning();
      return row;
    });
    if (!updated) throw new HttpFailure('notFound', 'No such member in this team.');
    return c.json(memberOut(updated));
  },
});
