export * from './lib/file-removal';
export * from './lib/file-removal.module';
