import type { EnclaveClient, Schemas } from '@enclave/api-contract';
import { answerOf } from '../sharing/api-answer';

/** The user's encryption key, for one user, on the generated client. */
export interface KeysApi {
  status(): Promise<Schemas['KeyStatus']>;
  /** Crypto-shred: the key is disabled and scheduled for deletion, every file removed. */
  shred(): Promise<Schemas['ShredResponse']>;
}

export function createKeysApi(client: EnclaveClient, userId: string): KeysApi {
  const params = { path: { user_id: userId } };
  return {
    status: () => answerOf('getKey', client.GET('/v1/users/{user_id}/key', { params })),
    shred: () => answerOf('shredKey', client.DELETE('/v1/users/{user_id}/key', { params })),
  };
}
