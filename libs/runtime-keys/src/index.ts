export * from './lib/kms-client';
export * from './lib/remove-runtime-keys';
