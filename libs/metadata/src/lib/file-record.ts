export type FileStatus = 'UPLOADING' | 'READY' | 'DELETED';

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
  /** Epoch seconds. DynamoDB's TTL removes UPLOADING and DELETED rows after it; readers filter too. */
  expires_at?: number;
}

export interface FilePage {
  files: FileRecord[];
  /** The last file_id returned when more may follow. */
  lastFileId?: string;
}

/** Epoch seconds, the unit of `expires_at` (DynamoDB TTL) and of removal leases. */
export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
