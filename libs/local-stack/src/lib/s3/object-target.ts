import { splitTarget } from './presigned-request';

/** The bucket and key a path-style request names; undefined for service and bucket requests. */
export interface ObjectTarget {
  bucket: string;
  key: string;
  query: Record<string, string | string[]>;
}

export function objectTarget(url: string): ObjectTarget | undefined {
  const { path, query } = splitTarget(url);
  const match = /^\/([^/]+)\/(.+)$/.exec(path);
  if (!match) return undefined;
  try {
    return {
      bucket: decodeURIComponent(match[1] ?? ''),
      key: decodeURIComponent(match[2] ?? ''),
      query,
    };
  } catch {
    return undefined; // not decodable: s3rver answers as it does for any such path
  }
}
