import {
  Agent,
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { endToEndHeaders } from '../hop-by-hop';
import { forward } from '../http-forward';
import { LOOPBACK } from '../running';
import { type ChecksumCheck, checkSha256 } from './checksum-check';
import { isPresignedV4, splitTarget } from './presigned-request';
import { writeS3Error } from './s3-error';
import { type SecretLookup, verifyPresignedV4 } from './verify-presigned';

export interface S3ProxyOptions {
  /** Port of s3rver on loopback. */
  upstreamPort: number;
  verifySignatures: boolean;
  secretFor: SecretLookup;
}

/**
 * The server in front of s3rver. s3rver does not verify SigV4 (ARCHITECTURE.md, "Known limits"),
 * so presigned requests are verified here; everything else passes untouched: header-signed SDK
 * calls and unsigned requests (s3rver handles them as S3 would, minus the signature check), and
 * OPTIONS, because a CORS preflight carries no signature and s3rver answers it from the bucket's
 * CORS configuration.
 */
export function createS3Proxy(options: S3ProxyOptions): { server: Server; agent: Agent } {
  const agent = new Agent({ keepAlive: true });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    if (options.verifySignatures && method !== 'OPTIONS' && isPresignedV4(url)) {
      const error = await verifyPresignedV4(
        { method, url, headers: req.headers },
        options.secretFor,
      );
      if (error) return writeS3Error(req, res, error);
    }
    const checksum = options.verifySignatures ? checkSha256(req) : undefined;
    if (checksum && 'code' in checksum) return writeS3Error(req, res, checksum);
    forward(req, res, {
      port: options.upstreamPort,
      agent,
      intercept: checksum && ((upstreamRes) => interceptBadDigest(req, res, upstreamRes, checksum)),
      onUnreachable: () =>
        writeS3Error(req, res, {
          status: 503,
          code: 'ServiceUnavailable',
          message: 'The local S3 stand-in (s3rver) is not reachable.',
        }),
    });
  };

  /** Replaces s3rver's success with BadDigest when the body did not match its checksum. */
  const interceptBadDigest = (
    req: IncomingMessage,
    res: ServerResponse,
    upstreamRes: IncomingMessage,
    checksum: ChecksumCheck,
  ): boolean => {
    const status = upstreamRes.statusCode ?? 500;
    if (status < 200 || status >= 300) return false;
    upstreamRes.resume();
    void checksum.verdict().then(async (error) => {
      if (!error) {
        // Matched after all: answer as s3rver did (its body, if any, was an empty 200).
        res.writeHead(status, endToEndHeaders(upstreamRes.headers));
        res.end();
        return;
      }
      if (checksum.isPutObject) {
        const { path } = splitTarget(req.url ?? '/');
        await fetch(`http://${LOOPBACK}:${options.upstreamPort}${path}`, { method: 'DELETE' }).then(
          (response) => response.arrayBuffer(),
          () => undefined,
        );
      }
      writeS3Error(req, res, error);
    });
    return true;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      writeS3Error(req, res, {
        status: 500,
        code: 'InternalError',
        message: error instanceof Error ? error.message : String(error),
      });
    });
  });
  return { server, agent };
}
