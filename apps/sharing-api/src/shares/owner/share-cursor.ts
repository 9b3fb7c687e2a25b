import { ProblemException } from '@enclave/errors';

const SHARE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Cursors are opaque to clients: the last share_id of a page, base64url-encoded. */
export function encodeShareCursor(shareId: string): string {
  return Buffer.from(shareId, 'utf8').toString('base64url');
}

/** The share_id a cursor carries; 400 naming `query.cursor` when it is not one we gave out. */
export function decodeShareCursor(cursor: string): string {
  const shareId = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!SHARE_ID.test(shareId)) {
    throw new ProblemException('validation', 'The cursor is not one this API gave out.', [
      { field: 'query.cursor', message: 'must be the next_cursor of a previous page' },
    ]);
  }
  return shareId;
}
