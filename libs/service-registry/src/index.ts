export * from './lib/service-env';
export * from './lib/services';
export * from './lib/stack-resources';
