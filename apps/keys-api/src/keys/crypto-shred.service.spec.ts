import { FileRemoval } from '@enclave/file-removal';
import { type EncryptionSettings, UserKeys } from '@enclave/kms-key-lock';
import { FakeKeyManagement, InMemoryKeyRows } from '@enclave/kms-key-lock/testing';
import type {
  FileRecord,
  FilesRepository,
  SharesRepository,
  StorageUsageRepository,
} from '@enclave/metadata';
import {
  FakeFilesRepository,
  FakeSharesRepository,
  FakeStorageUsageRepository,
} from '@enclave/metadata/testing';
import type { FileStorage, MultipartStorage } from '@enclave/storage';
import { FakeFileStorage, FakeMultipartStorage, FakeObjectStore } from '@enclave/storage/testing';
import { CryptoShred } from './crypto-shred.service';

// Crypto-shred over typed fakes: a call cut short half-way leaves the user SHREDDING, and the
// next call finishes the files that are left.
const USER = 'user-1';
const settings: EncryptionSettings = {
  mode: 'per_user',
  stage: 'test',
  keysTable: 'keys',
  region: 'us-east-1',
};

function setUp() {
  const files = new FakeFilesRepository();
  const store = new FakeObjectStore();
  const storage = new FakeFileStorage(store);
  const kms = new FakeKeyManagement();
  const rows = new InMemoryKeyRows();
  const keys = new UserKeys(rows, kms, { stage: 'test' });
  const removal = new FileRemoval(
    files as unknown as FilesRepository,
    new FakeStorageUsageRepository() as unknown as StorageUsageRepository,
    new FakeSharesRepository() as unknown as SharesRepository,
    storage as unknown as FileStorage,
    new FakeMultipartStorage(store) as unknown as MultipartStorage,
    { deletedRetentionSeconds: 3600 },
  );
  const shred = new CryptoShred(settings, keys, files as unknown as FilesRepository, removal);
  const addFile = async (n: number): Promise<FileRecord> => {
    const record: FileRecord = {
      user_id: USER,
      file_id: `file-${n}`,
      file_name: `${n}.txt`,
      content_type: 'text/plain',
      size: 3,
      status: 'READY',
      object_key: `${USER}/file-${n}`,
      created_at: '2026-12-01T00:00:00Z',
      uploaded_at: '2026-12-01T00:00:00Z',
    };
    await files.create(record);
    store.objects.set(record.object_key, {
      bytes: new Uint8Array(3),
      contentType: '',
      etag: '"e"',
    });
    return record;
  };
  return { files, store, storage, kms, rows, keys, shred, addFile };
}

describe('CryptoShred', () => {
  it('disables the key before removing any file, and resumes where a failed call stopped', async () => {
    const { store, storage, kms, rows, keys, shred, addFile } = setUp();
    await keys.keyFor(USER);
    for (const n of [1, 2, 3]) await addFile(n);

    // S3 fails on the second object: the call ends, one file is gone, the key is already off.
    const deleteObject = storage.delete.bind(storage);
    let deletes = 0;
    storage.delete = async (key: string) => {
      if (++deletes === 2) throw new Error('S3 went away');
      return deleteObject(key);
    };
    await expect(shred.shred(USER)).rejects.toThrow('S3 went away');
    expect(kms.calls.disableKey).toBe(1);
    expect(kms.calls.scheduleKeyDeletion).toBe(1);
    expect(rows.rows.get(USER)?.state).toBe('SHREDDING');
    expect(store.objects.size).toBe(2);

    storage.delete = deleteObject;
    const finished = await shred.shred(USER);
    expect(finished).toMatchObject({ state: 'SHREDDED', files_removed: 2 });
    expect(store.objects.size).toBe(0);
    expect(rows.rows.get(USER)?.state).toBe('SHREDDED');
    expect(await shred.shred(USER)).toEqual({ ...finished, files_removed: 0 });
  });
});
