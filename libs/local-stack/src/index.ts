export * from './lib/mailbox';
export * from './lib/running';
export * from './lib/ses';
