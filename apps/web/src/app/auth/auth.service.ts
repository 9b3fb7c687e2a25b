import { inject, Injectable, OnDestroy } from '@angular/core';
import { Router } from '@angular/router';
import { SessionStore } from '../core/session.store';
import {
  AUTH_CLIENT,
  type AuthTokens,
  type LoginResult,
  type MfaChallenge,
  type NewUser,
} from './auth-client';
import { totpUri } from './totp-uri';

/** Tokens are refreshed this long before the ID token expires, so no request meets an expired one. */
export const REFRESH_MARGIN_MS = 60_000;

export interface TotpEnrolment {
  userId: string;
  email: string;
  /** Base32, for typing into an authenticator app. */
  secret: string;
  /** otpauth://, for the QR code. */
  uri: string;
}

export type SignInStep = { kind: 'mfa'; challenge: MfaChallenge } | { kind: 'signedIn' };

/**
 * Sign-up, sign-in and sign-out against the auth service, and keeping the session's tokens
 * fresh. The only writer of SessionStore.
 */
@Injectable({ providedIn: 'root' })
export class AuthService implements OnDestroy {
  private readonly client = inject(AUTH_CLIENT);
  private readonly sessions = inject(SessionStore);
  private readonly router = inject(Router);
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    // A session restored from sessionStorage after a reload needs its refresh scheduled too.
    this.scheduleRefresh();
  }

  ngOnDestroy(): void {
    clearTimeout(this.refreshTimer);
  }

  signUp(user: NewUser): Promise<{ email: string; userId: string }> {
    return this.client.signUp(user);
  }

  async confirm(
    userId: string,
    email: string,
    temporaryPassword: string,
    newPassword: string,
  ): Promise<TotpEnrolment> {
    const enrolment = await this.client.confirm(userId, email, temporaryPassword, newPassword);
    return {
      userId: enrolment.userId,
      email: enrolment.email,
      secret: enrolment.totpSecret,
      uri: totpUri(enrolment.totpSecret, enrolment.email),
    };
  }

  confirmMfa(userId: string, email: string, otp: string): Promise<void> {
    return this.client.confirmMfa(userId, email, otp);
  }

  /** The password step: answers the code challenge, or signs in at once for a user without MFA. */
  async signIn(email: string, password: string): Promise<SignInStep> {
    const result: LoginResult = await this.client.login(email, password);
    if (result.kind === 'mfa') return result;
    await this.startSession(result.email, result.tokens);
    return { kind: 'signedIn' };
  }

  async verifyMfa(challenge: MfaChallenge, code: string): Promise<void> {
    const tokens = await this.client.verifyMfa(challenge, code);
    await this.startSession(challenge.email, tokens);
  }

  /** Ends the session at the service (every token of it stops working), then here. */
  async signOut(): Promise<void> {
    const session = this.sessions.session();
    this.endSession();
    if (!session) return;
    // Already signed out here; a logout the service refuses (an expired token) changes nothing.
    await this.client.logout(session.email, session.accessToken).catch(() => undefined);
  }

  forgotPassword(email: string): Promise<{ email: string; userId: string }> {
    return this.client.forgotPassword(email);
  }

  resetPassword(userId: string, email: string, code: string, newPassword: string): Promise<void> {
    return this.client.confirmPassword(userId, email, code, newPassword);
  }

  private async startSession(email: string, tokens: AuthTokens): Promise<void> {
    // The user id is what the Enclave API's paths need; userinfo is the contract's way to learn it.
    const info = await this.client.userInfo(tokens.idToken);
    this.sessions.set({
      userId: info.userId,
      email: info.email || email,
      idToken: tokens.idToken,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresAt: Date.now() + tokens.expiresIn * 1000,
    });
    this.scheduleRefresh();
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    const session = this.sessions.session();
    if (!session) return;
    const delay = Math.max(0, session.expiresAt - REFRESH_MARGIN_MS - Date.now());
    this.refreshTimer = setTimeout(() => void this.refresh(session.refreshToken), delay);
  }

  private async refresh(refreshToken: string): Promise<void> {
    const session = this.sessions.session();
    // Signed out (or signed in again) since this was scheduled: nothing to refresh.
    if (session?.refreshToken !== refreshToken) return;
    try {
      const tokens = await this.client.refresh(session.email, session.refreshToken);
      this.sessions.set({
        ...session,
        idToken: tokens.idToken,
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        expiresAt: Date.now() + tokens.expiresIn * 1000,
      });
      this.scheduleRefresh();
    } catch {
      this.endSession();
      await this.router.navigate(['/sign-in'], { queryParams: { next: this.router.url } });
    }
  }

  private endSession(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    this.sessions.clear();
  }
}
