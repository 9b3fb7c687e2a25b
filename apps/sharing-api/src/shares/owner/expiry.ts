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
  const max = settings.maxExpiresSeconds;
  if (seconds > max) {
    throw new ProblemException(
      'validation',
      `Shares may last at most ${inWords(max)} here; this one asks for ${inWords(seconds)}.`,
      // The portal shows this next to its expiry field, so it says the limit in words too.
      [{ field: 'body.expires_in', message: `must be at most ${max} seconds (${inWords(max)})` }],
    );
  }
  const expires = new Date(now.getTime() + seconds * 1000);
  return {
    expiresAt: expires.toISOString(),
    purgeAt: epochSeconds(expires) + settings.retentionSeconds,
  };
}

/** 604800 → "7 days", 7200 → "2 hours", 90 → "90 seconds": the largest unit that divides it. */
function inWords(seconds: number): string {
  const unit = (
    [
      ['day', 86_400],
      ['hour', 3600],
      ['minute', 60],
    ] as const
  ).find(([, size]) => seconds % size === 0);
  const [name, size] = unit ?? ['second', 1];
  const count = seconds / size;
  return `${count} ${name}${count === 1 ? '' : 's'}`;
}
