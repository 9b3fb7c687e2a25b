import { inject, Injectable } from '@angular/core';
import type { Schemas } from '@enclave/api-contract';
import { EnclaveApi } from '../core/enclave-api';
import { settle, type ApiResult } from './api-result';

/** The signed-in user's sharing operations, each settled into an ApiResult. */
@Injectable({ providedIn: 'root' })
export class SharesApi {
  private readonly api = inject(EnclaveApi);

  list(cursor?: string): Promise<ApiResult<Schemas['ShareList']>> {
    return settle(
      this.api.client.GET('/v1/users/{user_id}/shares', {
        params: { path: { user_id: this.api.userId() }, query: { limit: 50, cursor } },
      }),
    );
  }

  get(shareId: string): Promise<ApiResult<Schemas['ShareDetail']>> {
    return settle(
      this.api.client.GET('/v1/users/{user_id}/shares/{share_id}', {
        params: { path: { user_id: this.api.userId(), share_id: shareId } },
      }),
    );
  }

  revoke(shareId: string): Promise<ApiResult<Schemas['Share']>> {
    return settle(
      this.api.client.DELETE('/v1/users/{user_id}/shares/{share_id}', {
        params: { path: { user_id: this.api.userId(), share_id: shareId } },
      }),
    );
  }

  changeExpiry(shareId: string, expiresIn: number): Promise<ApiResult<Schemas['Share']>> {
    return settle(
      this.api.client.PATCH('/v1/users/{user_id}/shares/{share_id}', {
        params: { path: { user_id: this.api.userId(), share_id: shareId } },
        body: { expires_in: expiresIn },
      }),
    );
  }

  shareByEmail(
    fileId: string,
    body: Schemas['ShareByEmailRequest'],
  ): Promise<ApiResult<Schemas['ShareByEmailResponse']>> {
    return settle(
      this.api.client.POST('/v1/users/{user_id}/files/{file_id}/share', {
        params: { path: { user_id: this.api.userId(), file_id: fileId } },
        body,
      }),
    );
  }

  createLink(
    fileId: string,
    body: Schemas['CreateShareLinkRequest'],
  ): Promise<ApiResult<Schemas['ShareLinkResponse']>> {
    return settle(
      this.api.client.POST('/v1/users/{user_id}/files/{file_id}/links', {
        params: { path: { user_id: this.api.userId(), file_id: fileId } },
        body,
      }),
    );
  }
}
