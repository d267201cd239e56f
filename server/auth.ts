/**
 * Teams, members, invite codes and bearer tokens. Codes and tokens are random and
 * stored only as SHA-256 hashes. Every request checks its token against the database,
 * so a disabled member or a signed-out token stops working at once, on every instance:
 * most routes look the token up; push and pull keep who a token belongs to in memory
 * and check that it is still valid within their own statements (`callerStillValid`).
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { and, count, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import { cleanText } from '@/utils/model';
import type { Invite, Member, Role, Session, Team } from '@/utils/sync/wire';
import type { Db } from './db/open';
import { invites, members, teams, tokens } from './db/schema';

export interface Caller {
  member: Member;
  team: Team;
  tokenHash: string;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}

export function newToken(): string {
  return `kt_${randomBytes(32).toString('base64url')}`;
}

// No 0/O, 1/I/L: codes are read out loud and typed by hand.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** `ABCD-EFGH-JKMN-PQRS`: 16 letters, about 79 bits. */
export function newInviteCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = '';
    for (let i = 0; i < 4; i++) group += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** Codes are typed by people: case does not matter. */
export function inviteCodeHash(code: string): string {
  return hashSecret(code.trim().toUpperCase());
}

export function memberOut(row: typeof members.$inferSelect): Member {
  return { id: row.id, name: row.name, role: row.role, disabled: row.disabled, createdAt: row.createdAt.toISOString() };
}

export async function createInvite(
  db: Db,
  options: { teamId: string; role: Role; createdBy: string | null; now: Date; ttlHours: number },
): Promise<Invite> {
  const code = newInviteCode();
  const expiresAt = new Date(options.now.getTime() + options.ttlHours * 3_600_000);
  await db.insert(invites).values({
    codeHash: inviteCodeHash(code),
    teamId: options.teamId,
    role: options.role,
    expiresAt,
    createdAt: options.now,
    createdBy: options.createdBy,
  });
  return { code, role: options.role, expiresAt: expiresAt.toISOString() };
}

export async function createTeam(db: Db, options: { name: string; now: Date; ttlHours: number }): Promise<{ team: Team; adminInvite: Invite }> {
  const team = { id: newId('t'), name: options.name };
  await db.insert(teams).values({ ...team, seq: 0, createdAt: options.now });
  const adminInvite = await createInvite(db, { teamId: team.id, role: 'admin', createdBy: null, now: options.now, ttlHours: options.ttlHours });
  return { team, adminInvite };
}

/**
 * First start: creates the team. While the team has no enabled admin (the first
 * code was lost or never used), every start makes a fresh admin invite.
 */
export async function bootstrapTeam(
  db: Db,
  options: { name: string; now: Date; ttlHours: number },
): Promise<{ team: Team; adminInvite: Invite | null; created: boolean }> {
  const [existing] = await db.select().from(teams).orderBy(teams.createdAt).limit(1);
  if (!existing) return { ...(await createTeam(db, options)), created: true };
  const [admins] = await db
    .select({ n: count() })
    .from(members)
    .where(and(eq(members.teamId, existing.id), eq(members.role, 'admin'), eq(members.disabled, false)));
  const team = { id: existing.id, name: existing.name };
  if ((admins?.n ?? 0) > 0) return { team, adminInvite: null, created: false };
  const adminInvite = await createInvite(db, { teamId: team.id, role: 'admin', createdBy: null, now: options.now, ttlHours: options.ttlHours });
  return { team, adminInvite, created: false };
}

/**
 * Uses an invite code: the conditional update inside the transaction lets exactly
 * one of several concurrent joins have it. null when used, expired or unknown.
 */
export async function redeemInvite(db: Db, options: { code: string; name: string; now: Date }): Promise<Session | null> {
  return db.transaction(async (tx) => {
    const [invite] = await tx
      .update(invites)
      .set({ usedAt: options.now })
      .where(and(eq(invites.codeHash, inviteCodeHash(options.code)), isNull(invites.usedAt), gt(invites.expiresAt, options.now)))
      .returning();
    if (!invite) return null;
    const [team] = await tx.select().from(teams).where(eq(teams.id, invite.teamId));
    if (!team) return null;
    const [member] = await tx
      .insert(members)
      .values({ id: newId('m'), teamId: team.id, name: cleanText(options.name).trim() || 'Member', role: invite.role, disabled: false, createdAt: options.now })
      .returning();
    if (!member) return null;
    await tx.update(invites).set({ usedBy: member.id }).where(eq(invites.codeHash, invite.codeHash));
    const token = newToken();
    await tx.insert(tokens).values({ tokenHash: hashSecret(token), memberId: member.id, createdAt: options.now });
    return { token, member: memberOut(member), team: { id: team.id, name: team.name } };
  });
}

/** Who a bearer token belongs to, read fresh from the database. */
export function authenticate(db: Db, token: string): Promise<Caller | 'unknown' | 'disabled'> {
  return authenticateHash(db, hashSecret(token));
}

export async function authenticateHash(db: Db, tokenHash: string): Promise<Caller | 'unknown' | 'disabled'> {
  const [row] = await db
    .select({ member: members, team: teams })
    .from(tokens)
    .innerJoin(members, eq(members.id, tokens.memberId))
    .innerJoin(teams, eq(teams.id, members.teamId))
    .where(and(eq(tokens.tokenHash, tokenHash), isNull(tokens.revokedAt)));
  if (!row) return 'unknown';
  if (row.member.disabled) return 'disabled';
  return { member: memberOut(row.member), team: { id: row.team.id, name: row.team.name }, tokenHash };
}

/**
 * For each caller, true while its token is not revoked and its member is still enabled,
 * in the team, with the role and name the caller carries: a JSON array of booleans, in
 * order, to put into a request's own statement, so checking tokens costs no query of its own.
 */
export function callersStillValid(callers: readonly Caller[]): SQL {
  const column = (value: (caller: Caller) => string) => sql.param(callers.map(value));
  return sql`(select coalesce(json_agg(exists (select 1 from tokens t join members m on m.id = t.member_id
      where t.token_hash = k.token_hash and t.revoked_at is null and m.id = k.member_id and m.team_id = k.team_id
        and not m.disabled and m.role = k.role and m.name = k.name) order by k.n), '[]')
    from unnest(${column((c) => c.tokenHash)}::text[], ${column((c) => c.member.id)}::text[], ${column((c) => c.team.id)}::text[],
      ${column((c) => c.member.role)}::text[], ${column((c) => c.member.name)}::text[]) with ordinality as k(token_hash, member_id, team_id, role, name, n))`;
}

/** Thrown when a remembered caller fails `callerStillValid`: the token is to be looked up afresh. */
export class StaleCaller extends Error {
  constructor() {
    super('the caller changed since its token was looked up');
  }
}

/** Remembered callers at most: far above the members of the teams one server has. */
const CALLERS_MAX = 10_000;

/**
 * Who each token belongs to, as last looked up. Only routes that check the token
 * within their own statements may use it: it says who, never whether the token is valid.
 */
export class CallerMemory {
  private callers = new Map<string, Caller>();

  get(tokenHash: string): Caller | undefined {
    return this.callers.get(tokenHash);
  }

  set(caller: Caller): void {
    this.callers.delete(caller.tokenHash);
    this.callers.set(caller.tokenHash, caller);
    // Oldest first (Map order).
    for (const stale of this.callers.keys()) {
      if (this.callers.size <= CALLERS_MAX) break;
      this.callers.delete(stale);
    }
  }

  forget(tokenHash: string): void {
    this.callers.delete(tokenHash);
  }
}

export async function revokeToken(db: Db, tokenHash: string, now: Date): Promise<void> {
  await db.update(tokens).set({ revokedAt: now }).where(eq(tokens.tokenHash, tokenHash));
}
