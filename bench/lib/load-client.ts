/**
 * The load generator as a process of its own (started with `fork` by the load
 * benchmark), so the agents' HTTP clients do not share an event loop with the server
 * they measure. Receives LoadOptions (without onProgress) over IPC, answers with the
 * LoadResult, and exits.
 */
import { runLoad, type LoadOptions } from './team-load';

process.once('message', (message) => {
  const options = message as Omit<LoadOptions, 'onProgress'>;
  runLoad(options).then(
    (result) => process.send!({ ok: true, result }, () => process.exit(0)),
    (error: unknown) => process.send!({ ok: false, error: String(error) }, () => process.exit(1)),
  );
});
