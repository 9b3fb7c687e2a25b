export * from './lib/portal-meta';
export * from './lib/service-env';
export * from './lib/services';
export * from './lib/stack-resources';
export * from './lib/table-schemas';
export * from './lib/user-key-naming';
