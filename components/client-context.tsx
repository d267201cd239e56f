import { createContext, useContext } from 'react';
import type { KotaeClient } from '@/utils/messaging/client';
import { KotaeError } from '@/utils/errors';
import { NOTE_MAX_CHARS } from '@/utils/model';
import type { MessageKey } from '@/utils/i18n';

/** The way extension pages talk to the background; tests pass one bound to a test database. */
export const ClientContext = createContext<KotaeClient | null>(null);

export function useClient(): KotaeClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient needs a ClientContext provider');
  return client;
}

/** A failure, in words for the person in front of the screen. */
export function errorText(
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
  error: unknown,
  context: { count?: number } = {},
): string {
  const code = error instanceof KotaeError ? error.code : 'internal';
  return t(`error.${code}`, { count: context.count ?? 0, max: NOTE_MAX_CHARS });
}
