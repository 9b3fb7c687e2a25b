import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Event } from 'aws-lambda';
import S3rver from 's3rver';
import { LOCAL_ACCESS_KEY_ID, LOCAL_REGION, LOCAL_SECRET_ACCESS_KEY } from '../credentials';
import {
  IDLE_CLIENT_CONNECTION_MS,
  listenOnLoopback,
  LOOPBACK,
  type RunningService,
  runningServer,
} from '../running';
import { containStoreWrites } from './contained-store';
import { removeHalfWrittenObjects } from './half-written-objects';
import { ObjectEvents } from './object-events';
import { createS3Proxy } from './s3-proxy';

export { decodeS3EventKey } from './object-events';

/** The local S3, and the object-created notifications S3 would send a Lambda. */
export interface RunningS3 extends RunningService {
  /**
   * Calls `listener` once for every object that becomes stored (PutObject:
   * `ObjectCreated:Put`; CompleteMultipartUpload: `ObjectCreated:CompleteMultipartUpload`), after
   * it is stored, with the event S3 would deliver. Its key is URL-encoded as S3 encodes it
   * (decodeS3EventKey). Returns the unsubscribe function.
   */
  onObjectCreated(listener: (event: S3Event) => void): () => void;
}

export interface S3Options {
  /** Port of the (verifying) S3 endpoint; 0 or absent picks a free port. */
  port?: number;
  /** Where objects live; a fresh temporary directory, removed on stop, when absent. */
  dataDir?: string;
  /**
   * Verify every request's SigV4 signature (presigned or in the Authorization header; unsigned
   * requests but CORS preflights are AccessDenied), and bodies against a signed
   * x-amz-checksum-sha256, as S3 does; default true. Off, nothing of that is checked; key limits,
   * conditional writes, events and the multipart rules (see createS3Proxy) apply either way.
   */
  verifySignatures?: boolean;
}

/**
 * S3 on loopback: s3rver on an internal ephemeral port, behind a proxy on the requested port
 * that verifies every request's SigV4 signature (presigned URLs, their expiry and their unsigned
 * `x-amz-*` headers; header-signed SDK calls; unsigned requests are refused), refuses keys S3 or
 * the stand-in cannot store (KeyTooLongError), honours `If-None-Match: *` on PutObject and
 * CompleteMultipartUpload, announces stored objects (onObjectCreated), and gives multipart
 * uploads S3's rules (parts and ETags checked on completion, ListParts, Abort); see
 * createS3Proxy. s3rver's writes are contained (a failed write is a 500, never a crash), and
 * leftovers of half-written objects in `dataDir` are removed before it starts.
 * Clients need `forcePathStyle: true` and checksums WHEN_REQUIRED (see localS3Client).
 *
 * To bind a presigned PUT to its Content-Type and Content-Length (verified with
 * @aws-sdk/s3-request-presigner 3.1164 / @smithy/signature-v4 5.7): set ContentType and
 * ContentLength on the PutObjectCommand and pass
 * `signableHeaders: new Set(['content-type', 'content-length'])` to getSignedUrl. content-length is
 * signed as soon as ContentLength is on the command; content-type only when named signable (the
 * presigner adds it to unsignableHeaders itself). X-Amz-SignedHeaders is then
 * `content-length;content-type;host`. A ChecksumSHA256 must stay a header:
 * `unhoistableHeaders: new Set(['x-amz-checksum-sha256'])`. For a write-once URL, add
 * `IfNoneMatch: '*'` to the command and 'if-none-match' to signableHeaders; the browser must then
 * send `If-None-Match: *`.
 */
export async function startS3(options: S3Options = {}): Promise<RunningS3> {
  const ownsDir = options.dataDir === undefined;
  const directory = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'enclave-s3-')));
  await mkdir(directory, { recursive: true });
  await removeHalfWrittenObjects(directory);

  // vhostBuckets off: requests reaching s3rver through a hostname (not an IP or `localhost`) must
  // not be taken for virtual-host bucket addressing; Enclave always uses path style.
  const s3rver = new S3rver({
    address: LOOPBACK,
    port: 0,
    directory,
    silent: true,
    vhostBuckets: false,
  });
  containStoreWrites(s3rver);
  const { port: upstreamPort } = await s3rver.run();
  // The proxy's connections to s3rver are idle clients too (runningServer).
  if (s3rver.httpServer) s3rver.httpServer.keepAliveTimeout = IDLE_CLIENT_CONNECTION_MS;
  const stopS3rver = async (): Promise<void> => {
    s3rver.httpServer?.closeAllConnections();
    await s3rver.close();
    if (ownsDir) await rm(directory, { recursive: true, force: true });
  };

  const events = new ObjectEvents(LOCAL_REGION);
  const { server, agent } = createS3Proxy({
    events,
    upstreamPort,
    dataDir: directory,
    verifySignatures: options.verifySignatures ?? true,
    secretFor: (accessKeyId) =>
      accessKeyId === LOCAL_ACCESS_KEY_ID ? LOCAL_SECRET_ACCESS_KEY : undefined,
  });
  try {
    await listenOnLoopback(server, options.port ?? 0);
  } catch (error) {
    agent.destroy();
    await stopS3rver();
    throw error;
  }

  const proxy = runningServer(server);
  let stopped: Promise<void> | undefined;
  return {
    ...proxy,
    onObjectCreated: (listener) => events.listen(listener),
    stop() {
      stopped ??= (async () => {
        await proxy.stop();
        agent.destroy();
        await stopS3rver();
      })();
      return stopped;
    },
  };
}
