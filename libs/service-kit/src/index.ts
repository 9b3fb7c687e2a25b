export * from './lib/problem';
export * from './lib/problem.filter';
