import { createHash, randomBytes } from 'node:crypto';
import { TransferError, UploadAbortedError, UploadCancelledError } from './errors';
import type { PartEvent } from './events';
import type { UploadProgress } from './progress';
import { Upload, type UploadOptions } from './upload';
import { FakeFilesApi, FakeS3, MemoryByteSource } from './upload.fakes';
import { MemoryUploadStateStore } from './upload-state';

let s3: FakeS3;

beforeEach(async () => {
  s3 = new FakeS3();
  await s3.start();
});

afterEach(async () => {
  await s3.stop();
});

// Threshold 1000 bytes, parts of 100: small numbers, the same rules as the real service.
function setup(size: number, apiOptions: { canListParts?: boolean } = {}) {
  const api = new FakeFilesApi({ s3, threshold: 1000, partSize: 100, ...apiOptions });
  const source = new MemoryByteSource(randomBytes(size));
  return { api, source };
}

function upload(api: FakeFilesApi, source: MemoryByteSource, options: Partial<UploadOptions> = {}) {
  return new Upload({ api, source, retry: { baseDelayMs: 1, maxDelayMs: 5 }, ...options });
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function partPuts(fileId: string) {
  return s3.putsTo(`/files/${fileId}/parts/`);
}

describe('Upload', () => {
  it('sends a file below the threshold in one PUT and completes without a body', async () => {
    const { api, source } = setup(999);
    const result = await upload(api, source).start();

    expect(result).toMatchObject({ size: 999, status: 'READY', partsSent: 1, resumed: false });
    expect(s3.puts).toHaveLength(1);
    expect(s3.puts[0]?.headers['content-type']).toBe('application/octet-stream');
    expect(api.callsOf('presignParts')).toHaveLength(0);
    expect(api.callsOf('completeFile')[0]?.body).toBeUndefined();
    expect(api.stored(result.file_id)?.equals(source.bytes)).toBe(true);
  });

  it('uploads a 0-byte file with one empty PUT', async () => {
    const { api, source } = setup(0);
    const result = await upload(api, source).start();

    expect(result.size).toBe(0);
    expect(s3.puts.map((put) => put.bytes.length)).toEqual([0]);
  });

  it('splits a file at the threshold into parts whose last one is tiny, and reassembles it', async () => {
    const { api, source } = setup(1001);
    const result = await upload(api, source).start();

    const sizes = partPuts(result.file_id)
      .map((put) => [Number(put.path.split('/').pop()), put.bytes.length])
      .sort((a, b) => (a[0] as number) - (b[0] as number));
    expect(sizes).toHaveLength(11);
    expect(sizes.slice(0, 10).every(([, size]) => size === 100)).toBe(true);
    expect(sizes[10]).toEqual([11, 1]);
    const parts = (api.callsOf('completeFile')[0]?.body as { parts: { part_number: number }[] })
      .parts;
    expect(parts.map((part) => part.part_number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(api.stored(result.file_id)?.equals(source.bytes)).toBe(true);
  });

  it('never has more than `parallel` parts in flight or in memory', async () => {
    const { api, source } = setup(1600);
    s3.delayMs = 20;
    let held = 0;
    let maxHeld = 0;
    const read = source.read.bind(source);
    source.read = async (start, end) => {
      held++;
      maxHeld = Math.max(maxHeld, held);
      return read(start, end);
    };
    const run = upload(api, source, { parallel: 3 });
    run.on('part', (event) => {
      if (event.type === 'done') held--;
    });
    await run.start();

    expect(s3.maxInFlight).toBe(3);
    expect(maxHeld).toBeLessThanOrEqual(3);
    expect(source.reads).toHaveLength(16);
  });

  it('retries a part that answers 500 with growing, jittered delays, then succeeds', async () => {
    const { api, source } = setup(1000);
    s3.fault = (path, attempt) =>
      path.endsWith('/parts/2') && attempt <= 2 ? { status: 500 } : undefined;
    const retries: PartEvent[] = [];
    const run = upload(api, source, {
      retry: { baseDelayMs: 10, maxDelayMs: 1000, random: () => 0.5 },
    });
    run.on('part', (event) => {
      if (event.type === 'retrying') retries.push(event);
    });
    const result = await run.start();

    expect(
      retries.map(
        (event) => event.type === 'retrying' && [event.part_number, event.attempt, event.delayMs],
      ),
    ).toEqual([
      [2, 1, 5],
      [2, 2, 10],
    ]);
    expect(s3.putsTo(`/files/${result.file_id}/parts/2`)).toHaveLength(3);
    expect(api.stored(result.file_id)?.equals(source.bytes)).toBe(true);
  });

  it('does not retry a 400 and fails with the S3 status', async () => {
    const { api, source } = setup(1000);
    s3.fault = (path) => (path.endsWith('/parts/1') ? { status: 400 } : undefined);
    const run = upload(api, source, { parallel: 1 });

    await expect(run.start()).rejects.toMatchObject({ name: 'TransferError', status: 400 });
    expect(s3.puts.filter((put) => put.path.endsWith('/parts/1'))).toHaveLength(1);
    expect(run.status).toBe('failed');
    expect(api.callsOf('completeFile')).toHaveLength(0);
  });

  it('gives up after the configured retries on a part that keeps answering 503', async () => {
    const { api, source } = setup(1000);
    s3.fault = (path) => (path.endsWith('/parts/3') ? { status: 503 } : undefined);

    const error: unknown = await upload(api, source, { retry: { retries: 2, baseDelayMs: 1 } })
      .start()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransferError);
    expect(s3.puts.filter((put) => put.path.endsWith('/parts/3'))).toHaveLength(3);
  });

  it('asks for a fresh URL when S3 says a part URL has expired', async () => {
    const { api, source } = setup(1000);
    api.expireNextUrl.add(4);
    const result = await upload(api, source, { urlBatchSize: 1 }).start();

    const asked = api
      .callsOf('presignParts')
      .filter((call) => (call.body as { part_numbers: number[] }).part_numbers.includes(4));
    expect(asked).toHaveLength(2);
    expect(s3.putsTo(`/files/${result.file_id}/parts/4`)).toHaveLength(2);
    expect(api.stored(result.file_id)?.equals(source.bytes)).toBe(true);
  });

  it('fetches part URLs in batches rather than one call per part', async () => {
    const { api, source } = setup(2000);
    await upload(api, source, { urlBatchSize: 8, parallel: 2 }).start();

    const batches = api
      .callsOf('presignParts')
      .map((call) => (call.body as { part_numbers: number[] }).part_numbers.length);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(20);
    expect(batches.length).toBeLessThanOrEqual(4);
  });

  it('sends per-part SHA-256 when asked: on create, on each URL request and on complete', async () => {
    const { api, source } = setup(1050);
    const result = await upload(api, source, { checksums: true }).start();

    expect(api.callsOf('createFile')[0]?.body).toMatchObject({ checksum_algorithm: 'SHA256' });
    const digests = Object.assign(
      {},
      ...api.callsOf('presignParts').map((call) => (call.body as { sha256: object }).sha256),
    ) as Record<string, string>;
    expect(digests['11']).toBe(sha(source.bytes.slice(1000)));
    const completed = api.callsOf('completeFile')[0]?.body as {
      parts: { part_number: number; sha256: string }[];
    };
    expect(completed.parts.every((part) => /^[0-9a-f]{64}$/.test(part.sha256))).toBe(true);
    expect(api.stored(result.file_id)?.equals(source.bytes)).toBe(true);
  });

  it("binds a single-PUT upload to the whole file's SHA-256 when checksums are asked for", async () => {
    const { api, source } = setup(500);
    await upload(api, source, { checksums: true }).start();

    expect(api.callsOf('createFile')[0]?.body).toMatchObject({
      checksum_algorithm: 'SHA256',
      sha256: sha(source.bytes),
    });
  });

  it('pauses (no PUTs while paused) and finishes after resume', async () => {
    const { api, source } = setup(1000);
    s3.delayMs = 5;
    const run = upload(api, source, { parallel: 2 });
    const paused = new Promise<void>((resolve) => {
      const off = run.on('part', (event) => {
        if (event.type === 'done' && event.part_number >= 2) {
          off();
          run.pause();
          resolve();
        }
      });
    });
    const done = run.start();
    await paused;
    expect(run.status).toBe('paused');
    // Aborted in-flight PUTs may still land on the server; then nothing more arrives.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const putsWhilePaused = s3.puts.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(s3.puts.length).toBe(putsWhilePaused);

    run.resume();
    const result = await done;
    expect(run.status).toBe('completed');
    expect(api.stored(result.file_id)?.equals(source.bytes)).toBe(true);
  });

  it('cancel aborts the PUTs in flight and deletes the file and its saved state', async () => {
    const { api, source } = setup(1000);
    s3.delayMs = 50;
    const store = new MemoryUploadStateStore();
    const run = upload(api, source, { stateStore: store });
    const done = run.start();
    await new Promise<void>((resolve) => run.on('created', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await run.cancel();

    await expect(done).rejects.toBeInstanceOf(UploadCancelledError);
    expect(run.status).toBe('cancelled');
    const fileId = run.fileId as string;
    expect(api.callsOf('deleteFile').map((call) => call.fileId)).toEqual([fileId]);
    expect(api.files.get(fileId)?.summary.status).toBe('DELETED');
    expect(
      await store.get({ name: source.name, size: 1000, mtimeMs: source.lastModified }),
    ).toBeUndefined();
  });

  it('resumes from the saved state without re-sending finished parts (store that cannot list: 501)', async () => {
    const { api, source } = setup(1000);
    const store = new MemoryUploadStateStore();
    const stop = new AbortController();
    const first = upload(api, source, { stateStore: store, parallel: 1, signal: stop.signal });
    first.on('part', (event) => {
      if (event.type === 'done' && event.part_number === 4) stop.abort();
    });
    await expect(first.start()).rejects.toBeInstanceOf(UploadAbortedError);
    expect(api.callsOf('deleteFile')).toHaveLength(0);
    const fileId = first.fileId as string;
    const before = partPuts(fileId).length;
    expect(before).toBe(4);

    const second = upload(api, source, { stateStore: store, parallel: 2 });
    const result = await second.start();

    expect(result).toMatchObject({ file_id: fileId, resumed: true, partsSent: 6 });
    expect(partPuts(fileId).length - before).toBe(6);
    expect(api.callsOf('listUploadedParts')).toHaveLength(1);
    expect(api.stored(fileId)?.equals(source.bytes)).toBe(true);
    expect(
      await store.get({ name: source.name, size: 1000, mtimeMs: source.lastModified }),
    ).toBeUndefined();
  });

  it('resumes from the parts the API lists when it can list them', async () => {
    const { api, source } = setup(1000, { canListParts: true });
    const store = new MemoryUploadStateStore();
    const stop = new AbortController();
    const first = upload(api, source, { stateStore: store, parallel: 1, signal: stop.signal });
    first.on('part', (event) => {
      if (event.type === 'done' && event.part_number === 3) stop.abort();
    });
    await expect(first.start()).rejects.toBeInstanceOf(UploadAbortedError);
    // The saved state forgets part 3; the API's list still knows it.
    const identity = { name: source.name, size: 1000, mtimeMs: source.lastModified };
    const saved = await store.get(identity);
    if (!saved) throw new Error('the stopped upload saved no state');
    await store.set(identity, { ...saved, done: saved.done.filter((p) => p.part_number !== 3) });

    const result = await upload(api, source, { stateStore: store }).start();
    expect(result.partsSent).toBe(7);
    expect(api.stored(result.file_id)?.equals(source.bytes)).toBe(true);
  });

  it('starts afresh when the saved upload no longer exists', async () => {
    const { api, source } = setup(1000);
    const store = new MemoryUploadStateStore();
    const identity = { name: source.name, size: 1000, mtimeMs: source.lastModified };
    await store.set(identity, {
      fileIdentity: identity,
      file_id: 'gone',
      part_size: 100,
      part_count: 10,
      checksums: false,
      done: [{ part_number: 1, etag: '"x"' }],
    });

    const result = await upload(api, source, { stateStore: store }).start();
    expect(result).toMatchObject({ resumed: false, partsSent: 10 });
    expect(result.file_id).not.toBe('gone');
  });

  it('reports exact progress totals, a rate and an ETA of zero at the end', async () => {
    const { api, source } = setup(1234);
    const events: UploadProgress[] = [];
    const partBytes: number[] = [];
    const run = upload(api, source, { parallel: 2 });
    run.on('progress', (progress) => events.push(progress));
    run.on('part', (event) => {
      if (event.type === 'done') partBytes.push(event.bytes);
    });
    await run.start();

    const last = events[events.length - 1] as UploadProgress;
    expect(events[0]).toMatchObject({
      bytesDone: 0,
      bytesTotal: 1234,
      partsDone: 0,
      partCount: 13,
    });
    expect(last).toMatchObject({ bytesDone: 1234, bytesTotal: 1234, partsDone: 13, etaSeconds: 0 });
    expect(partBytes.reduce((a, b) => a + b, 0)).toBe(1234);
    expect(
      events.every((e, i) => i === 0 || e.bytesDone >= (events[i - 1] as UploadProgress).bytesDone),
    ).toBe(true);
  });

  it('retries API calls that answer 503 (presign and complete)', async () => {
    const { api, source } = setup(1000);
    api.failures.set('presignParts', [503]);
    api.failures.set('completeFile', [503]);

    const result = await upload(api, source).start();
    expect(result.status).toBe('READY');
    expect(api.callsOf('completeFile')).toHaveLength(2);
  });
});
