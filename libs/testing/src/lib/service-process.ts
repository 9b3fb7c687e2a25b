import type { EnclaveService } from '@enclave/api-contract';
import { freePort, hostEventHandler } from '@enclave/local-stack';
import { registeredService } from '@enclave/service-registry';
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TestStack } from './test-stack';

export interface ServiceProcess {
  endpoint: string;
  pid: number;
  stop(): Promise<void>;
}

/** The workspace root: the nearest folder up from here holding nx.json (sources or a bundle). */
function workspaceRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'nx.json'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

/**
 * Runs a service's built HTTP bundle (from the service registry) as its own process, as devstack
 * does, configured by `env` (e.g. a TestStack's). Tests of clients use this so they exercise the
 * service as shipped. The caller's Nx target must depend on the service's build.
 */
export function startServiceProcess(
  name: EnclaveService,
  env: Record<string, string>,
): Promise<ServiceProcess> {
  const service = registeredService(name);
  const bundle = path.join(workspaceRoot(), service.bundles.http);
  if (!existsSync(bundle))
    throw new Error(`${bundle} is missing: run nx run ${service.project}:build first`);
  return startNodeProcess(bundle, env);
}

/**
 * Runs a service's built object-created handler (from the service registry) in its own process,
 * fed the stack's S3 events as devstack feeds it, so tests exercise the bundle as shipped.
 */
export function startObjectEventHandlers(
  name: EnclaveService,
  stack: TestStack,
): { idle(): Promise<void>; stop(): Promise<void> } {
  const hosts = registeredService(name).eventHandlers.map((handler) => {
    const bundle = path.join(workspaceRoot(), handler.bundle);
    if (!existsSync(bundle))
      throw new Error(`${bundle} is missing: run nx run ${registeredService(name).project}:build`);
    const host = hostEventHandler({
      name: handler.name,
      bundle,
      env: { ...(process.env as Record<string, string>), ...stack.envFor(name) },
      log: (line) => process.stderr.write(`${handler.name}: ${line}\n`),
    });
    const unsubscribe = stack.s3.onObjectCreated((event) => host.deliver(event));
    return { host, unsubscribe };
  });
  return {
    idle: async () => {
      await Promise.all(hosts.map(({ host }) => host.idle()));
    },
    stop: async () => {
      for (const { unsubscribe } of hosts) unsubscribe();
      await Promise.all(hosts.map(({ host }) => host.stop()));
    },
  };
}

/** Runs `node script` on a free loopback port (PORT, HOST) until it answers `GET /health`. */
export async function startNodeProcess(
  script: string,
  env: Record<string, string>,
  options: { execArgv?: string[] } = {},
): Promise<ServiceProcess> {
  const port = await freePort();
  const child = fork(script, [], {
    execArgv: options.execArgv ?? [],
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  const name = path.basename(script);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name} did not start`);
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited with ${child.exitCode} while starting`);
    const healthy = await fetch(`${endpoint}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) return { endpoint, pid, stop };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error(`${name} did not answer /health within 10 s`);
}
