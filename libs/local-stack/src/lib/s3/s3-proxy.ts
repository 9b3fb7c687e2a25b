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
import { handleMultipart, multipartRequest, type Upstream } from './multipart';
import { isPresignedV4, splitTarget } from './presigned-request';
import { type S3Error, writeInternalError, writeS3Error } from './s3-error';
import { S3rverUploads } from './s3rver-uploads';
import { type SecretLookup, verifyPresignedV4 } from './verify-presigned';

export interface S3ProxyOptions {
  /** Port of s3rver on loopback. */
  upstreamPort: number;
  /** s3rver's data directory: the proxy reads and tidies its multipart uploads there. */
  dataDir: string;
  verifySignatures: boolean;
  secretFor: SecretLookup;
}

const unreachable: S3Error = {
  status: 503,
  code: 'ServiceUnavailable',
  message: 'The local S3 stand-in (s3rver) is not reachable.',
};

/**
 * The server in front of s3rver. s3rver does not verify SigV4 (ARCHITECTURE.md, "Known limits"),
 * so presigned requests are verified here; header-signed SDK calls and unsigned requests pass
 * unverified (s3rver handles them as S3 would, minus the signature check), and so does OPTIONS,
 * because a CORS preflight carries no signature and s3rver answers it from the bucket's CORS
 * configuration.
 *
 * Multipart calls on an upload (`/{bucket}/{key}?uploadId=…`), however signed, get S3's rules
 * here (multipart.ts): UploadPart only into an existing upload, CompleteMultipartUpload checks
 * its parts, and ListParts and AbortMultipartUpload, which s3rver lacks, are answered here.
 */
export function createS3Proxy(options: S3ProxyOptions): { server: Server; agent: Agent } {
  const agent = new Agent({ keepAlive: true });
  const onUnreachable = (req: IncomingMessage, res: ServerResponse) => (): void =>
    writeS3Error(req, res, unreachable);
  const upstream: Upstream = {
    pass: (req, res, intercept) =>
      forward(req, res, {
        port: options.upstreamPort,
        agent,
        intercept,
        onUnreachable: onUnreachable(req, res),
      }),
    passBody: (req, res, body) =>
      forward(req, res, {
        port: options.upstreamPort,
        agent,
        body,
        onUnreachable: onUnreachable(req, res),
      }),
  };
  const multipart = {
    uploads: new S3rverUploads(options.dataDir),
    upstream,
    verifyChecksums: options.verifySignatures,
  };

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
    const multipartCall = multipartRequest(method, url);
    if (multipartCall) return handleMultipart(req, res, multipartCall, multipart);
    const checksum = options.verifySignatures ? checkSha256(req) : undefined;
    if (checksum && 'code' in checksum) return writeS3Error(req, res, checksum);
    upstream.pass(
      req,
      res,
      checksum && ((upstreamRes) => interceptBadDigest(req, res, upstreamRes, checksum)),
    );
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
    handle(req, res).catch((error: unknown) => writeInternalError(req, res, error));
  });
  return { server, agent };
}
