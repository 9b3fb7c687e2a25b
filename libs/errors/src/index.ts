export * from './lib/aws-outage';
export * from './lib/domain-error';
export * from './lib/problem';
export * from './lib/dependency-checks';
