import type { Page, Request, Route } from 'playwright-core';

/** Uploads go straight to S3 with presigned URLs; those carry a SigV4 signature. */
const isPresigned = (url: URL): boolean => url.searchParams.has('X-Amz-Signature');

/** The part number of a multipart upload's PUT; undefined for a single-PUT upload. */
export function partNumberOf(request: Request): number | undefined {
  const part = new URL(request.url()).searchParams.get('partNumber');
  return part === null ? undefined : Number(part);
}

export interface HeldPuts {
  /** PUTs waiting now. */
  readonly waiting: number;
  /** Resolves once at least `count` PUTs have been held (counting ones since let go). */
  held(count?: number): Promise<void>;
  /** Lets every waiting and later PUT through. */
  release(): void;
  /** Stops intercepting; waiting PUTs fail as a dropped connection would. */
  close(): Promise<void>;
}

/**
 * Holds the page's PUTs to presigned S3 URLs (except those `passes` lets through) so a test can
 * act while an upload is under way: pause it, cancel it, reload the page. A PUT the page itself
 * aborts while held (a pause) just stays unanswered.
 */
export async function holdPresignedPuts(
  page: Page,
  passes: (request: Request) => boolean = () => false,
): Promise<HeldPuts> {
  let released = false;
  let closed = false;
  let heldSoFar = 0;
  const waiting = new Set<Route>();
  const watchers: { count: number; resolve: () => void }[] = [];
  const handler = async (route: Route): Promise<void> => {
    const request = route.request();
    if (request.method() !== 'PUT') return route.fallback();
    if (released || passes(request)) return route.continue();
    waiting.add(route);
    heldSoFar++;
    for (const watcher of watchers.filter((w) => heldSoFar >= w.count)) watcher.resolve();
  };
  await page.route(isPresigned, handler);

  const letGo = (route: Route) =>
    // The page may have aborted it meanwhile (a pause, a reload); then there is nothing to do.
    (closed ? route.abort('connectionreset') : route.continue()).catch(() => undefined);

  return {
    get waiting() {
      return waiting.size;
    },
    held(count = 1) {
      if (heldSoFar >= count) return Promise.resolve();
      return new Promise((resolve) => watchers.push({ count, resolve }));
    },
    release() {
      released = true;
      for (const route of waiting) void letGo(route);
      waiting.clear();
    },
    async close() {
      closed = true;
      await page.unroute(isPresigned, handler);
      await Promise.all([...waiting].map(letGo));
      waiting.clear();
    },
  };
}
