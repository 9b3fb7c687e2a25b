import type { EnclaveService } from '@enclave/api-contract';
import { freePort, hostEventHandler } from '@enclave/local-stack';
import { registeredService } from '@enclave/service-registry';
import { fork } from 'node:child_process';
import { closeSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { ContractViolation } from './contract-check/contract-violation';
import { startCheckedEndpoint } from './contract-check/checked-endpoint';
import { stopAll } from './stop-all';
import { serviceLogFile } from './test-logs';
import type { TestStack } from './test-stack';

export interface NodeProcess {
  endpoint: string;
  pid: number;
  stop(): Promise<void>;
}

export interface ServiceProcess extends NodeProcess {
  /**
   * Every answer so far that openapi.yaml does not allow (see contract-check); `stop()` throws
   * an Error listing them, so a suite that stops its services in afterAll fails on them.
   */
  contractViolations(): readonly ContractViolation[];
}

export interface ServiceProcessOptions {
  /**
   * Put a contract-checking proxy in front of the service (its `endpoint`). Default true; only
   * benchmarks, which measure the service alone, turn it off.
   */
  checkContract?: boolean;
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
 *
 * `endpoint` is a proxy that checks every answer against openapi.yaml; `stop()` stops both and
 * then throws if any answer broke the contract.
 */
export async function startServiceProcess(
  name: EnclaveService,
  env: Record<string, string>,
  options: ServiceProcessOptions = {},
): Promise<ServiceProcess> {
  const service = registeredService(name);
  const bundle = path.join(workspaceRoot(), service.bundles.http);
  if (!existsSync(bundle))
    throw new Error(`${bundle} is missing: run nx run ${service.project}:build first`);
  // A run that keeps logs (npm test) has each service log at info into a file of its own.
  const logFile = serviceLogFile(`${name}-api`);
  const running = await startNodeProcess(
    bundle,
    logFile === undefined
      ? env
      : {
          ...env,
          LOG_LEVEL: env['LOG_LEVEL'] === 'silent' || !env['LOG_LEVEL'] ? 'info' : env['LOG_LEVEL'],
        },
    { stdout: logFile },
  );
  if (options.checkContract === false) return { ...running, contractViolations: () => [] };
  const checked = await startCheckedEndpoint(running.endpoint, `${name}-api`).catch(
    async (error: unknown) => {
      await running.stop();
      throw error;
    },
  );
  let stopped: Promise<void> | undefined;
  return {
    endpoint: checked.endpoint,
    pid: running.pid,
    contractViolations: checked.violations,
    // The process stops even when the check throws its violations.
    stop: () => (stopped ??= stopAll([running], checked)),
  };
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
  options: {
    execArgv?: string[];
    /** A file descriptor for its stdout; dropped when absent. */ stdout?: number;
  } = {},
): Promise<NodeProcess> {
  const port = await freePort();
  const child = fork(script, [], {
    execArgv: options.execArgv ?? [],
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', options.stdout ?? 'ignore', 'inherit', 'ipc'],
  });
  // The child holds its own copy of the descriptor now.
  if (options.stdout !== undefined) closeSync(options.stdout);
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
