import type { EnclaveService } from '@enclave/api-contract';

/** The `x-enclave-service` name of the running service (`uploads`, `sharing`, `keys`). */
export const SERVICE_NAME = Symbol('enclave:service-name');
export type ServiceName = EnclaveService;
