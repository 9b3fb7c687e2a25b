import { readdirSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

/** One file of the built portal as it is uploaded: its object key and the headers it carries. */
export interface BuildFile {
  /** Object key: the path under the build folder, with `/` separators. */
  key: string;
  /** Absolute path on the machine that synthesizes. */
  path: string;
  contentType: string;
  cacheControl: string;
}

// What an Angular browser build emits. A short table rather than a MIME library: the build's
// outputs are few and known, and an unknown one is served as bytes, never guessed as HTML.
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

export const contentTypeOf = (path: string): string =>
  CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';

/**
 * Hashed names (`main-TMXIT22A.js`) change with their content, so browsers and CloudFront may
 * keep them for good; anything else (index.html, favicon.ico) is revalidated on every load, so a
 * deploy is seen at once. The same rule as the local static site.
 */
export const HASHED_FILE = /-[A-Z0-9]{8,}\.(js|css|mjs)$/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

export const cacheControlOf = (key: string): string =>
  HASHED_FILE.test(key) ? IMMUTABLE : REVALIDATE;

/** Every file under the build folder, sorted by key so the synthesized plan is stable. */
export function buildFiles(folder: string): BuildFile[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      const key = relative(folder, path).split(sep).join('/');
      return { key, path, contentType: contentTypeOf(key), cacheControl: cacheControlOf(key) };
    })
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}
