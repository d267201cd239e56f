/** The sending side of the protocol: typed calls, answers parsed, failures as KotaeError. */
import { browser } from 'wxt/browser';
import { KotaeError } from '@/utils/errors';
import { protocol, responseSchema, type MessageInput, type MessageOutput, type MessageType } from './protocol';

export type Transport = (request: { type: MessageType; payload: unknown }) => Promise<unknown>;

export interface KotaeClient {
  send<T extends MessageType>(type: T, payload: MessageInput<T>): Promise<MessageOutput<T>>;
}

export function createClient(transport: Transport): KotaeClient {
  return {
    async send(type, payload) {
      let raw: unknown;
      try {
        raw = await transport({ type, payload });
      } catch (error) {
        throw new KotaeError('unavailable', `Kotae's background could not be reached: ${String(error)}`);
      }
      const response = responseSchema.safeParse(raw);
      if (!response.success) throw new KotaeError('invalidMessage', `Malformed answer to "${type}"`);
      if (!response.data.ok) throw KotaeError.fromPayload(response.data.error);
      const output = protocol[type].output.safeParse(response.data.data);
      if (!output.success) throw KotaeError.fromZod(output.error, `Unexpected answer to "${type}"`);
      return output.data as MessageOutput<typeof type>;
    },
  };
}

/** The client every content script and extension page uses. */
export const backgroundClient = createClient((request) => browser.runtime.sendMessage(request));
