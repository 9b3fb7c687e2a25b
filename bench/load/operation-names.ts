import { contractOperations } from '@enclave/api-contract';

/** Names what a request was: its contract operation id, or which S3 call a presigned URL made. */
export type OperationNamer = (method: string, url: URL) => string;

/**
 * Matches requests to the gateway against the contract's path templates (so new operations are
 * named without a change here) and requests to the S3 stand-in by method and query.
 */
export function operationNamer(apiBase: string, s3Endpoint: string): OperationNamer {
  const api = new URL(apiBase);
  const s3 = new URL(s3Endpoint);
  const routes = contractOperations().map((operation) => ({
    method: operation.method.toUpperCase(),
    pattern: new RegExp(`^${operation.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    name: operation.operationId,
  }));
  return (method, url) => {
    if (url.host === s3.host) {
      if (method === 'PUT')
        return url.searchParams.has('partNumber') ? 's3 PUT part' : 's3 PUT object';
      return `s3 ${method} object`;
    }
    if (url.host === api.host) {
      const route = routes.find((r) => r.method === method && r.pattern.test(url.pathname));
      if (route) return route.name;
    }
    return `other ${method} ${url.host}`;
  };
}
