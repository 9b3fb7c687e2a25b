/** The `x-enclave-service` name of the running service (`uploads`, `sharing`, `keys`). */
export const SERVICE_NAME = Symbol('enclave:service-name');
