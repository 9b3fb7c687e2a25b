import { ProblemException } from '@enclave/errors';
import { FileRemoval } from '@enclave/file-removal';
import { FileEncryption, type EncryptionSettings, UserKeys } from '@enclave/kms-key-lock';
import { FakeKeyManagement, InMemoryKeyRows } from '@enclave/kms-key-lock/testing';
import type { FilesRepository, SharesRepository, StorageUsageRepository } from '@enclave/metadata';
import {
  FakeFilesRepository,
  FakeSharesRepository,
  FakeStorageUsageRepository,
} from '@enclave/metadata/testing';
import type { FileStorage, MultipartStorage } from '@enclave/storage';
import { FakeFileStorage, FakeMultipartStorage, FakeObjectStore } from '@enclave/storage/testing';
import { AbandonedUploadsSweeper } from './abandoned-uploads.sweeper';
import { FilesService } from './files.service';
import type { FilesSettings } from './files-settings';
import { MultipartUploadsService } from './multipart-uploads.service';
import { StrayObjects } from './stray-objects';

// The files feature over typed fakes of its collaborators, shared by its specs.
export const MiB = 1024 ** 2;

export const USER = 'user-1';
export const baseSettings: FilesSettings = {
  uploadUrlExpiresSeconds: 900,
  partUrlExpiresSeconds: 600,
  downloadUrlExpiresSeconds: 3600,
  uploadTtlSeconds: 7 * 24 * 3600,
  deletedRetentionSeconds: 30 * 24 * 3600,
  multipartThresholdBytes: 64 * MiB,
  partSizeBytes: 16 * MiB,
  maxFileBytes: 1024 ** 4,
};
export const settings = baseSettings;

export function setUp(
  overrides: Partial<FilesSettings> = {},
  encryptionMode: EncryptionSettings['mode'] = 's3',
) {
  const config = { ...baseSettings, ...overrides };
  const keys = new FakeKeyManagement();
  const encryption = new FileEncryption(
    {
      mode: encryptionMode,
      sharedKeyId: 'arn:aws:kms:us-east-1:000000000000:alias/enclave/test/shared',
      stage: 'test',
      keysTable: 'keys',
      region: 'us-east-1',
    },
    new UserKeys(new InMemoryKeyRows(), keys, { stage: 'test' }),
  );
  const usage = new FakeStorageUsageRepository();
  // One table: the sweep meets the usage rows due for reconciliation among the files.
  const files = new FakeFilesRepository(usage);
  const shares = new FakeSharesRepository();
  const store = new FakeObjectStore();
  const storage = new FakeFileStorage(store);
  const multipartStorage = new FakeMultipartStorage(store);
  // As S3 itself: parts can be listed and uploads aborted.
  multipartStorage.supportsListing = true;
  multipartStorage.supportsAbort = true;
  let now = new Date('2026-11-23T10:00:00Z');
  const clock = () => now;
  const removal = new FileRemoval(
    files as unknown as FilesRepository,
    usage as unknown as StorageUsageRepository,
    shares as unknown as SharesRepository,
    storage as unknown as FileStorage,
    multipartStorage as unknown as MultipartStorage,
    { deletedRetentionSeconds: config.deletedRetentionSeconds },
  );
  const service = new FilesService(
    files as unknown as FilesRepository,
    usage as unknown as StorageUsageRepository,
    storage as unknown as FileStorage,
    multipartStorage as unknown as MultipartStorage,
    new MultipartUploadsService(multipartStorage as unknown as MultipartStorage, config, clock),
    removal,
    encryption,
    config,
    clock,
  );
  const strays = new StrayObjects(
    files as unknown as FilesRepository,
    storage as unknown as FileStorage,
  );
  const sweeper = new AbandonedUploadsSweeper(
    files as unknown as FilesRepository,
    usage as unknown as StorageUsageRepository,
    removal,
    storage as unknown as FileStorage,
    strays,
    clock,
  );
  const advance = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));
  const upload = async (fileName = 'a.txt', size = 5) => {
    const created = await service.create(USER, {
      file_name: fileName,
      size,
      content_type: 'text/plain',
    });
    const key = storage.signedPuts[storage.signedPuts.length - 1]?.key as string;
    return { created, key };
  };
  /** What a client's PUT of `size` bytes to the upload URL does (S3 enforces the signed size). */
  const putBytes = (
    created: { upload_url?: string; upload_headers: Record<string, string> },
    size: number,
  ) => {
    const response = store.receive({
      method: 'PUT',
      url: created.upload_url as string,
      headers: created.upload_headers,
      body: new Uint8Array(size),
    });
    expect(response.status).toBe(200);
  };
  /** A part PUT to its presigned URL; returns the ETag a client would keep. */
  const putPart = async (fileId: string, partNumber: number, size: number) => {
    const { parts } = await service.presignParts(USER, fileId, { part_numbers: [partNumber] });
    const part = parts[0] as { url: string; headers: Record<string, string> };
    const response = store.receive({
      method: 'PUT',
      url: part.url,
      headers: part.headers,
      body: new Uint8Array(size),
    });
    expect(response.status).toBe(200);
    return response.headers['etag'] as string;
  };
  /** Bytes S3 holds under a key, whatever was signed (e.g. another size than declared). */
  const storeObject = (key: string, size: number) =>
    store.objects.set(key, { bytes: new Uint8Array(size), contentType: 'text/plain', etag: '"x"' });
  return {
    files,
    usage,
    shares,
    store,
    storage,
    multipartStorage,
    service,
    sweeper,
    strays,
    keys,
    advance,
    upload,
    putBytes,
    putPart,
    storeObject,
  };
}

export async function problemStatus(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProblemException) return error.problem.status;
    throw error;
  }
  throw new Error('expected a problem');
}
