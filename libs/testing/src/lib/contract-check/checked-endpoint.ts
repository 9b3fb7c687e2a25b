import { startContractProxy } from './contract-proxy';
import { type ContractViolation, describeViolations } from './contract-violation';

/**
 * A contract-checking proxy in front of a service a suite runs in-process (startServiceProcess
 * puts one in front of the processes it starts): call `endpoint` instead of the service, and
 * `stop()` throws every answer openapi.yaml does not allow, so the suite fails on them.
 */
export async function startCheckedEndpoint(
  upstream: string,
  where: string,
): Promise<{
  endpoint: string;
  violations(): readonly ContractViolation[];
  stop(): Promise<void>;
}> {
  const proxy = await startContractProxy(upstream);
  return {
    endpoint: proxy.endpoint,
    violations: proxy.violations,
    async stop() {
      await proxy.stop();
      const violations = proxy.violations();
      if (violations.length) throw new Error(describeViolations(violations, where));
    },
  };
}
