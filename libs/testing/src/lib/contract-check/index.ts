export * from './contract-checker';
export * from './contract-proxy';
export * from './contract-violation';
export * from './checked-endpoint';
