export * from './fake-files.repository';
export * from './fake-storage-usage.repository';
export * from './fake-shares.repository';
export * from './raw-rows';
