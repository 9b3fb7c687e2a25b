import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { UploadState } from '../upload-state';
import { FileByteSource } from './file-byte-source';
import { FileUploadStateStore } from './file-state-store';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'upload-client-spec-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('FileByteSource', () => {
  it('reads exact ranges and knows the name, size and modification time', async () => {
    const bytes = randomBytes(1000);
    const file = path.join(dir, 'data.bin');
    await writeFile(file, bytes);
    const source = await FileByteSource.open(file);
    try {
      expect([source.name, source.size, source.lastModified]).toEqual([
        'data.bin',
        1000,
        (await stat(file)).mtimeMs,
      ]);
      expect(Buffer.from(await source.read(990, 1000)).equals(bytes.subarray(990))).toBe(true);
      expect((await source.read(5, 5)).length).toBe(0);
    } finally {
      await source.close();
    }
  });

  it('refuses a directory', async () => {
    await expect(FileByteSource.open(dir)).rejects.toThrow(/not a regular file/);
  });
});

describe('FileUploadStateStore', () => {
  const identity = { name: 'a.bin', size: 10, mtimeMs: 5 };
  const state: UploadState = {
    fileIdentity: identity,
    file_id: 'f',
    part_size: 5,
    part_count: 2,
    checksums: false,
    done: [{ part_number: 1, etag: '"e"' }],
  };

  it('keeps a state per identity in a private file, and forgets it on delete', async () => {
    const store = new FileUploadStateStore(path.join(dir, 'uploads'));
    await store.set(identity, state);

    await expect(store.get(identity)).resolves.toEqual(state);
    await expect(store.get({ ...identity, mtimeMs: 6 })).resolves.toBeUndefined();
    const files = await readdir(path.join(dir, 'uploads'));
    expect(files).toHaveLength(1);
    expect((await stat(path.join(dir, 'uploads', files[0] as string))).mode & 0o777).toBe(0o600);
    await store.delete(identity);
    await expect(store.get(identity)).resolves.toBeUndefined();
  });

  it('treats a corrupt state file as no state', async () => {
    const store = new FileUploadStateStore(dir);
    await store.set(identity, state);
    const [file] = await readdir(dir);
    await writeFile(path.join(dir, file as string), '{"half');
    await expect(store.get(identity)).resolves.toBeUndefined();
  });
});
