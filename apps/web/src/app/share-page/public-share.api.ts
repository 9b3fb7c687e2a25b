import { inject, Injectable } from '@angular/core';
import type { Schemas } from '@enclave/api-contract';
import { EnclaveApi } from '../core/enclave-api';
import { settle, type ApiResult } from '../shares/api-result';

/** The two public share-link operations (no sign-in needed). */
@Injectable({ providedIn: 'root' })
export class PublicShareApi {
  private readonly api = inject(EnclaveApi);

  describe(token: string): Promise<ApiResult<Schemas['PublicShare']>> {
    return settle(this.api.client.GET('/v1/shares/{token}', { params: { path: { token } } }));
  }

  download(
    token: string,
    body: Schemas['PublicDownloadRequest'],
  ): Promise<ApiResult<Schemas['PublicDownloadResponse']>> {
    return settle(
      this.api.client.POST('/v1/shares/{token}/download', { params: { path: { token } }, body }),
    );
  }
}
