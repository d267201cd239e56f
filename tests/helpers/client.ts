import { createHandlers } from '@/entrypoints/background/handlers';
import { createClient, type KotaeClient } from '@/utils/messaging/client';
import { dispatch, type SenderInfo } from '@/utils/messaging/dispatch';
import type { KotaeEvent } from '@/utils/messaging/protocol';
import type { KotaeDB } from '@/utils/db/kotae-db';
import type { Role } from '@/utils/sync/wire';
import { actor } from './db';

/**
 * A client wired to the real background handlers over a test database, through
 * the same dispatch (sender checks, payload parsing) the background uses.
 */
export function testClient(
  db: KotaeDB,
  sender: SenderInfo = { kind: 'extension', tabId: 1 },
  tabAnswer: (event: KotaeEvent) => unknown = () => undefined,
  /** The agent's role on a team server; null for a browser working alone. */
  role: Role | null = null,
) {
  const events: KotaeEvent[] = [];
  const handlers = createHandlers({
    db,
    actor: async () => ({ ...actor(new Date()), role }),
    broadcast: (event) => events.push(event),
    sendToTab: async (_tab, event) => {
      events.push(event);
      return tabAnswer(event);
    },
    now: () => new Date(),
  });
  const client: KotaeClient = createClient(async (request) => dispatch(structuredClone(request), sender, handlers));
  return { client, events };
}
