import type { FilesRepository } from '@enclave/metadata';
import { ProblemException } from '@enclave/service-kit';
import type { FileStorage } from '@enclave/storage';
import { FakeFilesRepository, FakeFileStorage } from './files.fakes';
import { FilesService } from './files.service';
import type { FilesSettings } from './files-settings';

const USER = 'user-1';
const settings: FilesSettings = {
  uploadUrlExpiresSeconds: 900,
  downloadUrlExpiresSeconds: 3600,
  uploadTtlSeconds: 7 * 24 * 3600,
  deletedRetentionSeconds: 30 * 24 * 3600,
};

function setUp() {
  const repository = new FakeFilesRepository();
  const storage = new FakeFileStorage();
  let now = new Date('2026-11-23T10:00:00Z');
  const service = new FilesService(
    repository as unknown as FilesRepository,
    storage as unknown as FileStorage,
    settings,
    () => now,
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
  return { repository, storage, service, advance, upload };
}

async function problemStatus(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProblemException) return error.problem.status;
    throw error;
  }
  throw new Error('expected a problem');
}

describe('FilesService', () => {
  it('creates an UPLOADING row and signs a PUT bound to its key, type and size', async () => {
    const { service, storage, repository } = setUp();
    const created = await service.create(USER, {
      file_name: 'report.pdf',
      size: 1234,
      content_type: 'application/pdf',
    });
    expect(created).toMatchObject({
      status: 'UPLOADING',
      size: 1234,
      upload_method: 'PUT',
      expires_at: '2026-11-23T10:15:00.000Z',
    });
    expect(created.file_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(storage.signedPuts[0]).toEqual({
      key: `${USER}/${created.file_id}/report.pdf`,
      contentType: 'application/pdf',
      size: 1234,
      sha256: undefined,
      expiresInSeconds: 900,
    });
    expect((await repository.get(USER, created.file_id))?.status).toBe('UPLOADING');
  });

  it('refuses sizes a single PUT cannot carry with 413, writing nothing', async () => {
    const { service, repository } = setUp();
    expect(
      await problemStatus(service.create(USER, { file_name: 'big.iso', size: 5 * 1024 ** 3 + 1 })),
    ).toBe(413);
    expect(repository.rows.size).toBe(0);
  });

  it('answers 409 on complete before the bytes arrive and keeps the row UPLOADING', async () => {
    const { service, repository, upload } = setUp();
    const { created } = await upload();
    expect(await problemStatus(service.complete(USER, created.file_id))).toBe(409);
    expect((await repository.get(USER, created.file_id))?.status).toBe('UPLOADING');
  });

  it('answers 409 when storage holds another size than declared', async () => {
    const { service, storage, repository, upload } = setUp();
    const { created, key } = await upload('a.txt', 5);
    storage.objects.set(key, 4);
    expect(await problemStatus(service.complete(USER, created.file_id))).toBe(409);
    expect((await repository.get(USER, created.file_id))?.status).toBe('UPLOADING');
  });

  it('completes once the bytes are stored, and completing again answers the same', async () => {
    const { service, storage, upload } = setUp();
    const { created, key } = await upload('a.txt', 5);
    storage.objects.set(key, 5);
    const first = await service.complete(USER, created.file_id);
    expect(first).toEqual({
      file_id: created.file_id,
      file_name: 'a.txt',
      size: 5,
      status: 'READY',
    });
    expect(await service.complete(USER, created.file_id)).toEqual(first);
  });

  it('lists newest first with a cursor that pages through everything once', async () => {
    const { service, advance, upload } = setUp();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await upload(`f${i}.txt`)).created.file_id);
      advance(1);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await service.list(USER, 2, cursor);
      expect(page.user_files.length).toBeLessThanOrEqual(2);
      seen.push(...page.user_files.map((f) => f.file_id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('rejects a cursor it did not issue', async () => {
    const { service } = setUp();
    expect(
      await problemStatus(service.list(USER, 10, Buffer.from('junk').toString('base64url'))),
    ).toBe(400);
  });

  it('hides abandoned uploads once their time is up', async () => {
    const { service, advance, upload } = setUp();
    const { created } = await upload();
    advance(settings.uploadTtlSeconds + 1);
    expect((await service.list(USER, 10)).user_files).toEqual([]);
    expect(await problemStatus(service.get(USER, created.file_id))).toBe(404);
  });

  it('signs downloads only for READY files, with the stored name and type', async () => {
    const { service, storage, upload } = setUp();
    const { created, key } = await upload('résumé.pdf', 5);
    expect(await problemStatus(service.downloadUrl(USER, created.file_id, 'attachment'))).toBe(409);
    storage.objects.set(key, 5);
    await service.complete(USER, created.file_id);
    const download = await service.downloadUrl(USER, created.file_id, 'inline');
    expect(download).toMatchObject({
      file_name: 'résumé.pdf',
      expires_at: '2026-11-23T11:00:00.000Z',
    });
    expect(storage.signedGets[0]).toMatchObject({
      key,
      fileName: 'résumé.pdf',
      contentType: 'text/plain',
      disposition: 'inline',
      expiresInSeconds: 3600,
    });
  });

  it('deletes object and row, then 404s; deleting again answers the same', async () => {
    const { service, storage, upload } = setUp();
    const { created, key } = await upload();
    storage.objects.set(key, 5);
    await service.complete(USER, created.file_id);
    const first = await service.delete(USER, created.file_id);
    expect(first).toEqual({ file_id: created.file_id, file_name: 'a.txt', file_status: 'DELETED' });
    expect(storage.objects.has(key)).toBe(false);
    expect(await problemStatus(service.get(USER, created.file_id))).toBe(404);
    expect(await service.delete(USER, created.file_id)).toEqual(first);
  });

  it('cancels an unfinished upload on delete', async () => {
    const { service, upload } = setUp();
    const { created } = await upload();
    await service.delete(USER, created.file_id);
    expect(await problemStatus(service.complete(USER, created.file_id))).toBe(404);
    expect((await service.list(USER, 10)).user_files).toEqual([]);
  });

  it('keeps the tombstone when S3 fails, and a retried delete removes the object', async () => {
    const { service, storage, upload } = setUp();
    const { created, key } = await upload();
    storage.objects.set(key, 5);
    storage.failDeletes = true;
    await expect(service.delete(USER, created.file_id)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    expect(await problemStatus(service.get(USER, created.file_id))).toBe(404);
    storage.failDeletes = false;
    await service.delete(USER, created.file_id);
    expect(storage.objects.has(key)).toBe(false);
  });

  it('404s for ids the user does not have', async () => {
    const { service, upload } = setUp();
    const { created } = await upload();
    expect(await problemStatus(service.get('someone-else', created.file_id))).toBe(404);
    expect(await problemStatus(service.delete('someone-else', created.file_id))).toBe(404);
  });
});
