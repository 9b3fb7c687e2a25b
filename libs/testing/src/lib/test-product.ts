import { contractOperations, type EnclaveService } from '@enclave/api-contract';
import { routeTable, type RunningService, startGateway } from '@enclave/local-stack';
import { SERVICES } from '@enclave/service-registry';
import {
  type ServiceProcess,
  startObjectEventHandlers,
  startServiceProcess,
} from './service-process';
import { stopAll } from './stop-all';
import { startTestStack, type TestStack, type TestStackOptions } from './test-stack';

/** The whole product on free loopback ports: the stand-ins, every service, the gateway. */
export interface TestProduct {
  stack: TestStack;
  /** The gateway's base URL: every contract operation, routed to its service as on AWS. */
  api: string;
  /** Each service's own process (its built HTTP bundle), by name. */
  services: ReadonlyMap<EnclaveService, ServiceProcess>;
  /** Resolves once the object-created handlers have handled every event S3 has sent so far. */
  eventsHandled(): Promise<void>;
  stop(): Promise<void>;
}

export interface TestProductOptions extends TestStackOptions {
  /** Settings every service gets on top of the stack's (e.g. shorter timeouts). */
  env?: Readonly<Record<string, string>>;
}

/**
 * Starts a TestStack, every registered service from its built bundle (as devstack runs them),
 * their object-created handlers fed by the stack's S3, and the gateway in front. The caller's Nx
 * test target must depend on the services' builds.
 */
export async function startTestProduct(options: TestProductOptions = {}): Promise<TestProduct> {
  const stack = await startTestStack(options);
  const services = new Map<EnclaveService, ServiceProcess>();
  const handlers: { stop(): Promise<void>; idle(): Promise<void> }[] = [];
  let gateway: RunningService | undefined;
  const stop = async () => {
    await gateway?.stop();
    await stopAll([...handlers, ...services.values()], stack);
  };
  try {
    await Promise.all(
      SERVICES.map(async (service) => {
        const env = { ...stack.envFor(service.name), ...options.env };
        services.set(service.name, await startServiceProcess(service.name, env));
        if (service.eventHandlers.length)
          handlers.push(startObjectEventHandlers(service.name, stack));
      }),
    );
    gateway = await startGateway({
      routes: routeTable(contractOperations()),
      upstreams: new Map([...services].map(([name, process]) => [name, process.endpoint])),
    });
    return {
      stack,
      api: gateway.endpoint,
      services,
      eventsHandled: async () => {
        await Promise.all(handlers.map((handler) => handler.idle()));
      },
      stop,
    };
  } catch (error) {
    // The failure to start is the news, not what the parts answered before it.
    await stop().catch(() => undefined);
    throw error;
  }
}
