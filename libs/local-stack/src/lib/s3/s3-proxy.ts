import { Agent, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { forward } from '../http-forward';
import { isPresignedV4 } from './presigned-request';
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
      const error = await verifyPresignedV4({ method, url, headers: req.headers }, options.secretFor);
      if (error) return writeS3Error(req, res, error);
    }
    forward(req, res, {
      port: options.upstreamPort,
      agent,
      onUnreachable: () =>
        writeS3Error(req, res, {
          status: 503,
          code: 'ServiceUnavailable',
          message: 'The local S3 stand-in (s3rver) is not reachable.',
        }),
    });
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
