import type { Schemas } from '@enclave/api-contract';
import type { ShareSummary } from '@enclave/metadata';

type ShareState = Schemas['ShareState'];

/** What a share is at `now`: revoked wins, then used up, then expired. */
export function shareState(share: ShareSummary, now: Date): ShareState {
  if (share.revoked_at !== undefined) return 'REVOKED';
  if (share.max_downloads !== undefined && share.downloads >= share.max_downloads)
    return 'EXHAUSTED';
  if (share.expires_at <= now.toISOString()) return 'EXPIRED';
  return 'ACTIVE';
}

/** A share as the owner's API answers it (never its token hash or password hash). */
export function toShare(share: ShareSummary, now: Date): Schemas['Share'] {
  return {
    share_id: share.share_id,
    file_id: share.file_id,
    file_name: share.file_name,
    kind: share.kind,
    ...(share.recipient !== undefined ? { recipient: share.recipient } : {}),
    created_at: share.created_at,
    expires_at: share.expires_at,
    ...(share.max_downloads !== undefined ? { max_downloads: share.max_downloads } : {}),
    downloads: share.downloads,
    password_protected: share.password_protected,
    ...(share.last_access_at !== undefined ? { last_access_at: share.last_access_at } : {}),
    ...(share.revoked_at !== undefined ? { revoked_at: share.revoked_at } : {}),
    ...(share.revoked_because !== undefined ? { revoked_because: share.revoked_because } : {}),
    state: shareState(share, now),
  };
}
