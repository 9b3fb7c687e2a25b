export * from './lib/file-record';
export * from './lib/files.repository';
export * from './lib/metadata-options';
export * from './lib/metadata.module';
export * from './lib/table-definitions';
