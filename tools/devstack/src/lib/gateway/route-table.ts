import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

/** One path of the contract: its template, split for matching, and which service answers each method. */
export interface Route {
  /** e.g. `/v1/users/{user_id}/files/{file_id}` */
  template: string;
  /** Literal segments as strings; parameter segments as null. */
  segments: (string | null)[];
  /** Upper-case method → service name (`uploads`, `sharing`, `keys`). */
  methods: ReadonlyMap<string, string>;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const SERVICE_KEY = 'x-enclave-service';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

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

/**
 * The routes of an OpenAPI document: every operation must name its service in
 * `x-enclave-service` (on the operation, or on its path item for all of them), the same key the
 * API Gateway routes are generated from. A missing one is a contract error, reported by name.
 */
export function routesFromOpenApi(document: unknown, source = 'openapi document'): Route[] {
  if (!isRecord(document) || !isRecord(document['paths']))
    throw new Error(`${source}: no "paths" object`);
  const routes: Route[] = [];
  for (const [template, pathItem] of Object.entries(document['paths'])) {
    if (!template.startsWith('/') || !isRecord(pathItem))
      throw new Error(`${source}: bad path item "${template}"`);
    const pathService = pathItem[SERVICE_KEY];
    const methods = new Map<string, string>();
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!isRecord(operation)) continue;
      const service = operation[SERVICE_KEY] ?? pathService;
      if (typeof service !== 'string' || !service) {
        throw new Error(`${source}: ${method.toUpperCase()} ${template} has no ${SERVICE_KEY}`);
      }
      methods.set(method.toUpperCase(), service);
    }
    if (methods.size) routes.push({ template, segments: segmentsOf(template), methods });
  }
  return routes.sort(bySpecificity);
}

/** Reads and parses the contract file (openapi.yaml at the repo root). */
export async function loadRouteTable(file: string): Promise<Route[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the API contract ${file}: ${(error as Error).message}`);
  }
  return routesFromOpenApi(parse(text), file);
}
