import { JsonFileStore } from '@enclave/local-stack';
import { z } from 'zod';

const UserRecord = z.object({
  user_id: z.string(),
  /** Lower-cased: the username. */
  email: z.string(),
  name: z.string().nullable(),
  phone_number: z.string().nullable(),
  groups: z.array(z.string()),
  /** Cognito's states: a new user must replace the e-mailed temporary password first. */
  status: z.enum(['FORCE_CHANGE_PASSWORD', 'CONFIRMED']),
  password_hash: z.string(),
  /** ms; only for a temporary password. */
  password_expires_at: z.number().nullable(),
  mfa: z.object({ secret: z.string(), status: z.enum(['PENDING', 'CONFIRMED']) }).nullable(),
  /** Highest TOTP step accepted at sign-in; RFC 6238 §5.2 forbids accepting a code twice. */
  last_totp_step: z.number().nullable(),
  password_reset: z
    .object({ code_hash: z.string(), expires_at: z.number(), attempts: z.number() })
    .nullable(),
  created_at: z.number(),
});
export type UserRecord = z.infer<typeof UserRecord>;

/** One sign-in: its refresh token and every ID/access token minted from it (their `origin_jti`). */
const SessionRecord = z.object({
  session_id: z.string(),
  user_id: z.string(),
  refresh_token_hash: z.string(),
  auth_time: z.number(),
  expires_at: z.number(),
});
export type SessionRecord = z.infer<typeof SessionRecord>;

/** A password accepted at login, waiting for the TOTP code. */
const ChallengeRecord = z.object({
  session_hash: z.string(),
  user_id: z.string(),
  expires_at: z.number(),
  failed_attempts: z.number(),
});
export type ChallengeRecord = z.infer<typeof ChallengeRecord>;

/** The private RSA JWK that signs tokens; kept with the users so tokens survive a restart. */
const SigningKey = z.object({
  kty: z.literal('RSA'),
  n: z.string(),
  e: z.string(),
  d: z.string(),
  p: z.string(),
  q: z.string(),
  dp: z.string(),
  dq: z.string(),
  qi: z.string(),
});
export type SigningKey = z.infer<typeof SigningKey>;

const StoreData = z.object({
  version: z.literal(1),
  signing_key: SigningKey.nullable(),
  users: z.array(UserRecord),
  sessions: z.array(SessionRecord),
  challenges: z.array(ChallengeRecord),
});
type StoreData = z.infer<typeof StoreData>;

export class DuplicateUserError extends Error {
  constructor() {
    super('User account already exists');
    this.name = 'DuplicateUserError';
  }
}

/**
 * Users, sign-in sessions, pending MFA challenges and the signing key, in memory and, when a
 * file is given, written through to it after every change. Reads and the check-then-insert of
 * a user are synchronous, so concurrent requests cannot interleave inside them. Records handed
 * out are the stored objects themselves: change them, then call save().
 */
export class UsersStore {
  private constructor(private readonly file: JsonFileStore<StoreData>) {}

  static async open(dataFile?: string): Promise<UsersStore> {
    return new UsersStore(await JsonFileStore.open(dataFile, StoreData, emptyData, 'local-auth'));
  }

  private get data(): StoreData {
    return this.file.data;
  }

  get signingKey(): SigningKey | null {
    return this.data.signing_key;
  }

  setSigningKey(jwk: SigningKey): void {
    this.data.signing_key = jwk;
  }

  userByEmail(email: string): UserRecord | undefined {
    const wanted = email.toLowerCase();
    return this.data.users.find((user) => user.email === wanted);
  }

  userById(userId: string): UserRecord | undefined {
    return this.data.users.find((user) => user.user_id === userId);
  }

  /** The user whose id and e-mail both match: a path `{user_id}` must agree with the body. */
  userByIdAndEmail(userId: string, email: string): UserRecord | undefined {
    const user = this.userById(userId);
    return user?.email === email.toLowerCase() ? user : undefined;
  }

  insertUser(user: UserRecord): void {
    if (this.userByEmail(user.email)) throw new DuplicateUserError();
    this.data.users.push({ ...user, email: user.email.toLowerCase() });
  }

  deleteUser(userId: string): void {
    this.data.users = this.data.users.filter((user) => user.user_id !== userId);
    this.deleteSessionsOf(userId);
  }

  updateUser(userId: string, changes: Partial<Omit<UserRecord, 'user_id' | 'email'>>): UserRecord {
    const user = this.userById(userId);
    if (!user) throw new Error('no such user');
    Object.assign(user, changes);
    return user;
  }

  addSession(session: SessionRecord): void {
    this.data.sessions.push(session);
  }

  session(sessionId: string): SessionRecord | undefined {
    return this.data.sessions.find((session) => session.session_id === sessionId);
  }

  sessionByRefreshHash(refreshTokenHash: string): SessionRecord | undefined {
    return this.data.sessions.find((session) => session.refresh_token_hash === refreshTokenHash);
  }

  deleteSessionsOf(userId: string): void {
    this.data.sessions = this.data.sessions.filter((session) => session.user_id !== userId);
    this.data.challenges = this.data.challenges.filter((challenge) => challenge.user_id !== userId);
  }

  addChallenge(challenge: ChallengeRecord): void {
    this.data.challenges.push(challenge);
  }

  challenge(sessionHash: string): ChallengeRecord | undefined {
    return this.data.challenges.find((challenge) => challenge.session_hash === sessionHash);
  }

  deleteChallenge(sessionHash: string): void {
    this.data.challenges = this.data.challenges.filter(
      (challenge) => challenge.session_hash !== sessionHash,
    );
  }

  /** Drops sessions and challenges past their expiry, so the file does not grow forever. */
  prune(nowMs: number): void {
    this.data.sessions = this.data.sessions.filter((session) => session.expires_at > nowMs);
    this.data.challenges = this.data.challenges.filter((challenge) => challenge.expires_at > nowMs);
  }

  /** Writes the current state through to the file, if any (see JsonFileStore). */
  save(): Promise<void> {
    return this.file.save();
  }

  /** Resolves once every write started so far has finished. */
  flush(): Promise<void> {
    return this.file.flush();
  }
}

function emptyData(): StoreData {
  return { version: 1, signing_key: null, users: [], sessions: [], challenges: [] };
}
