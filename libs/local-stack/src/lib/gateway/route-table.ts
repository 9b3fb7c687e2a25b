import type { ContractOperation } from '@enclave/api-contract';

/** One path of the contract: its template, split for matching, and which service answers each method. */
export interface Route {
  /** e.g. `/v1/users/{user_id}/files/{file_id}` */
  template: string;
  /** Literal segments as strings; parameter segments as null. */
  segments: (string | null)[];
  /** Upper-case method → service name (`uploads`, `sharing`, `keys`). */
  methods: ReadonlyMap<string, string>;
}

function segmentsOf(template: string): (string | null)[] {
  return template
    .split('/')
    .slice(1)
    .map((segment) => (/^\{[^{}]+\}$/.test(segment) ? null : segment));
}

// When two templates match one path, the one with a literal where the other has a parameter
// wins (`/shares/mine` before `/shares/{id}`), as in API Gateway. Sorting by that once lets the
// matcher take the first hit.
function bySpecificity(a: Route, b: Route): number {
  const length = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < length; i++) {
    const aParam = a.segments[i] === null;
    const bParam = b.segments[i] === null;
    if (aParam !== bParam) return aParam ? 1 : -1;
  }
  return a.segments.length - b.segments.length;
}

/** The contract's operations grouped by path, most specific first, as the gateway matches them. */
export function routeTable(operations: readonly ContractOperation[]): Route[] {
  const byPath = new Map<string, Map<string, string>>();
  for (const operation of operations) {
    const methods = byPath.get(operation.path) ?? new Map<string, string>();
    methods.set(operation.method.toUpperCase(), operation.service);
    byPath.set(operation.path, methods);
  }
  return [...byPath]
    .map(([template, methods]) => ({ template, segments: segmentsOf(template), methods }))
    .sort(bySpecificity);
}
