/**
 * `start()` run once and its result shared by every caller (a container's app, a job's modules);
 * a failed start is forgotten, so the next call tries again rather than failing forever.
 */
export function once<T>(start: () => Promise<T>): () => Promise<T> {
  let started: Promise<T> | undefined;
  return () =>
    (started ??= start().catch((error: unknown) => {
      started = undefined;
      throw error;
    }));
}
