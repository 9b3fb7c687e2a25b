import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { SessionStore } from '../core/session.store';
import { AUTH_CLIENT, AuthError } from './auth-client';
import { FAKE_CHALLENGE, FakeAuthClient } from './auth-client.fakes';
import { AuthService, REFRESH_MARGIN_MS } from './auth.service';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('AuthService', () => {
  let client: FakeAuthClient;

  beforeEach(() => {
    jest.useFakeTimers({ now: NOW });
    sessionStorage.clear();
    client = new FakeAuthClient();
    TestBed.configureTestingModule({
      providers: [provideRouter([]), { provide: AUTH_CLIENT, useValue: client }],
    });
  });

  afterEach(() => {
    TestBed.resetTestingModule();
    jest.useRealTimers();
  });

  const service = () => TestBed.inject(AuthService);
  const session = () => TestBed.inject(SessionStore).session();

  async function signIn(): Promise<void> {
    await service().verifyMfa(FAKE_CHALLENGE, '123456');
  }

  it('answers the code challenge after the password step without signing in yet', async () => {
    const step = await service().signIn('ada@example.com', 'Secret-1');

    expect(step).toEqual({ kind: 'mfa', challenge: FAKE_CHALLENGE });
    expect(client.called('login')).toEqual([['ada@example.com', 'Secret-1']]);
    expect(session()).toBeUndefined();
  });

  it('writes the session with the user id from userinfo after the code step', async () => {
    await signIn();

    expect(client.called('verifyMfa')).toEqual([[FAKE_CHALLENGE, '123456']]);
    expect(client.called('userInfo')).toEqual([['id-1']]);
    expect(session()).toEqual({
      userId: 'u-1',
      email: 'ada@example.com',
      idToken: 'id-1',
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
      expiresAt: NOW + 3600_000,
    });
  });

  it('signs in at once when login answers tokens (a user without MFA)', async () => {
    client.answers.login = {
      kind: 'tokens',
      email: 'ada@example.com',
      tokens: { idToken: 'id-9', accessToken: 'a', refreshToken: 'r', expiresIn: 60 },
    };

    const step = await service().signIn('ada@example.com', 'Secret-1');

    expect(step).toEqual({ kind: 'signedIn' });
    expect(session()?.idToken).toBe('id-9');
  });

  it('refreshes the tokens a minute before they expire, and keeps the rotated refresh token', async () => {
    await signIn();

    await jest.advanceTimersByTimeAsync(3600_000 - REFRESH_MARGIN_MS - 1);
    expect(client.called('refresh')).toEqual([]);

    await jest.advanceTimersByTimeAsync(1);
    expect(client.called('refresh')).toEqual([['ada@example.com', 'refresh-1']]);
    expect(session()).toMatchObject({
      idToken: 'id-2',
      refreshToken: 'refresh-2',
      expiresAt: NOW + 3600_000 - REFRESH_MARGIN_MS + 3600_000,
    });

    // …and schedules the next refresh from the new expiry.
    await jest.advanceTimersByTimeAsync(3600_000 - REFRESH_MARGIN_MS);
    expect(client.called('refresh')).toHaveLength(2);
  });

  it('clears the session and sends the user to sign in when the refresh fails', async () => {
    await signIn();
    const router = TestBed.inject(Router);
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    client.answers.refresh = new AuthError(401, 'Invalid refresh token.');

    await jest.advanceTimersByTimeAsync(3600_000 - REFRESH_MARGIN_MS);

    expect(session()).toBeUndefined();
    expect(navigate).toHaveBeenCalledWith(['/sign-in'], { queryParams: { next: '/' } });
  });

  it('schedules a refresh for a session restored after a reload', async () => {
    TestBed.inject(SessionStore).set({
      userId: 'u-1',
      email: 'ada@example.com',
      idToken: 'old',
      accessToken: 'old',
      refreshToken: 'refresh-old',
      expiresAt: NOW + 30_000,
    });

    service();
    // Less than the margin left: refreshed straight away.
    await jest.advanceTimersByTimeAsync(0);

    expect(client.called('refresh')).toEqual([['ada@example.com', 'refresh-old']]);
  });

  it('signs out at the service with the access token, clears the session and stops refreshing', async () => {
    await signIn();

    await service().signOut();
    await jest.advanceTimersByTimeAsync(2 * 3600_000);

    expect(client.called('logout')).toEqual([['ada@example.com', 'access-1']]);
    expect(session()).toBeUndefined();
    expect(client.called('refresh')).toEqual([]);
  });

  it('signs out here even when the service refuses the logout', async () => {
    await signIn();
    client.answers.logout = new AuthError(401, 'Token has been revoked');

    await service().signOut();

    expect(session()).toBeUndefined();
  });

  it('answers the TOTP secret with an otpauth URI for the QR code', async () => {
    const enrolment = await service().confirm('u-1', 'ada@example.com', 'Temp-1aa', 'New-pass1');

    expect(client.called('confirm')).toEqual([['u-1', 'ada@example.com', 'Temp-1aa', 'New-pass1']]);
    expect(enrolment).toEqual({
      userId: 'u-1',
      email: 'ada@example.com',
      secret: 'JBSWY3DPEHPK3PXP',
      uri: 'otpauth://totp/Enclave:ada%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Enclave&algorithm=SHA1&digits=6&period=30',
    });
  });
});
