/** What the popup is told about sync: never the token. */
import * as z from 'zod/mini';
import { rejectReasonSchema, roleSchema, syncEntitySchema } from './wire';

export const syncErrorCodeSchema = z.enum([
  'unreachable',
  'unauthorized',
  'disabled',
  'forbidden',
  'inviteUsed',
  'rateLimited',
  'tooLarge',
  'invalid',
  'badAnswer',
  'permission',
  'address',
  'server',
]);

export const connectionStateSchema = z.enum(['signedOut', 'syncing', 'online', 'offline', 'error']);
export type ConnectionState = z.infer<typeof connectionStateSchema>;

const text = z.string().check(z.maxLength(2000));

/** Why the last request to the server failed, in words the person can act on. */
export const syncErrorInfoSchema = z.object({
  code: syncErrorCodeSchema,
  message: text,
  retryAfterSeconds: z.nullable(z.int().check(z.nonnegative())),
  at: z.iso.datetime({ offset: true }),
});

export const syncStatusSchema = z.object({
  state: connectionStateSchema,
  serverUrl: z.nullable(text),
  memberName: z.nullable(text),
  role: z.nullable(roleSchema),
  teamName: z.nullable(text),
  /** When the last push and pull both finished (this device's clock). */
  lastSyncAt: z.nullable(z.iso.datetime({ offset: true })),
  /** Local changes waiting to go up. */
  pending: z.int().check(z.nonnegative()),
  /** Local changes the server refused for good, and the last one's reason. */
  rejected: z.int().check(z.nonnegative()),
  lastRejected: z.nullable(z.object({ entity: syncEntitySchema, id: text, reason: rejectReasonSchema })),
  /** The live signal is connected: colleagues' changes arrive within a second. */
  live: z.boolean(),
  error: z.nullable(syncErrorInfoSchema),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;
