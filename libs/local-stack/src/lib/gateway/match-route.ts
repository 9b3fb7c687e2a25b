import type { Route } from './route-table';

/**
 * The route whose template matches `path` (no query), or undefined. Parameters match one
 * non-empty segment; routes are pre-sorted most specific first (see routeTable).
 */
export function matchRoute(routes: readonly Route[], path: string): Route | undefined {
  const parts = path.split('/').slice(1);
  return routes.find(
    (route) =>
      route.segments.length === parts.length &&
      route.segments.every((segment, i) =>
        segment === null ? parts[i] !== '' : segment === parts[i],
      ),
  );
}

export type Dispatch =
  | { kind: 'service'; service: string }
  | { kind: 'notFound' }
  | { kind: 'methodNotAllowed'; allow: string[] };

/**
 * Which service answers `method path`. OPTIONS on a known path goes to a service of that path
 * even though the contract lists no OPTIONS: it is the browser's CORS preflight, and the services
 * answer their own CORS.
 */
export function dispatch(routes: readonly Route[], method: string, path: string): Dispatch {
  const route = matchRoute(routes, path);
  if (!route) return { kind: 'notFound' };
  const service =
    route.methods.get(method) ??
    (method === 'OPTIONS' ? [...route.methods.values()][0] : undefined);
  if (service) return { kind: 'service', service };
  return { kind: 'methodNotAllowed', allow: [...route.methods.keys()] };
}
