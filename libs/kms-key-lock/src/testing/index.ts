export * from './fake-key-management';
export * from './in-memory-key-rows';
export * from './manual-clock';
