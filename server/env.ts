/**
 * The team server's settings, read from the environment once at boot. This is the
 * only file that reads `process.env`; everything else gets an `Env`.
 */
import * as z from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** PostgreSQL; without it the server keeps its data in an embedded PGlite folder. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default('.kotae-server/data'),
  TEAM_NAME: z.string().min(1).max(200).default('Kotae team'),
  /** Use the last X-Forwarded-For address as the client's: only behind your own reverse proxy. */
  TRUST_PROXY: flag.default(false),
  INVITE_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(7 * 24),
  /** Join attempts per client address per minute. */
  JOIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** Sync, presence and member requests per member per minute. */
  SYNC_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(600),
});
export type Env = z.infer<typeof envSchema>;

/** Parses an environment (process.env by default); throws a readable error when a value is wrong. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = source[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`The server's settings are wrong:\n${problems}`);
  }
  return parsed.data;
}
