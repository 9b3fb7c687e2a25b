export const FILES_SETTINGS = Symbol('FILES_SETTINGS');
export const CLOCK = Symbol('CLOCK');

/** Returns the current time; injected so tests can move it. */
export type Clock = () => Date;

export interface FilesSettings {
  uploadUrlExpiresSeconds: number;
  downloadUrlExpiresSeconds: number;
  uploadTtlSeconds: number;
  deletedRetentionSeconds: number;
}

/** S3 accepts at most 5 GiB in one PUT; larger files need multipart. */
export const MAX_SINGLE_PUT_BYTES = 5 * 1024 ** 3;
