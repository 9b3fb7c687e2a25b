/** The families of files the library tells apart, each with its own icon. */
export type FileKind = 'image' | 'video' | 'audio' | 'pdf' | 'text' | 'archive' | 'other';

/** How the library may show a file inside the page; HTML and SVG never, as they can run script. */
export type PreviewKind = 'image' | 'video' | 'audio' | 'pdf' | 'text';

export const FILE_KIND_LABELS: Record<FileKind, string> = {
  image: 'Image',
  video: 'Video',
  audio: 'Audio',
  pdf: 'PDF document',
  text: 'Text',
  archive: 'Archive',
  other: 'File',
};

const EXTENSIONS: Record<string, FileKind> = {
  ...kinds('image', 'png jpg jpeg gif webp avif bmp ico heic tif tiff svg'),
  ...kinds('video', 'mp4 m4v mov webm mkv avi ogv'),
  ...kinds('audio', 'mp3 wav ogg oga flac m4a aac opus'),
  ...kinds('pdf', 'pdf'),
  ...kinds('text', 'txt md csv tsv log json yaml yml xml html htm'),
  ...kinds('archive', 'zip tar gz tgz bz2 xz 7z rar zst'),
};

const ARCHIVE_TYPES = new Set([
  'application/zip',
  'application/x-zip-compressed',
  'application/x-tar',
  'application/gzip',
  'application/x-gzip',
  'application/x-bzip2',
  'application/x-xz',
  'application/x-7z-compressed',
  'application/vnd.rar',
  'application/x-rar-compressed',
  'application/zstd',
]);

const TEXT_TYPES = new Set(['application/json', 'application/xml', 'application/yaml']);

/**
 * Types whose content a browser may run as script or treat as a document of its own: never
 * previewed, whatever the name says.
 */
const ACTIVE_TYPES = new Set([
  'text/html',
  'application/xhtml+xml',
  'image/svg+xml',
  'text/xml',
  'application/xml',
  'text/javascript',
  'application/javascript',
]);

const ACTIVE_EXTENSIONS = new Set(['html', 'htm', 'xhtml', 'svg', 'svgz', 'xml', 'js', 'mjs']);

// Text that the browser shows as plain text in a sandboxed frame.
const PREVIEWABLE_TEXT_TYPES = new Set([
  'text/plain',
  'text/csv',
  'text/markdown',
  'application/json',
]);

/** The kind of a file from its content type, falling back to its extension when the type says little. */
export function fileKind(contentType: string, fileName: string): FileKind {
  const type = mediaType(contentType);
  const [family] = type.split('/');
  if (type === 'application/pdf') return 'pdf';
  if (ARCHIVE_TYPES.has(type)) return 'archive';
  if (family === 'image' || family === 'video' || family === 'audio') return family;
  if (family === 'text' || TEXT_TYPES.has(type)) return 'text';
  return EXTENSIONS[extension(fileName)] ?? 'other';
}

/** How a file can be previewed, or undefined when it must only be downloaded. */
export function previewKind(contentType: string, fileName: string): PreviewKind | undefined {
  const type = mediaType(contentType);
  // The stored type is what S3 serves, so it decides; a risky name is refused as well.
  if (ACTIVE_TYPES.has(type) || ACTIVE_EXTENSIONS.has(extension(fileName))) return undefined;
  const [family] = type.split('/');
  if (family === 'image' || family === 'video' || family === 'audio') return family;
  if (type === 'application/pdf') return 'pdf';
  if (PREVIEWABLE_TEXT_TYPES.has(type)) return 'text';
  return undefined;
}

function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

function extension(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

function kinds(kind: FileKind, extensions: string): Record<string, FileKind> {
  return Object.fromEntries(extensions.split(' ').map((ext) => [ext, kind]));
}
