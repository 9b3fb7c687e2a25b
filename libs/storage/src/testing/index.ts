export * from './fake-file-storage';
export * from './fake-multipart-storage';
export * from './fake-object-store';
