/** One paused call: `reached` resolves when the call arrives; `release()` lets it go on. */
export interface Pause {
  reached: Promise<void>;
  release(): void;
}

type Method = (...args: never[]) => Promise<unknown>;
type MethodsOf<T> = { [K in keyof T]: T[K] extends Method ? K : never }[keyof T];

/**
 * Deterministic interleavings for tests: `pause(fake, 'method')` makes the next call of that
 * method wait — before it runs, or once it has run but before it returns (`after: true`) —
 * until the test releases it, so a test can run another operation in exactly that gap.
 */
export function pause<T extends object>(
  target: T,
  method: MethodsOf<T>,
  options: { after?: boolean } = {},
): Pause {
  const original = target[method] as unknown as Method;
  let arrive!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (arrive = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const paused = async (...args: never[]): Promise<unknown> => {
    // Only the next call pauses; later ones run straight through.
    (target as Record<PropertyKey, unknown>)[method as PropertyKey] = original;
    if (!options.after) {
      arrive();
      await released;
      return original.apply(target, args);
    }
    const result = await original.apply(target, args);
    arrive();
    await released;
    return result;
  };
  (target as Record<PropertyKey, unknown>)[method as PropertyKey] = paused;
  return { reached, release };
}
