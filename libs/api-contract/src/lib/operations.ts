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

/** Every operation in openapi.yaml with the service that answers it. */
export function contractOperations(): ContractOperation[] {
  const operations: ContractOperation[] = [];
  for (const [path, item] of Object.entries(openApiDocument.paths)) {
    for (const method of METHODS) {
      const operation = (item as Partial<Record<HttpMethod, OperationObject>>)[method];
      if (!operation?.operationId || !operation['x-enclave-service']) continue;
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
