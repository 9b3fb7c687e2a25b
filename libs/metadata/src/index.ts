export * from './lib/table-definitions';
