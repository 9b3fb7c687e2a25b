export * from './lib/contract/contract-route.decorator';
export * from './lib/contract/contract-validation.interceptor';
export * from './lib/contract/contract-validator';
export * from './lib/create-http-app';
export * from './lib/logging';
export * from './lib/problem';
export * from './lib/problem.filter';
