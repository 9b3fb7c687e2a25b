export * from './lib/sha256';
export * from './lib/test-stack';
export * from './lib/test-users';
export * from './lib/service-process';
export * from './lib/api-gateway-event';
export * from './lib/pause-points';
export * from './lib/object-events';
export * from './lib/lambda-bundle';
