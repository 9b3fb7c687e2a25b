import { createHash } from 'node:crypto';
import { Token } from 'cdktf';

export interface CspSources {
  /** The Enclave API the portal calls. */
  apiUrl: string;
  /** The auth service the portal calls for sign-up, sign-in and refresh. */
  authEndpoint: string;
  /** The files bucket's regional host: presigned PUTs and GETs go straight to it. */
  filesBucketRegionalDomain: string;
}

/**
 * A source for connect-src: the URL's origin, since a source with a path matches that path only.
 * A value known only at apply (a Terraform reference such as the API's endpoint) or a wildcard
 * host is taken as it is; those are origins already.
 */
const origin = (url: string): string =>
  Token.isUnresolved(url) || url.includes('*') ? url : new URL(url).origin;

/**
 * The hashes of the inline event handlers in the built index.html. Angular's critical-CSS step
 * loads the stylesheet with `onload="this.media='all'"`; under `script-src 'self'` alone the
 * handler is blocked and the page stays unstyled, so exactly those handlers are allowed by hash.
 */
export function inlineHandlerHashes(indexHtml: string): string[] {
  const handlers = [...indexHtml.matchAll(/\son[a-z]+="([^"]*)"/g)].map((match) => match[1] ?? '');
  return [...new Set(handlers)].map(
    (handler) => `'sha256-${createHash('sha256').update(handler).digest('base64')}'`,
  );
}

/**
 * The portal's Content-Security-Policy: its own scripts only, calls only to itself, the API, the
 * auth service and the files bucket. Styles may be inline: Angular adds component styles as
 * `<style>` elements at runtime, and index.html carries its critical CSS inline.
 */
export function contentSecurityPolicy(sources: CspSources, indexHtml: string): string {
  const handlerHashes = inlineHandlerHashes(indexHtml);
  const scriptSrc = handlerHashes.length
    ? ["'self'", "'unsafe-hashes'", ...handlerHashes]
    : ["'self'"];
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', scriptSrc],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    [
      'connect-src',
      [
        "'self'",
        origin(sources.apiUrl),
        origin(sources.authEndpoint),
        `https://${sources.filesBucketRegionalDomain}`,
      ],
    ],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}
