import type { EnclaveClient, Schemas } from '@enclave/api-contract';
import { answerOf } from './api-answer';

/** The owner's sharing operations, for one user, on the generated client. */
export interface SharesApi {
  shareByEmail(
    fileId: string,
    body: Schemas['ShareByEmailRequest'],
  ): Promise<Schemas['ShareByEmailResponse']>;
  createLink(
    fileId: string,
    body: Schemas['CreateShareLinkRequest'],
  ): Promise<Schemas['ShareLinkResponse']>;
  listShares(query: { file_id?: string; cursor?: string }): Promise<Schemas['ShareList']>;
  revokeShare(shareId: string): Promise<Schemas['Share']>;
}

export function createSharesApi(client: EnclaveClient, userId: string): SharesApi {
  const user = { user_id: userId };
  const file = (file_id: string) => ({ path: { ...user, file_id } });
  return {
    shareByEmail: (fileId, body) =>
      answerOf(
        'shareFileByEmail',
        client.POST('/v1/users/{user_id}/files/{file_id}/share', { params: file(fileId), body }),
      ),
    createLink: (fileId, body) =>
      answerOf(
        'createShareLink',
        client.POST('/v1/users/{user_id}/files/{file_id}/links', { params: file(fileId), body }),
      ),
    listShares: (query) =>
      answerOf(
        'listShares',
        client.GET('/v1/users/{user_id}/shares', { params: { path: user, query } }),
      ),
    revokeShare: (shareId) =>
      answerOf(
        'revokeShare',
        client.DELETE('/v1/users/{user_id}/shares/{share_id}', {
          params: { path: { ...user, share_id: shareId } },
        }),
      ),
  };
}

/** What anyone holding a share link may call: no token. */
export interface PublicSharesApi {
  describe(token: string): Promise<Schemas['PublicShare']>;
  download(
    token: string,
    body: Schemas['PublicDownloadRequest'],
  ): Promise<Schemas['PublicDownloadResponse']>;
}

export function createPublicSharesApi(client: EnclaveClient): PublicSharesApi {
  const share = (token: string) => ({ path: { token } });
  return {
    describe: (token) =>
      answerOf('getPublicShare', client.GET('/v1/shares/{token}', { params: share(token) })),
    download: (token, body) =>
      answerOf(
        'downloadPublicShare',
        client.POST('/v1/shares/{token}/download', { params: share(token), body }),
      ),
  };
}
