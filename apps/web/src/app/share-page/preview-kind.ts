export type PreviewKind = 'image' | 'video' | 'audio' | 'pdf' | 'text';

// Types a browser shows without running anything; the server grants `inline` only to these
// (HTML, SVG and other markup never: they could run script on the object store's origin).
const RASTER_IMAGES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
]);

/** How the share page may preview a file of this content type, if at all. */
export function previewKind(contentType: string): PreviewKind | undefined {
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (RASTER_IMAGES.has(type)) return 'image';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  if (type === 'application/pdf') return 'pdf';
  if (type === 'text/plain') return 'text';
  return undefined;
}

/** Only web links may become a download or a preview source. */
export function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}
