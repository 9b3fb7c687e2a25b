import { inject, Injectable } from '@angular/core';
import { createEnclaveClient, type EnclaveClient } from '@enclave/api-contract';
import { BUILD_SETTINGS } from './build-settings';
import { SessionStore } from './session.store';

/** The one typed client of the Enclave API, carrying the signed-in user's ID token. */
@Injectable({ providedIn: 'root' })
export class EnclaveApi {
  private readonly sessions = inject(SessionStore);
  readonly client: EnclaveClient = createEnclaveClient({
    baseUrl: BUILD_SETTINGS.fileUrl,
    token: () => this.sessions.session()?.idToken,
  });

  /** The signed-in user's id, for the `/v1/users/{user_id}/…` paths. */
  userId(): string {
    const session = this.sessions.session();
    if (!session) throw new Error('not signed in');
    return session.userId;
  }
}
