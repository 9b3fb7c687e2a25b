import { seconds, serviceBaseSchema, wholeNumber, filesDataFragment } from '@enclave/config';
import * as z from 'zod/mini';

const HOUR = 3600;
const DAY = 24 * HOUR;

export const sharingConfigSchema = z.extend(serviceBaseSchema, {
  ...filesDataFragment,
  /** Where links point: the portal, whose public share page is `/s/{token}`. */
  SHARE_LINK_BASE: z.pipe(
    z.url(),
    z.transform((url: string) => url.replace(/\/+$/, '')),
  ),
  /** The sender of share e-mails (an SES-verified identity on AWS). */
  SES_FROM_ADDRESS: z._default(
    z.string().check(z.minLength(3)),
    'Enclave <no-reply@enclave.local>',
  ),
  /** A share's lifetime when the request names none (the original Enclave's: one hour). */
  SHARE_DEFAULT_EXPIRES_SECONDS: seconds(HOUR, 365 * DAY),
  /** The longest lifetime a share may be given. */
  SHARE_MAX_EXPIRES_SECONDS: seconds(30 * DAY, 365 * DAY),
  /** How long the presigned GET a share download answers works (at most five minutes). */
  SHARE_DOWNLOAD_URL_EXPIRES_SECONDS: seconds(300, 300),
  /** Share e-mails one user may send per hour, then 429. */
  SHARE_EMAILS_PER_USER_PER_HOUR: wholeNumber(100),
  /** Password tries one share allows per window, then 429 until the window ends. */
  SHARE_PASSWORD_ATTEMPTS: wholeNumber(10),
  SHARE_PASSWORD_WINDOW_SECONDS: seconds(15 * 60, DAY),
  /** How long a share's record (and its access log) is kept after it stopped working. */
  SHARE_RETENTION_SECONDS: seconds(90 * DAY),
});

export type SharingConfig = z.infer<typeof sharingConfigSchema>;
