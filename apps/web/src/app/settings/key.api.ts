import { inject, Injectable } from '@angular/core';
import type { Schemas } from '@enclave/api-contract';
import { EnclaveApi } from '../core/enclave-api';
import { settle, type ApiResult } from '../shares/api-result';

/** The signed-in user's encryption key: its status, and crypto-shredding it. */
@Injectable({ providedIn: 'root' })
export class KeyApi {
  private readonly api = inject(EnclaveApi);

  status(): Promise<ApiResult<Schemas['KeyStatus']>> {
    return settle(
      this.api.client.GET('/v1/users/{user_id}/key', {
        params: { path: { user_id: this.api.userId() } },
      }),
    );
  }

  shred(): Promise<ApiResult<Schemas['ShredResponse']>> {
    return settle(
      this.api.client.DELETE('/v1/users/{user_id}/key', {
        params: { path: { user_id: this.api.userId() } },
      }),
    );
  }
}
