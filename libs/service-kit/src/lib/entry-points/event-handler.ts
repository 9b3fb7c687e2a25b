import type { INestApplicationContext } from '@nestjs/common';
import type { ServiceBaseConfig } from '@enclave/config';
import type { ServiceDefinition } from '../service/service-definition';
import { exitWithParent } from './exit-with-parent';
import { serviceContext } from './service-context';

export type EventHandling<Event, Result> = (
  app: INestApplicationContext,
  event: Event,
) => Promise<Result>;

/** What a host process sends an event handler, and what it answers (see hostEvents). */
export type HostedEventMessage<Event> = { id: number; event: Event };
export type HostedEventReply<Result> =
  { id: number; result: Result } | { id: number; error: string };

/**
 * A service's handler for events from AWS (e.g. S3 event notifications): returns a Lambda
 * handler, with the service's modules built once per container. When `entry` is the script node
 * was started with and it has an IPC channel (devstack forks it), it serves the events its parent
 * sends, the local stand-in for the AWS event source, and exits when the parent goes away.
 */
export function eventHandler<Config extends ServiceBaseConfig, Event, Result>(
  definition: ServiceDefinition<Config>,
  handle: EventHandling<Event, Result>,
  entry?: NodeJS.Module,
): (event: Event) => Promise<Result> {
  const context = serviceContext(definition);
  const handler = async (event: Event): Promise<Result> => handle(await context(), event);
  if (entry && require.main === entry && process.send) {
    exitWithParent(async () => context.built()?.close());
    hostEvents(handler);
  }
  return handler;
}

function hostEvents<Event, Result>(handler: (event: Event) => Promise<Result>): void {
  const reply = (message: HostedEventReply<Result>): void => {
    if (process.connected) process.send?.(message);
  };
  process.on('message', (message: HostedEventMessage<Event>) => {
    handler(message.event).then(
      (result) => reply({ id: message.id, result }),
      (error: unknown) =>
        reply({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
    );
  });
}
