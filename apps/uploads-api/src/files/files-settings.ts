export const FILES_SETTINGS = Symbol('FILES_SETTINGS');
export const CLOCK = Symbol('CLOCK');

/** Returns the current time; injected so tests can move it. */
export type Clock = () => Date;

export interface FilesSettings {
  uploadUrlExpiresSeconds: number;
  partUrlExpiresSeconds: number;
  downloadUrlExpiresSeconds: number;
  uploadTtlSeconds: number;
  deletedRetentionSeconds: number;
  /** Files larger than this upload in parts. */
  multipartThresholdBytes: number;
  /** Preferred part size; grown for very large files to stay within 10,000 parts. */
  partSizeBytes: number;
  maxFileBytes: number;
  /** Bytes a user may hold (UPLOADING + READY); undefined = no quota. */
  userQuotaBytes?: number;
}
