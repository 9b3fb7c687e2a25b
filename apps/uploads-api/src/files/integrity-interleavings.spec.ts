import { type Pause, pause } from '@enclave/testing';
import { MiB, problemStatus, setUp, USER } from './files.fixture';

type Fixture = ReturnType<typeof setUp>;

/**
 * The end state every interleaving must reach: a READY row ⇔ an object of its declared size; no
 * object without a live row; the usage row equal to the sum of the live rows.
 */
async function expectConsistent({ files, store, usage }: Fixture): Promise<void> {
  const rows = [...files.rows.values()];
  const live = rows.filter((row) => row.status !== 'DELETED');
  for (const row of rows) {
    const object = store.objects.get(row.object_key);
    if (row.status === 'READY') expect(object?.bytes.length).toBe(row.size);
    if (row.status === 'DELETED') expect(object).toBeUndefined();
  }
  for (const key of store.objects.keys()) {
    expect(live.map((row) => row.object_key)).toContain(key);
  }
  expect(await usage.used(USER)).toBe(live.reduce((sum, row) => sum + row.size, 0));
}

/** A 2-part upload (5 MiB + 1 byte) with both parts stored, ready to complete. */
async function twoPartUpload(fixture: Fixture) {
  const created = await fixture.service.create(USER, {
    file_name: 'two-parts.bin',
    size: 5 * MiB + 1,
  });
  const parts = [
    { part_number: 1, etag: await fixture.putPart(created.file_id, 1, 5 * MiB) },
    { part_number: 2, etag: await fixture.putPart(created.file_id, 2, 1) },
  ];
  return { created, parts };
}

/** Holds the next assembly where S3 has taken the upload but not yet stored the object. */
function holdAssembly(fixture: Fixture): Pause {
  let arrive!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (arrive = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  fixture.multipartStorage.assembling = () => {
    fixture.multipartStorage.assembling = undefined;
    arrive();
    return released;
  };
  return { reached, release };
}

const multipartSettings = { multipartThresholdBytes: 5 * MiB, partSizeBytes: 5 * MiB };

describe('complete, delete, PUT and sweep in every order leave bytes and rows together', () => {
  it('a delete while S3 assembles the parts leaves no object behind', async () => {
    const fixture = setUp(multipartSettings);
    const { created, parts } = await twoPartUpload(fixture);
    const assembly = holdAssembly(fixture);

    const completing = problemStatus(fixture.service.complete(USER, created.file_id, { parts }));
    await assembly.reached;
    await fixture.service.delete(USER, created.file_id);
    assembly.release();

    expect(await completing).toBe(404);
    expect(fixture.store.objects.size).toBe(0);
    await expectConsistent(fixture);
  });

  it('a delete between the size check and READY leaves no object behind', async () => {
    const fixture = setUp();
    const { created } = await fixture.upload('a.txt', 5);
    fixture.putBytes(created, 5);
    const checked = pause(fixture.storage, 'head', { after: true });

    const completing = problemStatus(fixture.service.complete(USER, created.file_id));
    await checked.reached;
    await fixture.service.delete(USER, created.file_id);
    checked.release();

    expect(await completing).toBe(404);
    await expectConsistent(fixture);
  });

  it('a sweep of the expired upload while it assembles leaves no object behind', async () => {
    const fixture = setUp({ ...multipartSettings, uploadTtlSeconds: 60 });
    const { created, parts } = await twoPartUpload(fixture);
    const assembly = holdAssembly(fixture);

    const completing = problemStatus(fixture.service.complete(USER, created.file_id, { parts }));
    await assembly.reached;
    fixture.advance(61);
    expect((await fixture.sweeper.sweep()).abandoned).toBe(1);
    assembly.release();

    expect(await completing).toBe(404);
    await expectConsistent(fixture);
  });

  it('a wrong-size discard racing a delete answers 4xx and releases the bytes once', async () => {
    const fixture = setUp({ multipartThresholdBytes: 0, partSizeBytes: 5 * MiB });
    const created = await fixture.service.create(USER, {
      file_name: 'short.bin',
      size: 5 * MiB + 5,
    });
    const record = await fixture.files.get(USER, created.file_id);
    const parts = [{ part_number: 1, etag: await fixture.putPart(created.file_id, 1, 5 * MiB) }];
    // The last part is shorter than declared; S3 assembles what it was sent.
    fixture.store.uploads
      .get(record?.upload_id as string)
      ?.parts.set(2, { bytes: new Uint8Array(4), contentType: '', etag: '"short"' });
    parts.push({ part_number: 2, etag: '"short"' });
    // Hold the discard's removal once it has the lease, and delete meanwhile.
    const removing = pause(fixture.storage, 'delete');

    const completing = problemStatus(fixture.service.complete(USER, created.file_id, { parts }));
    await removing.reached;
    const deleted = await fixture.service.delete(USER, created.file_id);
    removing.release();

    expect(deleted.file_status).toBe('DELETED');
    expect(await completing).toBe(409);
    await expectConsistent(fixture);
  });

  it('a PUT to the URL of a deleted file lands, and the stray is removed', async () => {
    const fixture = setUp();
    const { created, key } = await fixture.upload('late.txt', 5);
    await fixture.service.delete(USER, created.file_id);
    const removed: string[] = [];
    fixture.store.onObjectCreated((stored) => {
      void fixture.strays
        .check(stored)
        .then((verdict) => verdict === 'removed' && removed.push(stored));
    });

    fixture.putBytes(created, 5);
    await new Promise((resolve) => setImmediate(resolve));

    expect(removed).toEqual([key]);
    await expectConsistent(fixture);
  });

  it('the object-created check racing a delete: the object goes either way', async () => {
    const fixture = setUp();
    const { created, key } = await fixture.upload('raced.txt', 5);
    fixture.putBytes(created, 5);
    // The check has read the row (still UPLOADING) when the delete runs.
    const read = pause(fixture.files, 'get', { after: true });
    const checking = fixture.strays.check(key);
    await read.reached;
    await fixture.service.delete(USER, created.file_id);
    read.release();

    expect(await checking).toBe('kept');
    expect(fixture.store.objects.has(key)).toBe(false);
    await expectConsistent(fixture);
  });

  it('a second PUT to a completed file’s URL cannot replace its bytes', async () => {
    const fixture = setUp();
    const { created, key } = await fixture.upload('kept.txt', 5);
    fixture.putBytes(created, 5);
    await fixture.service.complete(USER, created.file_id);
    const before = fixture.store.objects.get(key)?.etag;

    const again = fixture.store.receive({
      method: 'PUT',
      url: created.upload_url as string,
      headers: created.upload_headers,
      body: new Uint8Array(5).fill(1),
    });

    expect(again.status).toBe(412);
    expect(fixture.store.objects.get(key)?.etag).toBe(before);
    await expectConsistent(fixture);
  });

  it('the sweep removes objects no live row expects, and keeps the rest', async () => {
    const fixture = setUp();
    const { created: kept } = await fixture.upload('kept.txt', 5);
    fixture.putBytes(kept, 5);
    await fixture.service.complete(USER, kept.file_id);
    const { created: uploading } = await fixture.upload('uploading.txt', 5);
    fixture.putBytes(uploading, 5);
    const { created: gone } = await fixture.upload('gone.txt', 5);
    await fixture.service.delete(USER, gone.file_id);
    fixture.putBytes(gone, 5);
    fixture.storeObject('not-ours', 3);

    expect(await fixture.sweeper.sweep()).toEqual({
      upgraded: 0,
      abandoned: 0,
      finished: 0,
      reconciled: 0,
      corrected: 0,
      strays: 2,
    });
    expect(fixture.store.objects.size).toBe(2);
    await expectConsistent(fixture);
  });
});
