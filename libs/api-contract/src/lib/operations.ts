import { openApiDocument } from '../generated/openapi-document';

export type EnclaveService = 'uploads' | 'sharing' | 'keys';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
export type HttpMethod = (typeof METHODS)[number];

/** One operation of the contract, as the gateways (local and API Gateway) route it. */
export interface ContractOperation {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path template, e.g. `/v1/users/{user_id}/files/{file_id}`. */
  path: string;
  service: EnclaveService;
  public: boolean;
}

interface OperationObject {
  operationId?: string;
  'x-enclave-service'?: EnclaveService;
  security?: readonly unknown[];
}

/**
 * Every operation of the contract (openapi.yaml unless another document is given) with the
 * service that answers it: what the local gateway and API Gateway route by. An operation
 * without an id or a service is a contract error, reported by name.
 */
export function contractOperations(
  document: { paths: object } = openApiDocument,
): ContractOperation[] {
  const operations: ContractOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Partial<Record<HttpMethod, OperationObject>>)[method];
      if (!operation) continue;
      if (!operation.operationId || !operation['x-enclave-service']) {
        throw new Error(
          `${method.toUpperCase()} ${path} needs an operationId and x-enclave-service`,
        );
      }
      operations.push({
        operationId: operation.operationId,
        method,
        path,
        service: operation['x-enclave-service'],
        public: Array.isArray(operation.security) && operation.security.length === 0,
      });
    }
  }
  return operations;
}
