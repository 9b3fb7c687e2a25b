import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type RunningService, startSes, waitForMailValue } from '@enclave/local-stack';
import { Secret, TOTP } from 'otpauth';
import { type LocalAuthOptions, startLocalAuth } from './index';

const TEMPORARY_PASSWORD = /^Temporary password: (.+)$/m;
const VERIFICATION_CODE = /^Verification code: (.+)$/m;
const NEW_PASSWORD = 'Correct-Horse-9';

interface Reply {
  status: number;
  body: Record<string, unknown>;
  contentType: string | null;
}

/** SES's store is process-global: every test gets addresses of its own. */
const uniqueEmail = (label: string): string => `${label}-${randomUUID()}@example.com`;

/** A clock the test moves; TOTP codes are computed against it too. */
class TestClock {
  value = Date.now();
  readonly now = (): number => this.value;
  advance(ms: number): void {
    this.value += ms;
  }
  /** Into the next 30-second TOTP step, so a fresh code is not a replay of the last one. */
  nextTotpStep(): void {
    this.advance(30_000);
  }
}

function totpCode(secret: string, timestamp: number): string {
  return new TOTP({
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  }).generate({ timestamp });
}

describe('local-auth against the local SES mailbox', () => {
  let ses: RunningService;
  const started: RunningService[] = [];
  let dataDir: string;

  beforeAll(async () => {
    ses = await startSes();
    dataDir = await mkdtemp(path.join(tmpdir(), 'local-auth-'));
  });

  afterAll(async () => {
    await Promise.all(started.map((service) => service.stop()));
    await ses.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function startAuth(options: Partial<LocalAuthOptions> = {}): Promise<RunningService> {
    const service = await startLocalAuth({ sesEndpoint: ses.endpoint, ...options });
    started.push(service);
    return service;
  }

  async function call(
    service: RunningService,
    method: 'GET' | 'POST',
    route: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const response = await fetch(`${service.endpoint}${route}`, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const contentType = response.headers.get('content-type');
    const parsed = contentType?.includes('json')
      ? ((await response.json()) as Record<string, unknown>)
      : {};
    return { status: response.status, body: parsed, contentType };
  }

  const userinfo = (service: RunningService, idToken: string): Promise<Reply> =>
    call(service, 'GET', '/v1/userinfo', undefined, { authorization: `Bearer ${idToken}` });

  async function signUp(
    service: RunningService,
    email: string,
  ): Promise<{ userId: string; temporaryPassword: string }> {
    const reply = await call(service, 'POST', '/v1/users', {
      full_name: 'Ada Lovelace',
      email,
      mobile_phone_number: '+447700900123',
    });
    expect(reply).toMatchObject({ status: 200, body: { email, status: 'CREATED' } });
    const userId = String(reply.body['user_id']);
    expect(userId).toMatch(/^[0-9a-f-]{36}$/);
    return {
      userId,
      temporaryPassword: await waitForMailValue(ses.endpoint, email, TEMPORARY_PASSWORD),
    };
  }

  /** Sign-up, confirm and confirm-mfa: a user ready to sign in with MFA. */
  async function enrolledUser(service: RunningService, clock: TestClock, label: string) {
    const email = uniqueEmail(label);
    const { userId, temporaryPassword } = await signUp(service, email);
    const confirmed = await call(service, 'POST', `/v1/users/${userId}/confirm`, {
      email,
      temporary_password: temporaryPassword,
      new_password: NEW_PASSWORD,
    });
    expect(confirmed.status).toBe(200);
    const secret = String(confirmed.body['qr_code_secret']);
    const mfa = await call(service, 'POST', `/v1/users/${userId}/confirm-mfa`, {
      email,
      otp: totpCode(secret, clock.now()),
    });
    expect(mfa.body).toEqual({ email, user_id: userId, mfa_status: 'CONFIRMED' });
    return { email, userId, secret, confirmed };
  }

  async function signIn(
    service: RunningService,
    clock: TestClock,
    email: string,
    secret: string,
    password = NEW_PASSWORD,
  ) {
    const login = await call(service, 'POST', '/v1/login', { email, password });
    expect(login.body).toMatchObject({ email, verification_type: 'SOFTWARE_TOKEN_MFA' });
    clock.nextTotpStep();
    const verified = await call(service, 'POST', '/v1/mfa-verify', {
      email,
      verification_type: 'SOFTWARE_TOKEN_MFA',
      verification_session: login.body['verification_session'],
      otp_code: totpCode(secret, clock.now()),
    });
    expect(verified.status).toBe(200);
    return verified.body as {
      id_token: string;
      access_token: string;
      refresh_token: string;
      expires_in: number;
    };
  }

  it('runs the whole flow: sign-up, confirm, MFA, login, userinfo, refresh, logout', async () => {
    const clock = new TestClock();
    const auth = await startAuth({ now: clock.now });
    const email = uniqueEmail('flow');
    const { userId, temporaryPassword } = await signUp(auth, email);

    const confirmed = await call(auth, 'POST', `/v1/users/${userId}/confirm`, {
      email,
      temporary_password: temporaryPassword,
      new_password: NEW_PASSWORD,
    });
    expect(confirmed).toMatchObject({
      status: 200,
      body: { email, user_id: userId, status: 'ACTIVE' },
    });
    const secret = String(confirmed.body['qr_code_secret']);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(String(confirmed.body['qr_code_secret_url'])).toMatch(
      new RegExp(`^${auth.endpoint}/v1/qr/[A-Za-z0-9_-]+\\.png$`),
    );

    // Before MFA is confirmed, a password alone still signs in (there is no challenge yet).
    const direct = await call(auth, 'POST', '/v1/login', { email, password: NEW_PASSWORD });
    expect(direct.body).toMatchObject({
      email,
      id_token: expect.any(String),
      refresh_token: expect.any(String),
    });

    const mfa = await call(auth, 'POST', `/v1/users/${userId}/confirm-mfa`, {
      email,
      otp: totpCode(secret, clock.now()),
    });
    expect(mfa).toMatchObject({
      status: 200,
      body: { email, user_id: userId, mfa_status: 'CONFIRMED' },
    });

    const login = await call(auth, 'POST', '/v1/login', { email, password: NEW_PASSWORD });
    expect(login.body).toEqual({
      email,
      verification_session: expect.any(String),
      verification_type: 'SOFTWARE_TOKEN_MFA',
    });
    const verified = await call(auth, 'POST', '/v1/mfa-verify', {
      email,
      verification_type: 'SOFTWARE_TOKEN_MFA',
      verification_session: login.body['verification_session'],
      otp_code: totpCode(secret, clock.now()),
    });
    expect(verified.body).toEqual({
      id_token: expect.any(String),
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      expires_in: 3600,
    });
    const first = verified.body as Record<string, string>;

    const me = await userinfo(auth, String(first['id_token']));
    expect(me).toMatchObject({ status: 200 });
    expect(me.body).toEqual({
      user_id: userId,
      email,
      name: 'Ada Lovelace',
      phone_number: '+447700900123',
      groups: [],
    });
    // An access token is not an ID token.
    expect((await userinfo(auth, String(first['access_token']))).status).toBe(401);

    clock.advance(1000);
    const refreshed = await call(auth, 'POST', '/v1/refresh-token', {
      email,
      refresh_token: first['refresh_token'],
    });
    expect(refreshed.body).toEqual({
      email,
      id_token: expect.any(String),
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      expires_in: 3600,
    });
    expect(refreshed.body['id_token']).not.toBe(first['id_token']);
    expect((await userinfo(auth, String(refreshed.body['id_token']))).status).toBe(200);
    // Refresh tokens rotate: the spent one is dead.
    const reused = await call(auth, 'POST', '/v1/refresh-token', {
      email,
      refresh_token: first['refresh_token'],
    });
    expect(reused).toMatchObject({ status: 401, body: { error_message: expect.any(String) } });

    const logout = await call(auth, 'POST', '/v1/logout', {
      email,
      access_token: refreshed.body['access_token'],
    });
    expect(logout).toMatchObject({ status: 200, body: { user_status: 'logout' } });
    for (const idToken of [
      first['id_token'],
      refreshed.body['id_token'],
      direct.body['id_token'],
    ]) {
      const after = await userinfo(auth, String(idToken));
      expect(after).toMatchObject({ status: 401, body: { error_message: expect.any(String) } });
    }
    const refreshAfter = await call(auth, 'POST', '/v1/refresh-token', {
      email,
      refresh_token: refreshed.body['refresh_token'],
    });
    expect(refreshAfter.status).toBe(401);

    // Logout ends the sessions that existed, not the account: a new sign-in works at once.
    const again = await signIn(auth, clock, email, secret);
    expect((await userinfo(auth, again.id_token)).status).toBe(200);
  });

  it('serves the QR code as a PNG for a few minutes only', async () => {
    const clock = new TestClock();
    const auth = await startAuth({ now: clock.now });
    const { confirmed } = await enrolledUser(auth, clock, 'qr');
    const url = String(confirmed.body['qr_code_secret_url']);

    const image = await fetch(url);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('cache-control')).toBe('no-store');
    const png = Buffer.from(await image.arrayBuffer());
    expect(png.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );

    clock.advance(5 * 60 * 1000 + 1);
    const expired = await fetch(url);
    expect(expired.status).toBe(404);
    expect(await expired.json()).toEqual({ error_message: expect.any(String) });
  });

  it('asks a user still on the temporary password to confirm first', async () => {
    const auth = await startAuth();
    const email = uniqueEmail('unconfirmed');
    const { userId, temporaryPassword } = await signUp(auth, email);
    const login = await call(auth, 'POST', '/v1/login', { email, password: temporaryPassword });
    expect(login.status).toBe(400);
    expect(String(login.body['error_message'])).toContain(`/v1/users/${userId}/confirm`);
  });

  it('resets a forgotten password with the e-mailed code and ends existing sessions', async () => {
    const clock = new TestClock();
    const auth = await startAuth({ now: clock.now });
    const { email, userId, secret } = await enrolledUser(auth, clock, 'forgot');
    const before = await signIn(auth, clock, email, secret);

    const forgot = await call(auth, 'POST', '/v1/forgot-password', { email });
    expect(forgot).toMatchObject({
      status: 200,
      body: { email, user_id: userId, status: 'PASSWORD_FORGOT_CONFIRMATION_SENT' },
    });
    const code = await waitForMailValue(ses.endpoint, email, VERIFICATION_CODE);
    expect(code).toMatch(/^[0-9]{6}$/);

    const wrongCode = code === '000000' ? '111111' : '000000';
    const rejected = await call(auth, 'POST', `/v1/users/${userId}/confirm-password`, {
      email,
      new_password: 'Another-Pass-7',
      verification_code: wrongCode,
    });
    expect(rejected).toMatchObject({ status: 401, body: { error_message: expect.any(String) } });

    const weak = await call(auth, 'POST', `/v1/users/${userId}/confirm-password`, {
      email,
      new_password: 'alllowercase1!',
      verification_code: code,
    });
    expect(weak).toMatchObject({
      status: 400,
      body: { error_message: expect.stringContaining('uppercase') },
    });

    const reset = await call(auth, 'POST', `/v1/users/${userId}/confirm-password`, {
      email,
      new_password: 'Another-Pass-7',
      verification_code: code,
    });
    expect(reset).toMatchObject({ status: 200, body: { status: 'NEW_PASSWORD_SET_SUCCESSFULLY' } });
    // The code is single-use.
    const replay = await call(auth, 'POST', `/v1/users/${userId}/confirm-password`, {
      email,
      new_password: 'Third-Pass-7',
      verification_code: code,
    });
    expect(replay.status).toBe(400);

    expect((await userinfo(auth, before.id_token)).status).toBe(401);
    expect((await call(auth, 'POST', '/v1/login', { email, password: NEW_PASSWORD })).status).toBe(
      401,
    );
    const after = await signIn(auth, clock, email, secret, 'Another-Pass-7');
    expect((await userinfo(auth, after.id_token)).body).toMatchObject({ user_id: userId, email });
  });

  it('lets a reset code be tried five times only', async () => {
    const clock = new TestClock();
    const auth = await startAuth({ now: clock.now });
    const { email, userId } = await enrolledUser(auth, clock, 'guess');
    await call(auth, 'POST', '/v1/forgot-password', { email });
    const code = await waitForMailValue(ses.endpoint, email, VERIFICATION_CODE);
    const wrongCodes = ['000000', '111111', '222222', '333333', '444444', '555555'].filter(
      (guess) => guess !== code,
    );

    const guesses = await Promise.all(
      wrongCodes.slice(0, 5).map((verification_code) =>
        call(auth, 'POST', `/v1/users/${userId}/confirm-password`, {
          email,
          new_password: 'Another-Pass-7',
          verification_code,
        }),
      ),
    );
    expect(guesses.map((reply) => reply.status)).toEqual([401, 401, 401, 401, 401]);
    const right = await call(auth, 'POST', `/v1/users/${userId}/confirm-password`, {
      email,
      new_password: 'Another-Pass-7',
      verification_code: code,
    });
    expect(right).toMatchObject({
      status: 400,
      body: { error_message: expect.stringContaining('forgot-password') },
    });
  });

  it('answers 401 for a wrong password, a wrong or replayed OTP and a spent MFA session', async () => {
    const clock = new TestClock();
    const auth = await startAuth({ now: clock.now });
    const { email, secret } = await enrolledUser(auth, clock, 'wrong');

    const wrongPassword = await call(auth, 'POST', '/v1/login', {
      email,
      password: 'Wrong-Pass-1',
    });
    expect(wrongPassword).toEqual({
      status: 401,
      body: { error_message: 'Incorrect username or password.' },
      contentType: expect.any(String),
    });
    const unknownUser = await call(auth, 'POST', '/v1/login', {
      email: uniqueEmail('nobody'),
      password: NEW_PASSWORD,
    });
    expect(unknownUser).toMatchObject({
      status: 401,
      body: { error_message: 'Incorrect username or password.' },
    });

    const login = await call(auth, 'POST', '/v1/login', { email, password: NEW_PASSWORD });
    clock.nextTotpStep();
    const good = totpCode(secret, clock.now());
    const wrong = good === '123456' ? '654321' : '123456';
    const attempt = (otp_code: string) =>
      call(auth, 'POST', '/v1/mfa-verify', {
        email,
        verification_type: 'SOFTWARE_TOKEN_MFA',
        verification_session: login.body['verification_session'],
        otp_code,
      });
    expect(await attempt(wrong)).toMatchObject({
      status: 401,
      body: { error_message: expect.any(String) },
    });
    expect((await attempt(good)).status).toBe(200);
    // The challenge session is single-use.
    expect((await attempt(good)).status).toBe(401);

    // A code that already signed someone in does not work twice (RFC 6238 §5.2).
    const second = await call(auth, 'POST', '/v1/login', { email, password: NEW_PASSWORD });
    const replayed = await call(auth, 'POST', '/v1/mfa-verify', {
      email,
      verification_type: 'SOFTWARE_TOKEN_MFA',
      verification_session: second.body['verification_session'],
      otp_code: good,
    });
    expect(replayed.status).toBe(401);

    // The MFA challenge lasts three minutes.
    const third = await call(auth, 'POST', '/v1/login', { email, password: NEW_PASSWORD });
    clock.advance(3 * 60 * 1000 + 1);
    const late = await call(auth, 'POST', '/v1/mfa-verify', {
      email,
      verification_type: 'SOFTWARE_TOKEN_MFA',
      verification_session: third.body['verification_session'],
      otp_code: totpCode(secret, clock.now()),
    });
    expect(late.status).toBe(401);
  });

  it('rejects bad input with 400 {message} and rule breaks with 400 {error_message}', async () => {
    const auth = await startAuth();
    const email = uniqueEmail('input');
    const valid = { full_name: 'Grace Hopper', email, mobile_phone_number: '+15555550100' };

    const extra = await call(auth, 'POST', '/v1/users', { ...valid, is_admin: true });
    expect(extra).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('is_admin') },
    });
    const malformed = await call(auth, 'POST', '/v1/users', '{"full_name": "Grace"');
    expect(malformed).toMatchObject({ status: 400, body: { message: expect.any(String) } });
    const badPhone = await call(auth, 'POST', '/v1/users', {
      ...valid,
      mobile_phone_number: '555-0100',
    });
    expect(badPhone).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('mobile_phone_number') },
    });
    const badOtp = await call(auth, 'POST', `/v1/users/${randomUUID()}/confirm-mfa`, {
      email,
      otp: '12345',
    });
    expect(badOtp).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('otp') },
    });

    const { userId, temporaryPassword } = await signUp(auth, email);
    const duplicate = await call(auth, 'POST', '/v1/users', {
      ...valid,
      email: email.toUpperCase(),
    });
    expect(duplicate).toMatchObject({
      status: 400,
      body: { error_message: expect.stringContaining('already exists') },
    });

    const weak = await call(auth, 'POST', `/v1/users/${userId}/confirm`, {
      email,
      temporary_password: temporaryPassword,
      new_password: 'NoDigitsHere!',
    });
    expect(weak).toMatchObject({
      status: 400,
      body: { error_message: expect.stringContaining('numeric') },
    });

    const noHeader = await call(auth, 'GET', '/v1/userinfo');
    expect(noHeader).toMatchObject({ status: 401, body: { error_message: expect.any(String) } });
    const garbage = await userinfo(auth, 'not.a.jwt');
    expect(garbage).toMatchObject({ status: 401, body: { error_message: expect.any(String) } });
  });

  it('answers 503 and keeps no half-made user when the mail cannot be sent', async () => {
    // A port that was free a moment ago: nothing answers there until SES is started on it.
    const probe = await startSes();
    await probe.stop();
    const auth = await startAuth({ sesEndpoint: probe.endpoint });
    const email = uniqueEmail('outage');
    const body = { full_name: 'Alan Turing', email, mobile_phone_number: '+15555550100' };

    const failed = await call(auth, 'POST', '/v1/users', body);
    expect(failed).toMatchObject({ status: 503, body: { error_message: expect.any(String) } });

    const mailbox = await startSes({ port: probe.port });
    try {
      const retried = await call(auth, 'POST', '/v1/users', body);
      expect(retried).toMatchObject({ status: 200, body: { email, status: 'CREATED' } });
      await expect(waitForMailValue(mailbox.endpoint, email, TEMPORARY_PASSWORD)).resolves.toMatch(
        /\S{12}/,
      );
    } finally {
      await mailbox.stop();
    }
  });

  it('refuses an ID token after it expires', async () => {
    const clock = new TestClock();
    const auth = await startAuth({ now: clock.now, tokenTtlSeconds: 60 });
    const { email, secret } = await enrolledUser(auth, clock, 'expiry');
    const tokens = await signIn(auth, clock, email, secret);
    expect(tokens.expires_in).toBe(60);

    clock.advance(59_000);
    expect((await userinfo(auth, tokens.id_token)).status).toBe(200);
    clock.advance(2_000);
    expect(await userinfo(auth, tokens.id_token)).toMatchObject({
      status: 401,
      body: { error_message: 'Token has expired' },
    });
    // The refresh token outlives the ID token.
    const refreshed = await call(auth, 'POST', '/v1/refresh-token', {
      email,
      refresh_token: tokens.refresh_token,
    });
    expect((await userinfo(auth, String(refreshed.body['id_token']))).status).toBe(200);
  });

  it('keeps users, keys and sessions across a restart with the same data file', async () => {
    const clock = new TestClock();
    const dataFile = path.join(dataDir, 'restart', 'users.json');
    const first = await startAuth({ now: clock.now, dataFile });
    const { email, userId, secret } = await enrolledUser(first, clock, 'restart');
    const tokens = await signIn(first, clock, email, secret);
    await first.stop();

    const second = await startAuth({ now: clock.now, dataFile });
    expect((await userinfo(second, tokens.id_token)).body).toMatchObject({
      user_id: userId,
      email,
    });
    const refreshed = await call(second, 'POST', '/v1/refresh-token', {
      email,
      refresh_token: tokens.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    const again = await signIn(second, clock, email, secret);
    expect((await userinfo(second, again.id_token)).status).toBe(200);

    // A server with its own store knows neither the user nor the key.
    const stranger = await startAuth({ now: clock.now });
    expect((await userinfo(stranger, tokens.id_token)).status).toBe(401);
  });
});
