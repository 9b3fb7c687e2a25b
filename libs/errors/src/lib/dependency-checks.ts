import { isAwsOutage } from './aws-outage';

/** A dependency as `/health?deep=1` names it (openapi.yaml's DependencyCheck). */
export type CheckedDependency = 's3' | 'dynamodb' | 'kms' | 'ses' | 'auth';

/** Resolves when the dependency answered, rejects when it could not be reached. */
export type DependencyProbe = () => Promise<void>;

export interface DependencyCheckResult {
  dependency: CheckedDependency;
  status: 'ok' | 'unavailable';
  latency_ms: number;
}

/**
 * The dependencies one service uses, each with a cheap probe its adapter registers (so a service
 * checks exactly what it talks to). `GET /health?deep=1` runs them all at once.
 */
export class DependencyChecks {
  private readonly probes = new Map<CheckedDependency, DependencyProbe>();

  register(dependency: CheckedDependency, probe: DependencyProbe): void {
    this.probes.set(dependency, probe);
  }

  /** Every probe, in parallel; one that has not answered within `timeoutMs` is unavailable. */
  async run(timeoutMs: number): Promise<DependencyCheckResult[]> {
    return Promise.all(
      [...this.probes].map(async ([dependency, probe]) => {
        const started = performance.now();
        const ok = await withinTime(probe(), timeoutMs);
        const latency_ms = Math.round(performance.now() - started);
        return { dependency, status: ok ? 'ok' : 'unavailable', latency_ms } as const;
      }),
    );
  }
}

async function withinTime(probe: Promise<void>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([probe.then(() => true), timedOut]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A probe of an AWS service from any cheap call: an answer of any kind, a refusal such as
 * NotFound or AccessDenied included, shows the service is up; only an outage fails the probe.
 */
export async function awsAnswers(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (isAwsOutage(error)) throw error;
  }
}
