// Browser-safe entry: nothing here imports Node built-ins (see ./node for files and downloads).
export * from './lib/backoff';
export * from './lib/byte-source';
export * from './lib/errors';
export * from './lib/events';
export * from './lib/files-api';
export * from './lib/part-plan';
export * from './lib/progress';
export * from './lib/sha256';
export * from './lib/upload';
export * from './lib/upload-state';
