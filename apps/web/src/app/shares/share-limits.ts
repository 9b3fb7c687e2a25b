// The contract's limits on share requests (openapi.yaml), checked in the browser before sending.

/** ShareByEmailRequest.share_with maxItems. */
export const MAX_RECIPIENTS = 20;
/** ShareByEmailRequest.message maxLength. */
export const MAX_MESSAGE_LENGTH = 2000;
/** CreateShareLinkRequest.password minLength / maxLength. */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;
/** MaxDownloads maximum. */
export const MAX_DOWNLOADS_LIMIT = 100000;

export interface ExpiryOption {
  label: string;
  seconds: number;
}

/** The expiries offered everywhere a share is made or changed. */
export const EXPIRY_OPTIONS: readonly ExpiryOption[] = [
  { label: '1 hour', seconds: 3600 },
  { label: '1 day', seconds: 86400 },
  { label: '7 days', seconds: 7 * 86400 },
  { label: '30 days', seconds: 30 * 86400 },
];

export const DEFAULT_EXPIRY_SECONDS = 86400;
