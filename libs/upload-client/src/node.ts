// Node entry: everything in the browser-safe entry, plus local files, file-backed state and downloads.
export * from './index';
export * from './lib/node/download';
export * from './lib/node/file-byte-source';
export * from './lib/node/file-state-store';
