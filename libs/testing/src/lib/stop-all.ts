export interface Stoppable {
  stop(): Promise<void>;
}

/**
 * Stops every part at once, each of them even when another's stop throws (a service's stop
 * throws its contract violations), then `last` (the stack they all use), and only then throws:
 * a failure must not leave processes behind that keep jest from exiting.
 */
export async function stopAll(
  parts: readonly (Stoppable | { close(): Promise<void> })[],
  last?: Stoppable,
): Promise<void> {
  const stopped = await Promise.allSettled(
    parts.map((part) => ('stop' in part ? part.stop() : part.close())),
  );
  await last?.stop();
  const failures = stopped.flatMap((result) =>
    result.status === 'rejected' ? [result.reason as unknown] : [],
  );
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1)
    throw new Error(failures.map((f) => (f instanceof Error ? f.message : String(f))).join('\n'));
}
