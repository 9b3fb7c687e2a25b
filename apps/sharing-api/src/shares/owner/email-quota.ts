import { TooManyRequests } from '@enclave/errors';
import { epochSeconds, type SharesRepository } from '@enclave/metadata';

const HOUR = 3600;

/** The hour a share e-mail counts against (epoch seconds / 3600), and when it ends. */
export function quotaHour(now: Date): { hour: number; retryAfterSeconds: number } {
  const seconds = epochSeconds(now);
  const hour = Math.floor(seconds / HOUR);
  return { hour, retryAfterSeconds: Math.max(1, (hour + 1) * HOUR - seconds) };
}

/**
 * Reserves `count` share e-mails in the user's current hour, or refuses with 429 and
 * Retry-After = the seconds left in that hour (when the counter starts again).
 */
export async function reserveShareEmails(
  shares: Pick<SharesRepository, 'reserveEmails'>,
  userId: string,
  count: number,
  limit: number,
  now: Date,
): Promise<number> {
  const { hour, retryAfterSeconds } = quotaHour(now);
  if (await shares.reserveEmails(userId, hour, count, limit)) return hour;
  throw new TooManyRequests(
    `Each user may send ${limit} share e-mails per hour; ${count} more would exceed it. ` +
      `Try again in ${retryAfterSeconds} seconds.`,
    retryAfterSeconds,
  );
}
