import {
  type ContractOperation,
  contractOperations,
  type EnclaveService,
} from '@enclave/api-contract';

/** One API Gateway route: its key and the service whose Lambda answers it. */
export interface ContractRoute {
  /** `METHOD /path`; API Gateway v2 writes path parameters as openapi.yaml does (`{file_id}`). */
  routeKey: string;
  service: EnclaveService;
  operationId: string;
}

/**
 * The routes the HTTP API has: one per operation of the contract, read through the same reader
 * the local gateway uses, so a route cannot exist that openapi.yaml lacks.
 */
export function contractRoutes(
  operations: readonly ContractOperation[] = contractOperations(),
): ContractRoute[] {
  return operations.map((operation) => ({
    routeKey: `${operation.method.toUpperCase()} ${operation.path}`,
    service: operation.service,
    operationId: operation.operationId,
  }));
}
