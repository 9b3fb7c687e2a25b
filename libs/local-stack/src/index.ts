export * from './lib/running';
export * from './lib/ses';
