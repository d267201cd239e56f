/** Runs an app on a Node HTTP server and stops it, streams included. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { App } from './app';

export interface Listening {
  port: number;
  close(): Promise<void>;
}

export function listen(app: App, options: { port: number; hostname: string }): Promise<Listening> {
  return new Promise((resolve, reject) => {
    // Leave the global Request and Response alone: tests of other code share this process.
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.hostname, overrideGlobalObjects: false }) as Server;
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            // Live streams never end by themselves.
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
