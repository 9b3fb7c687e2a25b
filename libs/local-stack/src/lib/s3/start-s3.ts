import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { LOCAL_ACCESS_KEY_ID, LOCAL_SECRET_ACCESS_KEY } from '../credentials';
import { listenOnLoopback, LOOPBACK, type RunningService, runningServer } from '../running';
import { createS3Proxy } from './s3-proxy';

export interface S3Options {
  /** Port of the (verifying) S3 endpoint; 0 or absent picks a free port. */
  port?: number;
  /** Where objects live; a fresh temporary directory, removed on stop, when absent. */
  dataDir?: string;
  /**
   * Verify presigned (query-signed) requests' SigV4 signatures, and bodies against a signed
   * x-amz-checksum-sha256, as S3 does; default true. Off, signatures and checksums pass
   * unchecked; the multipart rules (see createS3Proxy) apply either way.
   */
  verifySignatures?: boolean;
}

/**
 * S3 on loopback: s3rver on an internal ephemeral port, behind a proxy on the requested port
 * that rejects presigned requests whose SigV4 signature does not verify or that have expired,
 * and gives multipart uploads S3's rules (parts checked on completion, ListParts, Abort).
 * Clients need `forcePathStyle: true` and checksums WHEN_REQUIRED (see localS3Client).
 *
 * To bind a presigned PUT to its Content-Type and Content-Length (verified with
 * @aws-sdk/s3-request-presigner 3.1164 / @smithy/signature-v4 5.7): set ContentType and
 * ContentLength on the PutObjectCommand and pass
 * `signableHeaders: new Set(['content-type', 'content-length'])` to getSignedUrl. content-length is
 * signed as soon as ContentLength is on the command; content-type only when named signable (the
 * presigner adds it to unsignableHeaders itself). X-Amz-SignedHeaders is then
 * `content-length;content-type;host`. A ChecksumSHA256 must stay a header:
 * `unhoistableHeaders: new Set(['x-amz-checksum-sha256'])`.
 */
export async function startS3(options: S3Options = {}): Promise<RunningService> {
  const ownsDir = options.dataDir === undefined;
  const directory = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'enclave-s3-')));
  await mkdir(directory, { recursive: true });

  // vhostBuckets off: requests reaching s3rver through a hostname (not an IP or `localhost`) must
  // not be taken for virtual-host bucket addressing; Enclave always uses path style.
  const s3rver = new S3rver({
    address: LOOPBACK,
    port: 0,
    directory,
    silent: true,
    vhostBuckets: false,
  });
  const { port: upstreamPort } = await s3rver.run();
  const stopS3rver = async (): Promise<void> => {
    s3rver.httpServer?.closeAllConnections();
    await s3rver.close();
    if (ownsDir) await rm(directory, { recursive: true, force: true });
  };

  const { server, agent } = createS3Proxy({
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
