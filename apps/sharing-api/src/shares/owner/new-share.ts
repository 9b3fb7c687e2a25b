import { type FileRecord, fileRef, type ShareRecord } from '@enclave/metadata';
import { v7 as uuidv7 } from 'uuid';
import { newShareToken, tokenHash } from '../share-token';
import type { ShareExpiry } from './expiry';

/** A share about to be stored, and the token that opens it (shown once, never stored). */
export interface NewShare {
  token: string;
  record: ShareRecord;
}

type ShareDetails = Pick<ShareRecord, 'kind'> &
  Partial<
    Pick<ShareRecord, 'recipient' | 'message' | 'shared_by' | 'max_downloads' | 'delivery'>
  > & { passwordHash?: string };

/**
 * A fresh, unused share of `file`: its own token, no downloads, an empty log. Undefined details
 * stay absent (the document client drops undefined attributes).
 */
export function newShare(
  file: FileRecord,
  now: Date,
  expiry: ShareExpiry,
  { passwordHash, ...details }: ShareDetails,
): NewShare {
  const token = newShareToken();
  return {
    token,
    record: {
      token_hash: tokenHash(token),
      share_id: uuidv7({ msecs: now.getTime() }),
      user_id: file.user_id,
      file_id: file.file_id,
      file_ref: fileRef(file.user_id, file.file_id),
      file_name: file.file_name,
      created_at: now.toISOString(),
      expires_at: expiry.expiresAt,
      downloads: 0,
      password_protected: passwordHash !== undefined,
      password_hash: passwordHash,
      access_log: [],
      log_length: 0,
      purge_at: expiry.purgeAt,
      ...details,
    },
  };
}

/** The public share page a token opens. */
export function shareUrl(linkBase: string, token: string): string {
  return `${linkBase}/s/${token}`;
}
