/** What the popup is told about sync: never the token. */
import * as z from 'zod/mini';
import { rejectReasonSchema, roleSchema, syncEntitySchema } from './wire';

export const syncErrorCodeSchema = z.enum([
  'unreachable', // no answer from the server (offline, wrong address, server down)
  'unauthorized', // signed out (the token is no longer valid)
  'disabled', // an admin disabled this member
  'forbidden',
  'inviteUsed', // the invite code was used, expired or never existed
  'rateLimited',
  'tooLarge',
  'invalid', // the server refused the shape of a request
  'badAnswer', // the server answered something that is not the contract
  'permission', // the browser did not allow Kotae to reach the server
  'address', // not a server address Kotae can use (https, or http on this machine)
  'server', // the server failed (5xx)
]);
export type SyncErrorCode = z.infer<typeof syncErrorCodeSchema>;

export const connectionStateSchema = z.enum(['signedOut', 'syncing', 'online', 'offline', 'error']);
export type ConnectionState = z.infer<typeof connectionStateSchema>;

const text = z.string().check(z.maxLength(2000));

/** What a sync failure was, kept so the popup can say it after the worker restarts. */
export const syncErrorInfoSchema = z.object({
  code: syncErrorCodeSchema,
  /** English, for logs; the popup words it from the code in the person's language. */
  message: text,
  /** For `rateLimited`: when to try again. */
  retryAfterSeconds: z.nullable(z.int().check(z.nonnegative())),
  at: z.iso.datetime({ offset: true }),
});
export type SyncErrorInfo = z.infer<typeof syncErrorInfoSchema>;

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
