export * from './lib/file-record';
export * from './lib/files.repository';
export * from './lib/metadata-errors';
export * from './lib/metadata-options';
export * from './lib/metadata.module';
export * from './lib/storage-usage.repository';
export * from './lib/table-definitions';
