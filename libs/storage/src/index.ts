export * from './lib/file-storage';
export * from './lib/object-key';
export * from './lib/storage-options';
export * from './lib/storage.module';
