export * from './lib/file-storage';
export * from './lib/multipart-storage';
export * from './lib/inline-policy';
export * from './lib/object-key';
export * from './lib/part-plan';
export * from './lib/storage-errors';
export * from './lib/storage-options';
export * from './lib/storage.module';
