export type { components, operations, paths } from './generated/schema';
export * from './lib/client';
export * from './lib/operations';

import type { components } from './generated/schema';
/** The contract's named schemas, e.g. `Schemas['FileSummary']`. */
export type Schemas = components['schemas'];
