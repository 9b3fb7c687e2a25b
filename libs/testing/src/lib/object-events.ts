import type { S3Event } from 'aws-lambda';
import type { TestStack } from './test-stack';

export interface ObjectEventFeed {
  /** Resolves once every event delivered so far has been handled. */
  settled(): Promise<void>;
  stop(): void;
}

/**
 * Hands the local S3's ObjectCreated events to `handle`, as the bucket's event notifications
 * invoke their Lambda on AWS, so a test can run a service's handler in-process.
 */
export function feedObjectEvents(
  stack: TestStack,
  handle: (event: S3Event) => Promise<unknown>,
): ObjectEventFeed {
  const inFlight = new Set<Promise<unknown>>();
  const unsubscribe = stack.s3.onObjectCreated((event) => {
    const handled = handle(event).catch((error: unknown) => {
      console.error('object-created handler failed', error);
    });
    inFlight.add(handled);
    void handled.finally(() => inFlight.delete(handled));
  });
  return {
    async settled() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    stop: unsubscribe,
  };
}
