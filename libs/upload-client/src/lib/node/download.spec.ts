import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { UploadProgress } from '../progress';
import { FakeFilesApi, FakeS3, MemoryByteSource } from '../upload.fakes';
import { Upload } from '../upload';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { downloadFile } from './download';

let s3: FakeS3;
let getServer: Server;

beforeAll(async () => {
  s3 = new FakeS3();
  await s3.start();
});

afterAll(async () => {
  await s3.stop();
  getServer?.close();
});

describe('downloadFile', () => {
  it('streams the presigned GET into a writable and reports exact progress', async () => {
    const api = new FakeFilesApi({ s3 });
    const bytes = randomBytes(300_000);
    const { file_id } = await new Upload({ api, source: new MemoryByteSource(bytes) }).start();
    // The fake S3 takes PUTs only; serve its stored object from a second loopback server.
    getServer = createServer((_request, response) => {
      response.writeHead(200, { 'content-length': String(bytes.length) });
      response.end(api.stored(file_id));
    });
    await new Promise<void>((resolve) => getServer.listen(0, '127.0.0.1', resolve));
    const port = (getServer.address() as AddressInfo).port;
    api.getDownloadUrl = async (fileId) => ({
      file_id: fileId,
      file_name: 'file.bin',
      download_url: `http://127.0.0.1:${port}/`,
      expires_at: new Date().toISOString(),
    });
    const chunks: Buffer[] = [];
    const progress: UploadProgress[] = [];

    const result = await downloadFile({
      api,
      fileId: file_id,
      destination: new Writable({
        write(chunk: Buffer, _encoding, callback) {
          chunks.push(chunk);
          callback();
        },
      }),
      onProgress: (p) => progress.push(p),
      progressIntervalMs: 0,
    });

    expect(result).toEqual({ file_id, file_name: 'file.bin', bytes: bytes.length });
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    expect(progress[progress.length - 1]).toMatchObject({
      bytesDone: bytes.length,
      bytesTotal: bytes.length,
    });
  });
});
