/** Push mutations, pull changes, the live stream and presence. */
import { streamSSE } from 'hono/streaming';
import { presenceRequestSchema, pullQuerySchema, pullResponseSchema, pushRequestSchema, pushResponseSchema, ROUTES, type LiveEvent } from '@/utils/sync/wire';
import { authenticate } from '../auth';
import { applyPush, pull, teamSeq } from '../sync';
import { defineRoute } from './table';

const MEMBER_ERRORS = ['unauthorized', 'disabled'] as const;

export const push = defineRoute({
  method: 'post',
  path: ROUTES.push,
  summary: 'Apply mutations, each `(clientId, mutationId)` exactly once, in order. A refused mutation is final.',
  access: 'member',
  checksToken: true,
  body: pushRequestSchema,
  answer: { status: 200, schema: pushResponseSchema, description: 'One result per mutation, in the order sent.' },
  errors: [...MEMBER_ERRORS, 'invalid', 'tooLarge'],
  async handle(c, { body }) {
    const { db, now, live } = c.var.deps;
    const caller = c.var.caller;
    const results = await applyPush(db, caller, body.clientId, body.mutations, now(), c.var.callerChecked);
    const applied = results.filter((r) => r.status === 'applied').map((r) => r.seq ?? 0);
    if (applied.length > 0) {
      await live.publish(caller.team.id, { type: 'changed', seq: Math.max(...applied) }).catch((error: unknown) => {
        // The changes are committed; a lost signal only delays colleagues until their next pull.
        console.error('live publish failed:', error);
      });
    }
    return c.json({ results });
  },
});

export const pullRoute = defineRoute({
  method: 'get',
  path: ROUTES.pull,
  summary: 'Changes above `after`, in sequence order: each record once, in its latest state. Page size is clamped to 1…1000.',
  access: 'member',
  checksToken: true,
  query: pullQuerySchema,
  answer: { status: 200, schema: pullResponseSchema, description: 'A page of changes and the cursor to ask above next.' },
  errors: [...MEMBER_ERRORS, 'invalid'],
  async handle(c, { query }) {
    // Encoded by construction from stored changes: sent as built, not parsed and re-encoded.
    const page = await pull(c.var.deps.db, c.var.caller, query.after, query.limit, c.var.callerChecked);
    return c.body(page.body, 200, { 'content-type': 'application/json' });
  },
});

/** Comment lines keep proxies from closing a quiet stream; each also re-checks the token. */
const HEARTBEAT_MS = 20_000;
/** Events are delivered only after the token was found valid this recently. */
const AUTH_RECHECK_MS = 1_000;

export const live = defineRoute({
  method: 'get',
  path: ROUTES.live,
  summary:
    'Server-sent events: `changed` (pull above your cursor) at once with the current seq and after every apply, and `presence`. Bearer token in the Authorization header.',
  access: 'member',
  answer: { status: 200, stream: true, description: 'An event stream; each `data:` line is one live event as JSON.' },
  errors: [...MEMBER_ERRORS],
  handle(c) {
    const { db, live: hub, now } = c.var.deps;
    const caller = c.var.caller;
    const token = (c.req.header('authorization') ?? '').replace(/^Bearer\s+/i, '');
    return streamSSE(c, async (stream) => {
      const queue: LiveEvent[] = [];
      let wake: (() => void) | null = null;
      const unsubscribe = hub.subscribe(caller.team.id, (event) => {
        queue.push(event);
        wake?.();
      });
      let open = true;
      stream.onAbort(() => {
        open = false;
        wake?.();
      });
      const heartbeat = setInterval(() => {
        wake?.();
      }, HEARTBEAT_MS);
      let lastBeat = Date.now();
      let lastCheck = Date.now();
      // A member disabled or signed out since the stream opened stops hearing the team.
      const stillSignedIn = async () => {
        lastCheck = Date.now();
        return typeof (await authenticate(db, token)) !== 'string';
      };
      try {
        queue.unshift({ type: 'changed', seq: await teamSeq(db, caller.team.id) }, ...hub.presence(caller.team.id, now()));
        while (open) {
          if (queue.length > 0 && Date.now() - lastCheck >= AUTH_RECHECK_MS && !(await stillSignedIn())) break;
          while (queue.length > 0 && open) {
            const event = queue.shift()!;
            await stream.writeSSE({ event: event.type, data: JSON.stringify(event) });
          }
          if (!open) break;
          if (Date.now() - lastBeat >= HEARTBEAT_MS) {
            lastBeat = Date.now();
            if (!(await stillSignedIn())) break;
            await stream.write(': keep-alive\n\n');
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
            if (queue.length > 0 || !open) resolve();
          });
          wake = null;
        }
      } finally {
        clearInterval(heartbeat);
        unsubscribe();
      }
    });
  },
});

export const presence = defineRoute({
  method: 'post',
  path: ROUTES.presence,
  summary: '"I am replying on this post" (or no longer), relayed to the team\'s live streams. Never stored.',
  access: 'member',
  body: presenceRequestSchema,
  answer: { status: 204, description: 'Relayed.' },
  errors: [...MEMBER_ERRORS, 'invalid'],
  async handle(c, { body }) {
    const { live: hub, now } = c.var.deps;
    const { member, team } = c.var.caller;
    await hub.publish(team.id, {
      type: 'presence',
      memberId: member.id,
      memberName: member.name,
      postKey: body.postKey,
      replying: body.replying,
      at: now().toISOString(),
    });
    return c.body(null, 204);
  },
});
