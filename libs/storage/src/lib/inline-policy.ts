import { parse as parseMediaType } from 'content-type';

export type Disposition = 'attachment' | 'inline';

/** How S3 is told to serve one download: the type and disposition its presigned GET overrides. */
export interface ServedAs {
  contentType: string;
  disposition: Disposition;
}

// Types a browser shows without running anything. SVG is an image that runs scripts, so it is not here.
const INLINE_EXACT = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
  'application/pdf',
  'text/plain',
]);
const INLINE_FAMILIES = ['audio/', 'video/'];

// Source a person may want to read but a browser would execute as a document or script.
const AS_TEXT = new Set([
  'text/html',
  'application/xhtml+xml',
  'image/svg+xml',
  'text/xml',
  'application/xml',
  'text/javascript',
  'application/javascript',
  'application/json',
  'text/css',
  'text/markdown',
  'text/csv',
]);

/**
 * The bucket's origin is shared by every user's files, so nothing it serves inline may run there:
 * inline is granted only to types a browser renders without executing (raster images, audio,
 * video, PDF, plain text). Markup and script asked for inline are served as plain text; any other
 * type is always an attachment. Attachments keep their stored type.
 */
export function servedAs(storedType: string, disposition: Disposition): ServedAs {
  if (disposition === 'attachment') return { contentType: storedType, disposition };
  const essence = mediaTypeEssence(storedType);
  if (essence && (INLINE_EXACT.has(essence) || INLINE_FAMILIES.some((f) => essence.startsWith(f))))
    return { contentType: storedType, disposition: 'inline' };
  if (essence && (AS_TEXT.has(essence) || essence.endsWith('+xml') || essence.endsWith('+json')))
    return { contentType: 'text/plain; charset=utf-8', disposition: 'inline' };
  return { contentType: storedType, disposition: 'attachment' };
}

/** `type/subtype` in lower case, or undefined when the stored value is not a media type. */
function mediaTypeEssence(value: string): string | undefined {
  try {
    return parseMediaType(value).type;
  } catch {
    return undefined;
  }
}
