import type { Operation } from '../context';
import { aliasOperations } from './aliases';
import { cryptographyOperations } from './cryptography';
import { keyOperations } from './keys';
import { tagOperations } from './tags';

/** Every operation local-kms answers, by its X-Amz-Target name without `TrentService.`. */
export const OPERATIONS: Readonly<Record<string, Operation>> = {
  ...keyOperations,
  ...aliasOperations,
  ...tagOperations,
  ...cryptographyOperations,
};
