import type { Schemas } from '@enclave/api-contract';
import type { FileRecord, ShareRecord } from '@enclave/metadata';
import { shareState } from '../share-view';

/** A share row as resolution reads it: everything but the access log. */
export type ResolvedShare = Omit<ShareRecord, 'access_log'>;

/**
 * Why a share no longer serves its file (the 410's detail), or undefined while it does. The
 * file row decides too: a share of a file that is deleted, or not READY, serves nothing.
 */
export function whyGone(
  share: ResolvedShare,
  file: FileRecord | undefined,
  now: Date,
): string | undefined {
  switch (shareState(share, now)) {
    case 'REVOKED':
      return share.revoked_because === 'FILE_DELETED'
        ? 'The shared file was deleted.'
        : 'This share was revoked by its owner.';
    case 'EXHAUSTED':
      return 'This share has no downloads left.';
    case 'EXPIRED':
      return `This share expired at ${share.expires_at}.`;
    case 'ACTIVE':
      break;
  }
  if (file?.status === 'DELETED') return 'The shared file was deleted.';
  if (file?.status !== 'READY') return 'The shared file is not available.';
  return undefined;
}

/** What anyone holding the link may see: never the owner's ids, the recipient or any hash. */
export function toPublicShare(share: ResolvedShare, file: FileRecord): Schemas['PublicShare'] {
  return {
    file_name: file.file_name,
    size: file.size,
    content_type: file.content_type,
    expires_at: share.expires_at,
    password_required: share.password_hash !== undefined,
    downloads_left:
      share.max_downloads === undefined ? null : Math.max(0, share.max_downloads - share.downloads),
    shared_by: share.shared_by ?? null,
    ...(share.message !== undefined ? { message: share.message } : {}),
  };
}
