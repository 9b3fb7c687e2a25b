export const SHARING_SETTINGS = Symbol('SHARING_SETTINGS');
export const CLOCK = Symbol('CLOCK');

/** Returns the current time; injected so tests can move it. */
export type Clock = () => Date;

export interface SharingSettings {
  /** Links are `${linkBase}/s/${token}`. */
  linkBase: string;
  defaultExpiresSeconds: number;
  maxExpiresSeconds: number;
  downloadUrlExpiresSeconds: number;
  emailsPerUserPerHour: number;
  passwordAttempts: number;
  passwordWindowSeconds: number;
  retentionSeconds: number;
}
