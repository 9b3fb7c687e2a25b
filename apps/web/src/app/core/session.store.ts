import { computed, Injectable, signal } from '@angular/core';

/** What a sign-in leaves: the auth service's tokens and who they belong to. */
export interface Session {
  userId: string;
  email: string;
  idToken: string;
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the ID token expires. */
  expiresAt: number;
}

const STORAGE_KEY = 'enclave.session';

/**
 * The signed-in session, kept in this tab's sessionStorage (gone when the tab closes, never
 * shared with other sites). The auth feature writes it; guards and the API client read it.
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly current = signal<Session | undefined>(read());
  readonly session = this.current.asReadonly();
  readonly signedIn = computed(() => this.current() !== undefined);

  set(session: Session): void {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    this.current.set(session);
  }

  clear(): void {
    sessionStorage.removeItem(STORAGE_KEY);
    this.current.set(undefined);
  }
}

function read(): Session | undefined {
  try {
    const text = sessionStorage.getItem(STORAGE_KEY);
    return text ? (JSON.parse(text) as Session) : undefined;
  } catch {
    return undefined;
  }
}
