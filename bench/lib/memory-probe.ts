/**
 * Loaded into the team server's process by the soak benchmark (`node --import`): answers
 * each "memory" message on the IPC channel with that process's `process.memoryUsage()`.
 * The channel does not keep the process alive, and the server's code is not touched.
 */
process.on('message', (message) => {
  if (message === 'memory') process.send?.({ memory: process.memoryUsage() });
});
process.channel?.unref();
