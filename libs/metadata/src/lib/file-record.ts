export type FileStatus = 'UPLOADING' | 'READY' | 'DELETED';

/** How a deployment encrypts files at rest (KMS_MODE): SSE-S3, one KMS key, one key per user. */
export type KmsMode = 's3' | 'shared' | 'per_user';

/** A row of the files table (pk `user_id`, sk `file_id`). Times are ISO-8601 strings. */
export interface FileRecord {
  user_id: string;
  file_id: string;
  file_name: string;
  content_type: string;
  size: number;
  status: FileStatus;
  object_key: string;
  created_at: string;
  /** When the upload completed; while UPLOADING, when it started. */
  uploaded_at: string;
  sha256?: string;
  /**
   * How S3 encrypts the object, fixed when the upload is signed: the deployment's KMS_MODE then,
   * and the KMS key (ARN) for `shared` and `per_user`. Rows written before modes existed have
   * neither: their objects are SSE-S3 (the bucket's default).
   */
  kms_mode?: KmsMode;
  kms_key_id?: string;
  /** Multipart uploads only, while UPLOADING. */
  upload_id?: string;
  part_size?: number;
  part_count?: number;
  /** Multipart uploads whose every part carries its SHA-256. */
  checksum_algorithm?: 'SHA256';
  deleted_at?: string;
  /**
   * Set with DELETED: PENDING until the object, any multipart upload and the quota are released
   * (FileRemoval), then DONE. Tombstones older than this field count as DONE.
   */
  removal?: 'PENDING' | 'DONE';
  /** Epoch seconds: whoever finishes a PENDING removal holds it until then. */
  removal_lease_until?: number;
  /**
   * Epoch seconds, UPLOADING rows only: the upload is abandoned after it and the sweep removes
   * it. Not the TTL attribute, so DynamoDB never deletes a row whose bytes the sweep must release.
   */
  upload_expires_at?: number;
  /**
   * Epoch seconds, the table's TTL attribute: only tombstones whose removal is DONE carry it
   * (FilesRepository.completeRemoval), so TTL removes nothing anyone still owns. Rows written
   * before upload_expires_at existed may carry it while UPLOADING: it is then their deadline.
   */
  expires_at?: number;
  /**
   * The sort key of the sparse `live_files` index: file_id while the file is UPLOADING or READY,
   * absent once DELETED, so listings never read tombstones. Set by the repository, not callers.
   */
  live_file_id?: string;
  /**
   * The keys of the sparse `sweep_work` index, present only while the row has work for the sweep:
   * an UPLOADING row (due at its deadline) and a tombstone whose removal is PENDING (due at once,
   * or when its removal lease ends). sweep_shard spreads the rows over SWEEP_SHARDS partitions.
   * Set by the repository, not callers.
   */
  sweep_shard?: number;
  sweep_at?: number;
}

export interface FilePage {
  files: FileRecord[];
  /** The last file_id returned when more may follow. */
  lastFileId?: string;
}

/**
 * When an UPLOADING row's upload is abandoned (epoch seconds), or undefined for none: its
 * upload_expires_at, or the expires_at of a row written before that field existed.
 */
export function uploadDeadline(record: FileRecord): number | undefined {
  return record.upload_expires_at ?? record.expires_at;
}

/** How many partitions the sweep-work index spreads its rows over; the sweep queries each. */
export const SWEEP_SHARDS = 8;

/** A row's shard in the sweep-work index: fixed by its key, so any writer can compute it. */
export function sweepShard(userId: string, fileId: string): number {
  // FNV-1a over the key: cheap, stable, and spread enough for eight partitions.
  let hash = 0x811c9dc5;
  for (const char of `${userId}/${fileId}`) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % SWEEP_SHARDS;
}

/** Epoch seconds, the unit of `expires_at` (DynamoDB TTL) and of removal leases. */
export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
