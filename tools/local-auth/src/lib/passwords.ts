import { randomBytes, randomInt, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 64;
// OWASP's scrypt floor (N=2^14, r=8, p=1): tens of ms per hash, cheap enough for tests.
const COST = { N: 16384, r: 8, p: 1 } as const;

// Cognito's accepted special characters, so a password valid here is valid in the real pool.
const SYMBOLS = '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+-';

function scryptAsync(
  secret: string,
  salt: Buffer,
  keyLength: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$salt$hash` (base64url parts), self-describing so the cost can change later. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(secret, salt, KEY_LENGTH, COST);
  return [
    'scrypt',
    COST.N,
    COST.r,
    COST.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const options = { N: Number(n), r: Number(r), p: Number(p) };
  if (!Number.isInteger(options.N) || !Number.isInteger(options.r) || !Number.isInteger(options.p))
    return false;
  const actual = await scryptAsync(
    secret,
    Buffer.from(salt, 'base64url'),
    expected.length,
    options,
  );
  return expected.length > 0 && timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | undefined;

/** Burns the same time as a real check, so unknown users cannot be told apart by latency. */
export async function verifyAgainstNobody(secret: string): Promise<false> {
  dummyHash ??= hashSecret('no user has this password');
  await verifySecret(secret, await dummyHash);
  return false;
}

/** The first rule of Cognito's default password policy that `password` breaks, or undefined. */
export function passwordPolicyViolation(password: string): string | undefined {
  const prefix = 'Password does not conform to policy:';
  if (password.length < 8) return `${prefix} Password not long enough (at least 8 characters)`;
  if (!/[A-Z]/.test(password)) return `${prefix} Password must have uppercase characters`;
  if (!/[a-z]/.test(password)) return `${prefix} Password must have lowercase characters`;
  if (!/[0-9]/.test(password)) return `${prefix} Password must have numeric characters`;
  if (![...password].some((char) => SYMBOLS.includes(char))) {
    return `${prefix} Password must have symbol characters`;
  }
  return undefined;
}

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
// Symbols that survive copy and paste from a mail body and need no escaping anywhere.
const SAFE_SYMBOLS = '!@#%&*+-=?';

const pick = (alphabet: string): string => alphabet.charAt(randomInt(alphabet.length));

/** A random 12-character password that satisfies the policy (one of each class, then shuffled). */
export function generateTemporaryPassword(length = 12): string {
  const all = UPPER + LOWER + DIGITS + SAFE_SYMBOLS;
  const chars = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(SAFE_SYMBOLS)];
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}

/** A 6-digit code, as Cognito e-mails for a password reset. */
export function generateVerificationCode(): string {
  return randomInt(1_000_000).toString().padStart(6, '0');
}
