/** The receiving side of the protocol: sender checks, payload parsing, typed errors. */
import Dexie from 'dexie';
import { KotaeError } from '@/utils/errors';
import {
  protocol,
  requestSchema,
  type Response,
  type MessageOutput,
  type MessageType,
  type ParsedInput,
  type SenderKind,
} from './protocol';

export interface SenderInfo {
  kind: SenderKind;
  tabId?: number;
  frameId?: number;
}

export type Handlers = {
  [T in MessageType]: (input: ParsedInput<T>, sender: SenderInfo) => Promise<MessageOutput<T>>;
};


interface RawSender {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

/**
 * Who sent a message. Only this extension's own contexts count: an extension page
 * is recognised by its URL starting with the extension's base URL
 * (`chrome-extension://<id>/`), a content script by its tab. URL origins are not
 * compared: for non-web schemes some parsers answer "null", which a sandboxed
 * page's frame would share.
 */
export function classifySender(sender: RawSender, extensionId: string, extensionBaseUrl: string): SenderInfo | null {
  if (sender.id !== extensionId) return null;
  const where = { tabId: sender.tab?.id, frameId: sender.frameId };
  if (sender.url?.startsWith(extensionBaseUrl)) return { kind: 'extension', ...where };
  if (sender.tab) return { kind: 'page', ...where };
  return null;
}

function isMessageType(type: string): type is MessageType {
  return Object.hasOwn(protocol, type);
}

/** Answers one request. Never throws: every failure becomes `{ ok: false, error }`. */
export async function dispatch(raw: unknown, sender: SenderInfo | null, handlers: Handlers): Promise<Response> {
  try {
    const request = requestSchema.safeParse(raw);
    if (!request.success) throw KotaeError.fromZod(request.error, 'Malformed message');
    const { type, payload } = request.data;
    if (!isMessageType(type)) throw new KotaeError('unknownMessage', `Unknown message type "${type.slice(0, 100)}"`);
    if (!sender) throw new KotaeError('forbidden', 'Messages are accepted only from Kotae itself');
    const entry = protocol[type];
    if (entry.from === 'extension' && sender.kind !== 'extension') {
      throw new KotaeError('forbidden', `"${type}" is accepted only from Kotae's own pages`);
    }
    const input = entry.input.safeParse(payload);
    if (!input.success) throw KotaeError.fromZod(input.error, `Invalid "${type}" payload`);
    const handler = handlers[type] as (input: unknown, sender: SenderInfo) => Promise<unknown>;
    return { ok: true, data: await handler(input.data, sender) };
  } catch (error) {
    if (error instanceof KotaeError) return { ok: false, error: error.toPayload() };
    if (error instanceof Dexie.DexieError) {
      // The database refused (quota, corruption, a blocked upgrade): say so plainly.
      return { ok: false, error: { code: 'storage', message: `${error.name}: ${error.message}` } };
    }
    console.error('[kotae] handler failed', error);
    return { ok: false, error: { code: 'internal', message: 'Something went wrong in Kotae' } };
  }
}
