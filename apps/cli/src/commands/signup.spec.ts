import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { AuthApi, AuthTokens, LoginAnswer } from '../config/auth-client';
import type { NewUser, SignUpApi } from '../config/sign-up-api';
import { CliError, ExitCode } from '../output/cli-error';
import { CliContext } from './context';
import { signup } from './signup';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

function jwt(claims: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none' })}.${part(claims)}.sig`;
}

/** Typed fakes of the auth service's sign-up and login routes that record what they were sent. */
class FakeAuthService implements SignUpApi, AuthApi {
  calls: string[] = [];
  signedUp?: NewUser;
  confirmed?: { email: string; temporary_password: string; new_password: string };
  mfaCodes: string[] = [];
  verifiedWith?: string;
  refuseVerify = false;
  afterSignUp: () => void = () => undefined;

  async signUp(user: NewUser) {
    this.calls.push('signUp');
    this.signedUp = user;
    setImmediate(this.afterSignUp);
    return { user_id: 'user-1' };
  }
  async confirm(_userId: string, body: NonNullable<FakeAuthService['confirmed']>) {
    this.calls.push('confirm');
    this.confirmed = body;
    return { qr_code_secret: SECRET };
  }
  async confirmMfa(_userId: string, body: { otp: string }) {
    this.calls.push('confirmMfa');
    this.mfaCodes.push(body.otp);
  }
  async login(): Promise<LoginAnswer> {
    this.calls.push('login');
    return { kind: 'mfa', verification_session: 's', verification_type: 'SOFTWARE_TOKEN_MFA' };
  }
  async verifyMfa(_email: string, _challenge: unknown, otp: string): Promise<AuthTokens> {
    this.calls.push('verifyMfa');
    this.verifiedWith = otp;
    if (this.refuseVerify) throw new CliError('auth service: Invalid code.', ExitCode.Auth);
    return {
      id_token: jwt({ sub: 'user-1', exp: Date.now() / 1000 + 3600 }),
      access_token: 'access',
      refresh_token: 'refresh',
      expires_in: 3600,
    };
  }
  async refresh(): Promise<never> {
    throw new Error('not used');
  }
  async logout(): Promise<void> {
    return undefined;
  }
}

let dir: string;
let auth: FakeAuthService;
let stdin: PassThrough;
let stdout: string;
let stderr: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'enclave-signup-'));
  auth = new FakeAuthService();
  stdin = new PassThrough();
  stdout = '';
  stderr = '';
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function context(json = true): CliContext {
  const out = new PassThrough();
  const err = new PassThrough();
  out.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  err.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new CliContext(
    { json },
    { stdout: out, stderr: err, stdin, env: { ENCLAVE_CONFIG_DIR: dir } },
    new AbortController().signal,
  );
}

const details = { email: 'ada@example.com', name: 'Ada Lovelace', phone: '+15555550100' };

describe('enclave signup (script mode: flags and one line of stdin per secret)', () => {
  it('signs up, sets the password, enrols TOTP with text and QR code, confirms, then logs in', async () => {
    // The temporary password only exists once the sign-up sent it: answer after that call.
    auth.afterSignUp = () => stdin.write(' Temp-Pass-1! \nNew-Pass-123!\n123456\n');
    const cli = context();

    await signup(cli, details, { signUp: auth, auth });

    expect(auth.calls).toEqual(['signUp', 'confirm', 'confirmMfa', 'login', 'verifyMfa']);
    expect(auth.signedUp).toEqual({
      email: 'ada@example.com',
      full_name: 'Ada Lovelace',
      mobile_phone_number: '+15555550100',
    });
    expect(auth.confirmed).toEqual({
      email: 'ada@example.com',
      temporary_password: 'Temp-Pass-1!',
      new_password: 'New-Pass-123!',
    });
    expect(auth.mfaCodes).toEqual(['123456']);
    expect(auth.verifiedWith).toBe('123456');
    expect(JSON.parse(stdout)).toEqual({
      email: 'ada@example.com',
      user_id: 'user-1',
      mfa_status: 'CONFIRMED',
      logged_in: true,
    });
    await expect(cli.credentials.read()).resolves.toMatchObject({
      email: 'ada@example.com',
      user_id: 'user-1',
    });
    expect(stderr).toContain('TOTP secret: JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    // A QR code of block characters (no terminal: no colour escapes).
    expect(stderr).toMatch(/[█▀▄]{7}/);
    expect(stderr).not.toContain('\u001b[');
    // Secrets never echo back.
    expect(stdout + stderr).not.toContain('New-Pass-123!');
  });

  it('only creates the account with --no-login', async () => {
    stdin.end('Temp-Pass-1!\nNew-Pass-123!\n123456\n');
    await signup(context(false), { ...details, login: false }, { signUp: auth, auth });
    expect(auth.calls).toEqual(['signUp', 'confirm', 'confirmMfa']);
    expect(stdout).toBe('Signed up as ada@example.com: run `enclave login` to log in.\n');
  });

  it('still succeeds, asking for a later login, when the code is not taken twice', async () => {
    stdin.end('Temp-Pass-1!\nNew-Pass-123!\n123456\n');
    auth.refuseVerify = true;
    await signup(context(), details, { signUp: auth, auth });
    expect(JSON.parse(stdout)).toMatchObject({ logged_in: false });
    expect(stderr).toContain('Could not log in right away');
  });

  it('needs the details as flags without a terminal, and checks them before signing up', async () => {
    await expect(
      signup(context(), { email: details.email, name: details.name }, { signUp: auth, auth }),
    ).rejects.toMatchObject({
      exitCode: ExitCode.Usage,
      message: expect.stringContaining('--phone'),
    });
    await expect(
      signup(context(), { ...details, phone: '555-0100' }, { signUp: auth, auth }),
    ).rejects.toMatchObject({
      exitCode: ExitCode.Usage,
      message: expect.stringContaining('--phone: international format'),
    });
    expect(auth.calls).toEqual([]);
  });

  it('stops with a usage error when stdin ends before the code', async () => {
    stdin.end('Temp-Pass-1!\nNew-Pass-123!\n');
    await expect(signup(context(), details, { signUp: auth, auth })).rejects.toMatchObject({
      exitCode: ExitCode.Usage,
      message: 'standard input ended before the authenticator code',
    });
    expect(auth.calls).toEqual(['signUp', 'confirm']);
  });

  it('reports a refused sign-up (an address already taken) as a failure, not a login problem', async () => {
    auth.signUp = async () => {
      throw new CliError(
        'auth service: An account with the given email already exists.',
        ExitCode.Auth,
      );
    };
    await expect(signup(context(), details, { signUp: auth, auth })).rejects.toMatchObject({
      exitCode: ExitCode.Failure,
      message: 'auth service: An account with the given email already exists.',
    });
  });
});
