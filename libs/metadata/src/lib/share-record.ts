export type ShareKind = 'EMAIL' | 'LINK';
export type ShareAccessOutcome = 'VIEWED' | 'DOWNLOADED' | 'WRONG_PASSWORD' | 'REFUSED';
export type RevokedBecause = 'OWNER' | 'FILE_DELETED';

/** One use of a share, as the owner sees it: never the full client address. */
export interface ShareAccessEntry {
  at: string;
  outcome: ShareAccessOutcome;
  /** The client address truncated to its network (/24 for IPv4, /48 for IPv6). */
  ip?: string;
  user_agent?: string;
}

/**
 * A row of the shares table (pk `token_hash`). The token itself is never stored: whoever holds
 * it found it in a link. Times are ISO-8601 strings; `purge_at` is epoch seconds.
 */
export interface ShareRecord {
  /** Hex SHA-256 of the share token. */
  token_hash: string;
  /** A UUIDv7, so a user's shares sort by creation time. */
  share_id: string;
  user_id: string;
  file_id: string;
  /** `{user_id}/{file_id}`: the hash key of the by-file index. */
  file_ref: string;
  file_name: string;
  kind: ShareKind;
  /** E-mail shares: the one person it was sent to. */
  recipient?: string;
  message?: string;
  /** The owner's name when it was shared, for the recipient's page. */
  shared_by?: string;
  created_at: string;
  /** When the share stops working. */
  expires_at: string;
  max_downloads?: number;
  downloads: number;
  password_protected: boolean;
  /** A self-describing scrypt hash (see apps/sharing-api); absent without a password. */
  password_hash?: string;
  revoked_at?: string;
  revoked_because?: RevokedBecause;
  last_access_at?: string;
  /** E-mail shares: SENDING until SES took the message. A SENDING share was never announced. */
  delivery?: 'SENDING' | 'SENT';
  /** Oldest first; trimmed to the newest entries (SharesRepository.trimAccessLog). */
  access_log: ShareAccessEntry[];
  log_length: number;
  /** The wrong-password window this share is counting (epoch seconds / window length). */
  pw_window?: number;
  pw_attempts?: number;
  /** Epoch seconds, the table's TTL attribute: a while after the share stopped working. */
  purge_at: number;
}

/** A share as listings read it from an index: everything but the log and the password hash. */
export type ShareSummary = Omit<
  ShareRecord,
  'access_log' | 'password_hash' | 'pw_window' | 'pw_attempts' | 'message'
>;

export interface SharePage {
  shares: ShareSummary[];
  /** The last share_id returned when more may follow. */
  lastShareId?: string;
}

export function fileRef(userId: string, fileId: string): string {
  return `${userId}/${fileId}`;
}
