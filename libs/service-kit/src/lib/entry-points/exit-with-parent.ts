/** How long a close may take once the parent is gone before the process exits anyway. */
export const PARENT_GONE_DEADLINE_MS = 3000;

/**
 * Ends this process once the process that started it is gone, however that one ended (Ctrl-C,
 * SIGTERM, SIGKILL, a crash): devstack and the test harness start services with an IPC channel,
 * the kernel closes it when the parent dies, and Node reports that as 'disconnect'. (Linux
 * offers Node no PR_SET_PDEATHSIG, so an orphan would otherwise keep its port.) `close` runs
 * first, e.g. to close the HTTP server; after `deadlineMs` the process exits regardless.
 *
 * While watched, the channel holds the event loop open (Node refs it for a 'disconnect'
 * listener); the returned function stops watching, so a finished job can end by itself.
 * Started without a channel (by hand, `node dist/apps/…/main.js`) this does nothing. Call it
 * while the entry module loads, so that no 'disconnect' has been missed.
 */
export function exitWithParent(
  close: () => Promise<unknown>,
  deadlineMs = PARENT_GONE_DEADLINE_MS,
): () => void {
  // Called as the entry module loads, before any 'disconnect' could have been emitted. (Under
  // jest, `process` has a send but no `connected`: no channel to watch there either.)
  if (typeof process.send !== 'function' || process.connected !== true) return () => undefined;

  const shutdown = (): void => {
    // The parent held the other end of stdout and stderr too: a last log line must not turn
    // into an EPIPE crash halfway through the close.
    for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
    setTimeout(() => process.exit(1), deadlineMs);
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };

  process.once('disconnect', shutdown);
  return () => process.off('disconnect', shutdown);
}
