import {
  AuthClient,
  AuthError,
  type FetchAnswer,
  type FetchFn,
  UnconfirmedUserError,
} from './auth-client';

interface Call {
  url: string;
  init: RequestInit;
}

/** A fetch that records each call and answers the next queued response. */
function fakeFetch(...answers: (FetchAnswer | Error)[]): { fetch: FetchFn; calls: Call[] } {
  const calls: Call[] = [];
  const fetch: FetchFn = async (url, init) => {
    calls.push({ url, init });
    const answer = answers.shift();
    if (!answer) throw new Error('unexpected call');
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { fetch, calls };
}

const json = (status: number, body: unknown): FetchAnswer => ({
  ok: status >= 200 && status < 300,
  status,
  json: async () => body,
});

const notJson = (status: number): FetchAnswer => ({
  ok: false,
  status,
  json: () => Promise.reject(new SyntaxError('Unexpected token')),
});

const bodyOf = (call: Call | undefined): unknown => JSON.parse(String(call?.init.body));

async function errorFrom(promise: Promise<unknown>): Promise<AuthError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AuthError) return error;
    throw error;
  }
  throw new Error('expected an AuthError');
}

const BASE = 'http://auth.test';
const TOKENS = {
  id_token: 'id',
  access_token: 'access',
  refresh_token: 'refresh',
  expires_in: 3600,
};

describe('AuthClient', () => {
  it('signs up with the wire field names and answers the user id', async () => {
    const { fetch, calls } = fakeFetch(
      json(200, { email: 'ada@example.com', user_id: 'u-1', status: 'CREATED' }),
    );
    const client = new AuthClient(BASE, fetch);

    const result = await client.signUp({
      fullName: 'Ada Lovelace',
      email: 'ada@example.com',
      mobilePhoneNumber: '+15555550100',
    });

    expect(result).toEqual({ email: 'ada@example.com', userId: 'u-1' });
    expect(calls[0]?.url).toBe(`${BASE}/v1/users`);
    expect(calls[0]?.init.method).toBe('POST');
    expect(bodyOf(calls[0])).toEqual({
      full_name: 'Ada Lovelace',
      email: 'ada@example.com',
      mobile_phone_number: '+15555550100',
    });
  });

  it('confirms with the temporary password and answers the TOTP secret', async () => {
    const { fetch, calls } = fakeFetch(
      json(200, {
        email: 'ada@example.com',
        user_id: 'u-1',
        qr_code_secret: 'JBSWY3DPEHPK3PXP',
        qr_code_secret_url: 'http://auth.test/v1/qr/x.png',
        status: 'ACTIVE',
      }),
    );
    const client = new AuthClient(BASE, fetch);

    const enrolment = await client.confirm('u-1', 'ada@example.com', 'Temp1!aa', 'New-pass1');

    expect(enrolment).toEqual({
      email: 'ada@example.com',
      userId: 'u-1',
      totpSecret: 'JBSWY3DPEHPK3PXP',
    });
    expect(calls[0]?.url).toBe(`${BASE}/v1/users/u-1/confirm`);
    expect(bodyOf(calls[0])).toEqual({
      email: 'ada@example.com',
      temporary_password: 'Temp1!aa',
      new_password: 'New-pass1',
    });
  });

  it('answers an MFA challenge from login when the service asks for a code', async () => {
    const { fetch } = fakeFetch(
      json(200, {
        email: 'ada@example.com',
        verification_session: 'sess',
        verification_type: 'SOFTWARE_TOKEN_MFA',
      }),
    );

    const result = await new AuthClient(BASE, fetch).login('ada@example.com', 'pw');

    expect(result).toEqual({
      kind: 'mfa',
      challenge: {
        email: 'ada@example.com',
        verificationSession: 'sess',
        verificationType: 'SOFTWARE_TOKEN_MFA',
      },
    });
  });

  it('answers the tokens from login when the user has no MFA', async () => {
    const { fetch } = fakeFetch(json(200, { email: 'ada@example.com', ...TOKENS }));

    const result = await new AuthClient(BASE, fetch).login('ada@example.com', 'pw');

    expect(result).toEqual({
      kind: 'tokens',
      email: 'ada@example.com',
      tokens: { idToken: 'id', accessToken: 'access', refreshToken: 'refresh', expiresIn: 3600 },
    });
  });

  it('sends the challenge and code to mfa-verify', async () => {
    const { fetch, calls } = fakeFetch(json(200, TOKENS));
    const client = new AuthClient(BASE, fetch);

    const tokens = await client.verifyMfa(
      {
        email: 'ada@example.com',
        verificationSession: 'sess',
        verificationType: 'SOFTWARE_TOKEN_MFA',
      },
      '123456',
    );

    expect(tokens.idToken).toBe('id');
    expect(bodyOf(calls[0])).toEqual({
      email: 'ada@example.com',
      verification_type: 'SOFTWARE_TOKEN_MFA',
      verification_session: 'sess',
      otp_code: '123456',
    });
  });

  it('sends the ID token as a bearer token to userinfo', async () => {
    const { fetch, calls } = fakeFetch(
      json(200, { user_id: 'u-1', email: 'ada@example.com', name: null, phone_number: null }),
    );

    const info = await new AuthClient(BASE, fetch).userInfo('id-token');

    expect(info).toEqual({ userId: 'u-1', email: 'ada@example.com', name: null });
    expect(calls[0]?.init.method).toBe('GET');
    expect(calls[0]?.init.headers).toEqual({ Authorization: 'Bearer id-token' });
  });

  it('turns a schema failure into an error on the first field it names', async () => {
    const { fetch } = fakeFetch(
      json(400, {
        message: 'mobile_phone_number: must look like +15555550100; email: Invalid email address',
      }),
    );

    const error = await errorFrom(
      new AuthClient(BASE, fetch).signUp({
        fullName: 'Ada',
        email: 'nope',
        mobilePhoneNumber: '555',
      }),
    );

    expect(error.status).toBe(400);
    expect(error.field).toBe('mobile_phone_number');
    expect(error.message).toBe('Must look like +15555550100.');
  });

  it('names the new password for a password-policy answer', async () => {
    const { fetch } = fakeFetch(
      json(400, {
        error_message: 'Password does not conform to policy: Password must have symbol characters',
      }),
    );

    const error = await errorFrom(
      new AuthClient(BASE, fetch).confirmPassword('u-1', 'ada@example.com', '123456', 'Abcdefg1'),
    );

    expect(error).toMatchObject({
      status: 400,
      field: 'new_password',
      message: 'Password does not conform to policy: Password must have symbol characters',
    });
  });

  it('names no field for wrong credentials, so the form shows it at the top', async () => {
    const { fetch } = fakeFetch(json(401, { error_message: 'Incorrect username or password.' }));

    const error = await errorFrom(new AuthClient(BASE, fetch).login('ada@example.com', 'bad'));

    expect(error).toMatchObject({ status: 401, message: 'Incorrect username or password.' });
    expect(error.field).toBeUndefined();
  });

  it('tells an unfinished sign-up apart at login, with the user id to finish it', async () => {
    const { fetch } = fakeFetch(
      json(400, {
        error_message:
          'Confirm the account first: POST /v1/users/u-7/confirm with the temporary password and a new one.',
      }),
    );

    const error = await errorFrom(new AuthClient(BASE, fetch).login('ada@example.com', 'Temp'));

    expect(error).toBeInstanceOf(UnconfirmedUserError);
    expect((error as UnconfirmedUserError).userId).toBe('u-7');
    expect(error.message).toMatch(/not set up yet/);
  });

  it('names the code field a wrong TOTP code was sent in', async () => {
    const { fetch } = fakeFetch(json(401, { error_message: 'Invalid code received for user.' }));

    const error = await errorFrom(
      new AuthClient(BASE, fetch).confirmMfa('u-1', 'a@b.co', '000000'),
    );

    expect(error.field).toBe('otp');
  });

  it('reports an unreachable service as status 0', async () => {
    const { fetch } = fakeFetch(new TypeError('Failed to fetch'));

    const error = await errorFrom(new AuthClient(BASE, fetch).forgotPassword('ada@example.com'));

    expect(error.status).toBe(0);
    expect(error.message).toMatch(/could not reach/i);
  });

  it('reports a server error without a JSON body by its status', async () => {
    const { fetch } = fakeFetch(notJson(502));

    const error = await errorFrom(new AuthClient(BASE, fetch).logout('ada@example.com', 'token'));

    expect(error.status).toBe(502);
    expect(error.message).toMatch(/unavailable/i);
  });
});
