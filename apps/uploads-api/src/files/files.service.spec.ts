import { DependencyUnavailable, type ProblemException } from '@enclave/errors';
import { RECONCILE_GRACE_SECONDS } from '@enclave/metadata';
import { MiB, problemStatus, settings, setUp, USER } from './files.fixture';

/** A sweep's result where only `counts` are non-zero. */
const swept = (counts: Partial<Record<string, number>> = {}) => ({
  upgraded: 0,
  abandoned: 0,
  finished: 0,
  reconciled: 0,
  corrected: 0,
  strays: 0,
  ...counts,
});

describe('FilesService', () => {
  it('creates an UPLOADING row and signs a PUT bound to its key, type and size', async () => {
    const { service, storage, files } = setUp();
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
      key: `${USER}/${created.file_id}`,
      contentType: 'application/pdf',
      size: 1234,
      sha256: undefined,
      encryption: { kind: 'AES256' },
      expiresInSeconds: 900,
    });
    expect(created.upload_headers['x-amz-server-side-encryption']).toBe('AES256');
    expect(await files.get(USER, created.file_id)).toMatchObject({
      status: 'UPLOADING',
      kms_mode: 's3',
    });
  });

  describe('in per_user mode', () => {
    it("signs the uploader's own key into the PUT and records it on the row", async () => {
      const { service, storage, files, keys } = setUp({}, 'per_user');
      const created = await service.create(USER, { file_name: 'a.txt', size: 3 });
      const key = [...keys.keys.values()][0];
      expect(keys.calls.createKey).toBe(1);
      expect(storage.signedPuts[0]?.encryption).toEqual({ kind: 'aws:kms', kmsKeyId: key?.arn });
      expect(created.upload_headers).toMatchObject({
        'x-amz-server-side-encryption': 'aws:kms',
        'x-amz-server-side-encryption-aws-kms-key-id': key?.arn,
      });
      expect(await files.get(USER, created.file_id)).toMatchObject({
        kms_mode: 'per_user',
        kms_key_id: key?.arn,
      });
    });

    it('puts the key on CreateMultipartUpload for a multipart upload', async () => {
      const { service, multipartStorage, keys } = setUp({}, 'per_user');
      const created = await service.create(USER, { file_name: 'big.iso', size: 100 * MiB });
      expect(created.multipart).toBeDefined();
      expect([...multipartStorage.encryptions.values()]).toEqual([
        { kind: 'aws:kms', kmsKeyId: [...keys.keys.values()][0]?.arn },
      ]);
    });

    it('answers 503 while KMS is down, holding no quota and writing no row', async () => {
      const { service, files, usage, keys } = setUp({}, 'per_user');
      keys.failNext(10);
      const failure = await service.create(USER, { file_name: 'a.txt', size: 3 }).catch((e) => e);
      expect(failure).toBeInstanceOf(DependencyUnavailable);
      expect(await usage.used(USER)).toBe(0);
      expect(files.rows.size).toBe(0);
    });
  });

  it('refuses files over the deployment’s maximum with 413, writing nothing', async () => {
    const { service, files, usage } = setUp({ maxFileBytes: 100 });
    expect(await problemStatus(service.create(USER, { file_name: 'big.iso', size: 101 }))).toBe(
      413,
    );
    expect(files.rows.size).toBe(0);
    expect(await usage.used(USER)).toBe(0);
  });

  it('refuses uploads past the user’s quota with 413, counting uploading and ready files', async () => {
    const { service, files, usage, upload, putBytes } = setUp({ userQuotaBytes: 10 });
    const { created } = await upload('a.txt', 6);
    putBytes(created, 6);
    await service.complete(USER, created.file_id);
    await upload('b.txt', 4);
    expect(await problemStatus(service.create(USER, { file_name: 'c.txt', size: 1 }))).toBe(413);
    expect(files.rows.size).toBe(2);
    await service.delete(USER, created.file_id);
    expect(await usage.used(USER)).toBe(4);
    await expect(service.create(USER, { file_name: 'c.txt', size: 6 })).resolves.toMatchObject({
      status: 'UPLOADING',
    });
  });

  it('answers 409 on complete before the bytes arrive and keeps the row UPLOADING', async () => {
    const { service, files, upload } = setUp();
    const { created } = await upload();
    expect(await problemStatus(service.complete(USER, created.file_id))).toBe(409);
    expect((await files.get(USER, created.file_id))?.status).toBe('UPLOADING');
  });

  it('answers 409 when storage holds another size than declared', async () => {
    const { service, files, upload, storeObject } = setUp();
    const { created, key } = await upload('a.txt', 5);
    storeObject(key, 4);
    expect(await problemStatus(service.complete(USER, created.file_id))).toBe(409);
    expect((await files.get(USER, created.file_id))?.status).toBe('UPLOADING');
  });

  it('completes once the bytes are stored, and completing again answers the same', async () => {
    const { service, upload, putBytes } = setUp();
    const { created } = await upload('a.txt', 5);
    putBytes(created, 5);
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
    const { service, storage, upload, putBytes } = setUp();
    const { created, key } = await upload('résumé.pdf', 5);
    expect(await problemStatus(service.downloadUrl(USER, created.file_id, 'attachment'))).toBe(409);
    putBytes(created, 5);
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
    const { service, store, upload, putBytes } = setUp();
    const { created, key } = await upload();
    putBytes(created, 5);
    await service.complete(USER, created.file_id);
    const first = await service.delete(USER, created.file_id);
    expect(first).toEqual({ file_id: created.file_id, file_name: 'a.txt', file_status: 'DELETED' });
    expect(store.objects.has(key)).toBe(false);
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
    const { service, store, storage, usage, upload, putBytes } = setUp();
    const { created, key } = await upload();
    putBytes(created, 5);
    jest.spyOn(storage, 'delete').mockRejectedValueOnce(new DependencyUnavailable('S3'));
    await expect(service.delete(USER, created.file_id)).rejects.toBeInstanceOf(
      DependencyUnavailable,
    );
    expect(await problemStatus(service.get(USER, created.file_id))).toBe(404);
    await service.delete(USER, created.file_id);
    expect(store.objects.has(key)).toBe(false);
    expect(await usage.used(USER)).toBe(0);
  });

  it('404s for ids the user does not have', async () => {
    const { service, upload } = setUp();
    const { created } = await upload();
    expect(await problemStatus(service.get('someone-else', created.file_id))).toBe(404);
    expect(await problemStatus(service.delete('someone-else', created.file_id))).toBe(404);
  });

  describe('multipart', () => {
    const big = {
      file_name: 'movie.mkv',
      size: 3 * 16 * MiB + 1,
      content_type: 'video/x-matroska',
    };

    it('uploads in parts above the threshold, and in one PUT at exactly the threshold', async () => {
      const { service } = setUp({ multipartThresholdBytes: 64 * MiB });
      const atThreshold = await service.create(USER, { ...big, size: 64 * MiB });
      expect(atThreshold.upload_url).toBeDefined();
      expect(atThreshold.multipart).toBeUndefined();
      const above = await service.create(USER, { ...big, size: 64 * MiB + 1 });
      expect(above.upload_url).toBeUndefined();
      expect(above.multipart).toEqual({ part_size: 16 * MiB, part_count: 5 });
    });

    it('signs each part bound to its exact length, the last one tiny', async () => {
      const { service, multipartStorage } = setUp({ multipartThresholdBytes: 0 });
      const created = await service.create(USER, big);
      const signed = await service.presignParts(USER, created.file_id, { part_numbers: [1, 4] });
      expect(signed.parts.map((p) => p.part_number)).toEqual([1, 4]);
      expect(
        multipartStorage.signedParts.map((p) => [p.partNumber, p.size, p.expiresInSeconds]),
      ).toEqual([
        [1, 16 * MiB, 600],
        [4, 1, 600],
      ]);
    });

    it('refuses part numbers past the last part, and parts without a checksum when checksums are on', async () => {
      const { service } = setUp({ multipartThresholdBytes: 0 });
      const plain = await service.create(USER, big);
      expect(
        await problemStatus(service.presignParts(USER, plain.file_id, { part_numbers: [5] })),
      ).toBe(400);
      const checked = await service.create(USER, { ...big, checksum_algorithm: 'SHA256' });
      expect(checked.multipart?.checksum_algorithm).toBe('SHA256');
      expect(
        await problemStatus(service.presignParts(USER, checked.file_id, { part_numbers: [1] })),
      ).toBe(400);
      await expect(
        service.presignParts(USER, checked.file_id, {
          part_numbers: [1],
          sha256: { '1': 'ab'.repeat(32) },
        }),
      ).resolves.toMatchObject({ parts: [{ part_number: 1 }] });
    });

    it('answers 409 naming the missing parts, then completes once all are there', async () => {
      const { service, putPart } = setUp({ multipartThresholdBytes: 0 });
      const created = await service.create(USER, big);
      const parts = [];
      for (const n of [1, 2, 4])
        parts.push({
          part_number: n,
          etag: await putPart(created.file_id, n, n === 4 ? 1 : 16 * MiB),
        });
      const missing = await service
        .complete(USER, created.file_id, { parts })
        .catch((e: ProblemException) => e.problem);
      expect(missing).toMatchObject({
        status: 409,
        detail: expect.stringContaining('Parts missing: 3'),
      });
      parts.push({ part_number: 3, etag: await putPart(created.file_id, 3, 16 * MiB) });
      expect(await service.complete(USER, created.file_id, { parts })).toMatchObject({
        status: 'READY',
        size: big.size,
      });
      expect(await service.complete(USER, created.file_id, { parts })).toMatchObject({
        status: 'READY',
      });
    });

    it('completes from S3’s own list of parts when the client sends none', async () => {
      const { service, putPart } = setUp({ multipartThresholdBytes: 0 });
      const created = await service.create(USER, { ...big, size: 16 * MiB + 5 });
      await putPart(created.file_id, 1, 16 * MiB);
      await putPart(created.file_id, 2, 5);
      expect(await service.complete(USER, created.file_id)).toMatchObject({ status: 'READY' });
    });

    it('answers 409 when S3 refuses the listed parts, keeping the upload open', async () => {
      const { service, files, putPart } = setUp({ multipartThresholdBytes: 0 });
      const created = await service.create(USER, { ...big, size: 16 * MiB + 5 });
      await putPart(created.file_id, 1, 16 * MiB);
      const etag = await putPart(created.file_id, 2, 5);
      const parts = [
        { part_number: 1, etag: '"not-what-s3-holds"' },
        { part_number: 2, etag },
      ];
      const refused = await service
        .complete(USER, created.file_id, { parts })
        .catch((e: unknown) => e);
      expect(refused).toMatchObject({ kind: 'conflict', reason: 'invalid-part' });
      expect((await files.get(USER, created.file_id))?.status).toBe('UPLOADING');
    });

    it('answers 501 for a parts listing the store cannot give', async () => {
      const { service, multipartStorage } = setUp({ multipartThresholdBytes: 0 });
      multipartStorage.supportsListing = false;
      const created = await service.create(USER, big);
      expect(await problemStatus(service.uploadedParts(USER, created.file_id))).toBe(501);
    });

    it('discards an assembly whose size differs from the declared size', async () => {
      const { service, files, usage, store, putPart } = setUp({ multipartThresholdBytes: 0 });
      const created = await service.create(USER, { ...big, size: 16 * MiB + 5 });
      const record = await files.get(USER, created.file_id);
      // The client lies about the last part's size; S3 assembles what it was sent.
      const upload = store.uploads.get(record?.upload_id as string);
      const parts = [{ part_number: 1, etag: await putPart(created.file_id, 1, 16 * MiB) }];
      upload?.parts.set(2, { bytes: new Uint8Array(4), contentType: '', etag: '"short"' });
      parts.push({ part_number: 2, etag: '"short"' });
      expect(await problemStatus(service.complete(USER, created.file_id, { parts }))).toBe(409);
      expect(await files.get(USER, created.file_id)).toMatchObject({
        status: 'DELETED',
        removal: 'DONE',
      });
      expect(store.objects.size).toBe(0);
      expect(await usage.used(USER)).toBe(0);
    });

    it('aborts the multipart upload when an unfinished file is deleted', async () => {
      const { service, multipartStorage, files, usage } = setUp({ multipartThresholdBytes: 0 });
      const created = await service.create(USER, big);
      const uploadId = (await files.get(USER, created.file_id))?.upload_id as string;
      await service.delete(USER, created.file_id);
      expect(multipartStorage.aborted).toEqual([uploadId]);
      expect(await usage.used(USER)).toBe(0);
    });

    it('sweeps only uploads past their time: aborts, frees quota, leaves a tombstone', async () => {
      const { service, sweeper, multipartStorage, files, usage, advance, store } = setUp({
        multipartThresholdBytes: 0,
      });
      const stale = await service.create(USER, big);
      advance(settings.uploadTtlSeconds - 60);
      const fresh = await service.create(USER, big);
      const done = await service.create(USER, {
        file_name: 'small',
        size: 5,
        content_type: 'text/plain',
      });
      expect(done.upload_url).toBeUndefined();
      advance(61);
      // The last reservation (`done`) is 61 s old: the usage is not due for its check yet.
      expect(await sweeper.sweep()).toEqual(swept({ abandoned: 1 }));
      expect((await files.get(USER, stale.file_id))?.status).toBe('DELETED');
      expect((await files.get(USER, fresh.file_id))?.status).toBe('UPLOADING');
      expect(multipartStorage.aborted).toHaveLength(1);
      expect(await usage.used(USER)).toBe(big.size + 5);
      expect(store.objects.size).toBe(0);
      expect(await sweeper.sweep()).toEqual(swept());
    });

    it('sweeps a removal an outage left half-done', async () => {
      const { service, sweeper, storage, usage, store, upload, putBytes } = setUp();
      const { created, key } = await upload('a.txt', 5);
      putBytes(created, 5);
      await service.complete(USER, created.file_id);
      jest.spyOn(storage, 'delete').mockRejectedValueOnce(new DependencyUnavailable('S3'));
      await expect(service.delete(USER, created.file_id)).rejects.toBeInstanceOf(
        DependencyUnavailable,
      );
      expect(await sweeper.sweep()).toEqual(swept({ finished: 1 }));
      expect(store.objects.has(key)).toBe(false);
      expect(await usage.used(USER)).toBe(0);
    });
  });

  describe('usage reconciliation', () => {
    /** A READY file of `size` bytes, made the usual way. */
    const readyFile = async (fixture: ReturnType<typeof setUp>, size: number) => {
      const { created } = await fixture.upload('ready.txt', size);
      fixture.putBytes(created, size);
      await fixture.service.complete(USER, created.file_id);
      return created.file_id;
    };
    /** Epoch seconds of the fixture's clock now. */
    const nowSeconds = (fixture: ReturnType<typeof setUp>) =>
      Math.floor(fixture.advance(0).getTime() / 1000);

    it('gives back, after the grace, bytes a create reserved and crashed before its row', async () => {
      const fixture = setUp();
      await readyFile(fixture, 5);
      // The crashed create: its reservation landed, its row never did.
      await fixture.usage.reserve(USER, 1000, undefined, nowSeconds(fixture));
      expect(await fixture.usage.used(USER)).toBe(1005);
      fixture.advance(RECONCILE_GRACE_SECONDS - 1);
      expect(await fixture.sweeper.sweep()).toEqual(swept());
      expect(await fixture.usage.used(USER)).toBe(1005);
      fixture.advance(1);
      expect(await fixture.sweeper.sweep()).toEqual(swept({ reconciled: 1, corrected: 1 }));
      expect(await fixture.usage.used(USER)).toBe(5);
      // Reconciled: not looked at again until the next reservation.
      fixture.advance(RECONCILE_GRACE_SECONDS);
      expect(await fixture.sweeper.sweep()).toEqual(swept());
    });

    it('frees quota a crashed create held, so the user can upload again', async () => {
      const fixture = setUp({ userQuotaBytes: 10 });
      await fixture.usage.reserve(USER, 10, 10, nowSeconds(fixture));
      expect(await problemStatus(fixture.upload('b.txt', 1))).toBe(413);
      fixture.advance(RECONCILE_GRACE_SECONDS);
      expect((await fixture.sweeper.sweep()).corrected).toBe(1);
      expect((await fixture.upload('b.txt', 10)).created.status).toBe('UPLOADING');
    });

    it('leaves the count alone when a reservation lands between its read and its write', async () => {
      const fixture = setUp();
      await readyFile(fixture, 5);
      await fixture.usage.reserve(USER, 1000, undefined, nowSeconds(fixture)); // crashed create
      fixture.advance(RECONCILE_GRACE_SECONDS);
      const rows = fixture.files.rowsHoldingBytes.bind(fixture.files);
      jest.spyOn(fixture.files, 'rowsHoldingBytes').mockImplementationOnce(async function* (user) {
        // A create reserves while the sweep reads the rows; its row is not written yet either.
        await fixture.usage.reserve(user, 7, undefined, nowSeconds(fixture));
        yield* rows(user);
      });
      expect(await fixture.sweeper.sweep()).toEqual(swept());
      expect(await fixture.usage.used(USER)).toBe(1012);
      // The racing reservation put the check off by a grace of its own; then it corrects.
      fixture.advance(RECONCILE_GRACE_SECONDS - 1);
      expect(await fixture.sweeper.sweep()).toEqual(swept());
      fixture.advance(1);
      expect(await fixture.sweeper.sweep()).toEqual(swept({ reconciled: 1, corrected: 1 }));
      expect(await fixture.usage.used(USER)).toBe(5);
    });

    it('counts a removal in progress until it has released its bytes, and not after', async () => {
      const fixture = setUp();
      const unreleased = await readyFile(fixture, 3);
      const released = await readyFile(fixture, 4);
      const at = nowSeconds(fixture);
      // Both being removed by someone else, who holds their leases for a long while.
      for (const fileId of [unreleased, released]) {
        await fixture.files.markDeleted(USER, fileId, 'now');
        expect(
          await fixture.files.claimRemoval(USER, fileId, at, 10 * RECONCILE_GRACE_SECONDS),
        ).toBe(true);
      }
      await fixture.usage.releaseFile(USER, released, 4);
      await fixture.usage.reserve(USER, 50, undefined, at); // crashed create
      fixture.advance(RECONCILE_GRACE_SECONDS);
      // (Their objects, of DELETED rows, go as strays; their rows stay with their remover.)
      expect(await fixture.sweeper.sweep()).toMatchObject({ reconciled: 1, corrected: 1 });
      expect(await fixture.usage.used(USER)).toBe(3);
    });

    it('leaves a count that agrees with the rows as it is', async () => {
      const fixture = setUp();
      await readyFile(fixture, 5);
      await fixture.upload('pending.txt', 6);
      fixture.advance(RECONCILE_GRACE_SECONDS);
      expect(await fixture.sweeper.sweep()).toEqual(swept({ reconciled: 1 }));
      expect(await fixture.usage.used(USER)).toBe(11);
    });
  });
});
