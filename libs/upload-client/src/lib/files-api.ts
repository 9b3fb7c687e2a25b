import type { EnclaveClient, Schemas } from '@enclave/api-contract';
import { ApiError, type Problem } from './errors';

/**
 * The file operations an upload (and the CLI) needs, for one user. An interface so that tests
 * can hand the upload engine a typed fake; `createFilesApi` is the real one on the generated client.
 */
export interface FilesApi {
  createFile(body: Schemas['CreateFileRequest']): Promise<Schemas['CreateFileResponse']>;
  getFile(fileId: string): Promise<Schemas['FileSummary']>;
  listFiles(query?: { limit?: number; cursor?: string }): Promise<Schemas['FileList']>;
  presignParts(
    fileId: string,
    body: Schemas['PresignPartsRequest'],
  ): Promise<Schemas['PresignPartsResponse']>;
  listUploadedParts(fileId: string): Promise<Schemas['UploadedParts']>;
  completeFile(
    fileId: string,
    body?: Schemas['CompleteFileRequest'],
  ): Promise<Schemas['CompleteFileResponse']>;
  deleteFile(fileId: string): Promise<Schemas['DeleteFileResponse']>;
  getDownloadUrl(
    fileId: string,
    disposition?: 'attachment' | 'inline',
  ): Promise<Schemas['DownloadResponse']>;
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).status === 'number' &&
    typeof (value as Problem).detail === 'string'
  );
}

async function unwrap<T>(operation: string, call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || data === undefined)
    throw new ApiError(response.status, isProblem(error) ? error : undefined, operation);
  return data;
}

export function createFilesApi(client: EnclaveClient, userId: string): FilesApi {
  const user = { user_id: userId };
  const file = (file_id: string) => ({ path: { ...user, file_id } });
  return {
    createFile: (body) =>
      unwrap(
        'createFile',
        client.POST('/v1/users/{user_id}/files', { params: { path: user }, body }),
      ),
    getFile: (fileId) =>
      unwrap(
        'getFile',
        client.GET('/v1/users/{user_id}/files/{file_id}', { params: file(fileId) }),
      ),
    listFiles: (query = {}) =>
      unwrap(
        'listFiles',
        client.GET('/v1/users/{user_id}/files', { params: { path: user, query } }),
      ),
    presignParts: (fileId, body) =>
      unwrap(
        'presignParts',
        client.POST('/v1/users/{user_id}/files/{file_id}/parts', { params: file(fileId), body }),
      ),
    listUploadedParts: (fileId) =>
      unwrap(
        'listUploadedParts',
        client.GET('/v1/users/{user_id}/files/{file_id}/parts', { params: file(fileId) }),
      ),
    completeFile: (fileId, body) =>
      unwrap(
        'completeFile',
        client.POST('/v1/users/{user_id}/files/{file_id}/complete', { params: file(fileId), body }),
      ),
    deleteFile: (fileId) =>
      unwrap(
        'deleteFile',
        client.DELETE('/v1/users/{user_id}/files/{file_id}', { params: file(fileId) }),
      ),
    getDownloadUrl: (fileId, disposition) =>
      unwrap(
        'getDownloadUrl',
        client.GET('/v1/users/{user_id}/files/{file_id}/download', {
          params: { ...file(fileId), query: disposition ? { disposition } : {} },
        }),
      ),
  };
}
