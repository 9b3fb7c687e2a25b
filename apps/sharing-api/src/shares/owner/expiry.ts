import { ProblemException } from '@enclave/errors';
import { epochSeconds } from '@enclave/metadata';
import type { SharingSettings } from '../sharing-settings';

export interface ShareExpiry {
  /** ISO-8601: when the share stops working. */
  expiresAt: string;
  /** Epoch seconds: when its row (and access log) may be purged. */
  purgeAt: number;
}

/**
 * When a share given `expiresIn` seconds at `now` stops working. The contract caps it at a year;
 * the deployment's own maximum is checked here, before anything is stored or sent.
 */
export function shareExpiry(
  expiresIn: number | undefined,
  settings: Pick<
    SharingSettings,
    'defaultExpiresSeconds' | 'maxExpiresSeconds' | 'retentionSeconds'
  >,
  now: Date,
): ShareExpiry {
  const seconds = expiresIn ?? settings.defaultExpiresSeconds;
  if (seconds > settings.maxExpiresSeconds) {
    throw new ProblemException(
      'validation',
      `Shares may last at most ${settings.maxExpiresSeconds} seconds here; this one asks for ${seconds}.`,
      [{ field: 'body.expires_in', message: `must be at most ${settings.maxExpiresSeconds}` }],
    );
  }
  const expires = new Date(now.getTime() + seconds * 1000);
  return {
    expiresAt: expires.toISOString(),
    purgeAt: epochSeconds(expires) + settings.retentionSeconds,
  };
}
