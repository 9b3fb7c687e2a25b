import type { IncomingHttpHeaders } from 'node:http';

/**
 * The query parameters the signer derives again from its inputs (or, for X-Amz-Content-Sha256,
 * from a header), so they are removed before re-presigning. Everything else in the query, including
 * X-Amz-Security-Token and hoisted x-amz-* headers, was signed as it stands and is kept.
 */
export const AUTH_QUERY_PARAMS = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
  'X-Amz-Signature',
  'X-Amz-Content-Sha256',
] as const;

/** Just what signature verification needs from an incoming request. */
export interface IncomingSignedRequest {
  method: string;
  /** The raw request target: path and query, as received. */
  url: string;
  headers: IncomingHttpHeaders;
}

/** A request is query-signed (presigned, SigV4) when the algorithm is in its query. */
export function isPresignedV4(url: string): boolean {
  const queryStart = url.indexOf('?');
  return queryStart >= 0 && new URLSearchParams(url.slice(queryStart + 1)).has('X-Amz-Algorithm');
}

/** Splits `/path?query` into the raw path and the decoded query, keeping every key's casing and repeats. */
export function splitTarget(url: string): {
  path: string;
  query: Record<string, string | string[]>;
} {
  const queryStart = url.indexOf('?');
  const path = queryStart >= 0 ? url.slice(0, queryStart) : url;
  const query: Record<string, string | string[]> = {};
  if (queryStart >= 0) {
    for (const [key, value] of new URLSearchParams(url.slice(queryStart + 1))) {
      const seen = query[key];
      query[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
    }
  }
  return { path, query };
}

// The SDK's S3 key encoding (encodeURIComponent plus !'()*), so any client's spelling of the same
// key gives the canonical path the signer used.
const extendedEncode = (segment: string): string =>
  encodeURIComponent(segment).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/** The canonical URI S3 signs: each segment decoded, then encoded the SDK's way. Undefined if malformed. */
export function canonicalS3Path(rawPath: string): string | undefined {
  try {
    return rawPath
      .split('/')
      .map((segment) => extendedEncode(decodeURIComponent(segment)))
      .join('/');
  } catch {
    return undefined;
  }
}

/** `20261123T105236Z` → Date; undefined when it is not that shape. */
export function parseAmzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}
