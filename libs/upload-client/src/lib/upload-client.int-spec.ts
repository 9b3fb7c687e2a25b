import { createEnclaveClient } from '@enclave/api-contract';
import {
  sha256Hex,
  signUpUser,
  startServiceProcess,
  startTestStack,
  type ServiceProcess,
  type TestStack,
  type TestUser,
} from '@enclave/testing';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { ApiError, UploadAbortedError, UploadCancelledError } from './errors';
import { createFilesApi, type FilesApi } from './files-api';
import { downloadFile } from './node/download';
import { FileByteSource } from './node/file-byte-source';
import { FileUploadStateStore } from './node/file-state-store';
import { Upload } from './upload';
import { MemoryByteSource } from './upload.fakes';

// The real uploads service (its built bundle) against the local stack, with the multipart
// threshold lowered so that a few MiB exercise the same code paths as a 50 GB file.
const MiB = 1024 * 1024;
const PART_SIZE = 5 * MiB;

let stack: TestStack;
let service: ServiceProcess;
let user: TestUser;
let api: FilesApi;
let workDir: string;
const opened: FileByteSource[] = [];

async function openSource(filePath: string): Promise<FileByteSource> {
  const source = await FileByteSource.open(filePath);
  opened.push(source);
  return source;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((source) => source.close()));
});

beforeAll(async () => {
  stack = await startTestStack();
  service = await startServiceProcess('uploads', {
    ...stack.env,
    MULTIPART_THRESHOLD_BYTES: String(6 * MiB),
    MULTIPART_PART_SIZE_BYTES: String(PART_SIZE),
  });
  user = await signUpUser(stack);
  api = createFilesApi(
    createEnclaveClient({ baseUrl: service.endpoint, token: () => user.idToken }),
    user.user_id,
  );
  workDir = await mkdtemp(path.join(tmpdir(), 'upload-client-'));
}, 90_000);

afterAll(async () => {
  await service?.stop();
  await stack?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Downloads a file through its presigned GET and answers the bytes' SHA-256. */
async function downloadedSha256(fileId: string): Promise<{ sha256: string; bytes: number }> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  const result = await downloadFile({ api, fileId, destination: sink });
  return { sha256: sha256Hex(Buffer.concat(chunks)), bytes: result.bytes };
}

/** A fetch that counts the PUTs it sends to S3. */
function countingFetch(): { fetch: typeof fetch; puts: () => number } {
  let puts = 0;
  return {
    fetch: (input, init) => {
      if (init?.method === 'PUT') puts++;
      return fetch(input, init);
    },
    puts: () => puts,
  };
}

describe('upload-client against the uploads service and the local stack', () => {
  it('uploads 10 MiB + 1 byte in 3 parts (the last 1 byte) with checksums; the download is SHA-256-equal', async () => {
    const bytes = randomBytes(2 * PART_SIZE + 1);
    const source = new MemoryByteSource(bytes, 'three-parts.bin');
    const counter = countingFetch();
    const run = new Upload({ api, source, checksums: true, fetch: counter.fetch });
    const created = new Promise((resolve) => run.on('created', resolve));
    const result = await run.start();

    await expect(created).resolves.toMatchObject({ multipart: true, partCount: 3 });
    expect(result).toMatchObject({ size: bytes.length, status: 'READY', partsSent: 3 });
    expect(counter.puts()).toBe(3);
    await expect(downloadedSha256(result.file_id)).resolves.toEqual({
      sha256: sha256Hex(bytes),
      bytes: bytes.length,
    });
  });

  it.each([0, 1])('uploads and downloads a %i-byte file', async (size) => {
    const bytes = randomBytes(size);
    const result = await new Upload({
      api,
      source: new MemoryByteSource(bytes, `tiny-${size}.bin`),
    }).start();

    expect(result).toMatchObject({ size, status: 'READY', partsSent: 1 });
    await expect(downloadedSha256(result.file_id)).resolves.toEqual({
      sha256: sha256Hex(bytes),
      bytes: size,
    });
  });

  it('resumes an upload stopped after 2 of 4 parts from its saved state, sending only the other 2', async () => {
    const bytes = randomBytes(3 * PART_SIZE + 123);
    const filePath = path.join(workDir, 'interrupted.bin');
    await writeFile(filePath, bytes);
    const store = new FileUploadStateStore(path.join(workDir, 'state'));

    const stop = new AbortController();
    const firstFetch = countingFetch();
    const firstSource = await openSource(filePath);
    const first = new Upload({
      api,
      source: firstSource,
      parallel: 1,
      stateStore: store,
      signal: stop.signal,
      fetch: firstFetch.fetch,
    });
    first.on('part', (event) => {
      if (event.type === 'done' && event.part_number === 2) stop.abort();
    });
    await expect(first.start()).rejects.toBeInstanceOf(UploadAbortedError);
    expect(firstFetch.puts()).toBe(2);
    await expect(api.getFile(first.fileId as string)).resolves.toMatchObject({
      status: 'UPLOADING',
    });

    // A new process: a new source, a new Upload, only the state store in common.
    const secondFetch = countingFetch();
    const secondSource = await openSource(filePath);
    const result = await new Upload({
      api,
      source: secondSource,
      stateStore: store,
      fetch: secondFetch.fetch,
    }).start();

    expect(result).toMatchObject({ file_id: first.fileId, resumed: true, partsSent: 2 });
    expect(secondFetch.puts()).toBe(2);
    await expect(downloadedSha256(result.file_id)).resolves.toEqual({
      sha256: sha256Hex(bytes),
      bytes: bytes.length,
    });
  });

  it('cancel mid-upload deletes the file: it is neither listed nor readable', async () => {
    const source = new MemoryByteSource(randomBytes(3 * PART_SIZE), 'cancelled.bin');
    const run = new Upload({ api, source, parallel: 1 });
    run.on('part', (event) => {
      if (event.type === 'done' && event.part_number === 1) void run.cancel();
    });

    await expect(run.start()).rejects.toBeInstanceOf(UploadCancelledError);
    const fileId = run.fileId as string;
    const listed = await api.listFiles({ limit: 100 });
    expect(listed.user_files.map((file) => file.file_id)).not.toContain(fileId);
    const download = await api.getDownloadUrl(fileId).catch((error: unknown) => error);
    expect(download).toBeInstanceOf(ApiError);
  });
});
