import {
  Agent,
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { endToEndHeaders } from '../hop-by-hop';
import { forward, UPSTREAM_IDLE_MS } from '../http-forward';
import { LOOPBACK } from '../running';
import { type ChecksumCheck, checkSha256 } from './checksum-check';
import {
  conditionalConflict,
  ifNoneMatchStar,
  InFlightKeys,
  preconditionFailed,
} from './conditional-write';
import { checkKey } from './key-limits';
import { handleMultipart, multipartRequest, type Upstream } from './multipart';
import { type ObjectEvents } from './object-events';
import { objectTarget, type ObjectTarget } from './object-target';
import { splitTarget } from './presigned-request';
import { corsHeaders, type S3Error, writeInternalError, writeS3Error } from './s3-error';
import { S3rverUploads } from './s3rver-uploads';
import type { SecretLookup } from './verify-presigned';
import { verifyRequest } from './verify-request';

export interface S3ProxyOptions {
  /** Port of s3rver on loopback. */
  upstreamPort: number;
  /** s3rver's data directory: the proxy reads and tidies its multipart uploads there. */
  dataDir: string;
  verifySignatures: boolean;
  secretFor: SecretLookup;
  /** Where object-created notifications go. */
  events: ObjectEvents;
}

const unreachable: S3Error = {
  status: 503,
  code: 'ServiceUnavailable',
  message: 'The local S3 stand-in (s3rver) is not reachable.',
};

/** A PUT on an object that writes its body: not a part (multipart.ts) and not a copy. */
const isPutObject = (req: IncomingMessage, target: ObjectTarget): boolean =>
  req.method === 'PUT' &&
  req.headers['x-amz-copy-source'] === undefined &&
  Object.keys(target.query).every(
    (name) => name === 'x-id' || name.startsWith('X-Amz-') || name.startsWith('x-amz-'),
  );

/**
 * The server in front of s3rver, which verifies nothing (ARCHITECTURE.md, "Known limits"). Here,
 * as S3 does, every request but a CORS preflight (OPTIONS, which carries no signature; s3rver
 * answers it from the bucket's CORS rules) must be SigV4-signed, in its query (presigned) or its
 * Authorization header: the signature is computed again and compared, unsigned requests are
 * AccessDenied, and signed requests may carry no unsigned `x-amz-*` header (verify-request.ts).
 * PutObject and UploadPart bodies are checked against a signed x-amz-checksum-sha256.
 * With `verifySignatures: false` none of that is checked.
 *
 * Always, whatever the signature setting:
 * - keys S3 refuses (over 1024 bytes) and keys s3rver cannot store as files (key-limits.ts) are
 *   answered 400 KeyTooLongError before s3rver sees them;
 * - PutObject and CompleteMultipartUpload honour `If-None-Match: *` (conditional-write.ts);
 * - every object stored by PutObject or CompleteMultipartUpload is announced to `events` once
 *   s3rver has stored it and its checksum, if any, matched;
 * - multipart calls on an upload (`/{bucket}/{key}?uploadId=…`) get S3's rules (multipart.ts):
 *   UploadPart only into an existing upload, CompleteMultipartUpload checks its parts and their
 *   ETags, and ListParts and AbortMultipartUpload, which s3rver lacks, are answered here.
 */
export function createS3Proxy(options: S3ProxyOptions): { server: Server; agent: Agent } {
  // With a timeout, the agent also closes a connection s3rver announced it will close (its
  // `Keep-Alive: timeout=`) a second before s3rver does, so no request goes out on a dying one.
  const agent = new Agent({ keepAlive: true, timeout: UPSTREAM_IDLE_MS });
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
    passBody: (req, res, body, intercept) =>
      forward(req, res, {
        port: options.upstreamPort,
        agent,
        body,
        intercept,
        onUnreachable: onUnreachable(req, res),
      }),
    async exists(req) {
      const { path } = splitTarget(req.url ?? '/');
      const response = await fetch(`http://${LOOPBACK}:${options.upstreamPort}${path}`, {
        method: 'HEAD',
      });
      return response.ok;
    },
  };
  const inFlight = new InFlightKeys();
  const multipart = {
    uploads: new S3rverUploads(options.dataDir),
    upstream,
    verifyChecksums: options.verifySignatures,
    inFlight,
    events: options.events,
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') return upstream.pass(req, res);
    if (options.verifySignatures) {
      const error = await verifyRequest({ method, url, headers: req.headers }, options.secretFor);
      if (error) return writeS3Error(req, res, error);
    }
    const target = objectTarget(url);
    const multipartCall = multipartRequest(method, url);
    if (target) {
      const verdict = checkKey(target.key);
      if (!verdict.storable) {
        if (verdict.s3Refuses || method === 'PUT' || method === 'POST') {
          return writeS3Error(req, res, verdict.error);
        }
        // S3 would hold no object under a key the stand-in cannot store: answer as for any such.
        if (!multipartCall) return answerAbsent(req, res, target);
      }
    }
    if (multipartCall) return handleMultipart(req, res, multipartCall, multipart);
    if (target && isPutObject(req, target)) return putObject(req, res, target);
    const checksum = options.verifySignatures ? checkSha256(req) : undefined;
    if (checksum && 'code' in checksum) return writeS3Error(req, res, checksum);
    upstream.pass(
      req,
      res,
      checksum &&
        ((upstreamRes) => afterChecksum(req, res, upstreamRes, checksum, () => undefined)),
    );
  };

  const putObject = async (
    req: IncomingMessage,
    res: ServerResponse,
    target: ObjectTarget,
  ): Promise<void> => {
    const conditional = ifNoneMatchStar(req);
    if (typeof conditional === 'object') return writeS3Error(req, res, conditional);
    if (conditional) {
      const release = inFlight.take(target.bucket, target.key);
      if (!release) return writeS3Error(req, res, conditionalConflict);
      res.once('close', release);
      if (await upstream.exists(req)) return writeS3Error(req, res, preconditionFailed);
    }
    // Everything below runs in one tick: counting and hashing start with the forwarding.
    const checksum = options.verifySignatures ? checkSha256(req) : undefined;
    if (checksum && 'code' in checksum) return writeS3Error(req, res, checksum);
    let size = 0;
    req.on('data', (chunk: Buffer) => (size += chunk.length));
    upstream.pass(req, res, (upstreamRes) => {
      const stored = (): void =>
        options.events.emit({
          eventName: 'ObjectCreated:Put',
          bucket: target.bucket,
          key: target.key,
          size,
          etag: String(upstreamRes.headers.etag ?? ''),
          sourceIp: req.socket.remoteAddress ?? LOOPBACK,
        });
      if (checksum) return afterChecksum(req, res, upstreamRes, checksum, stored);
      if (isSuccess(upstreamRes)) stored();
      return false;
    });
  };

  /**
   * Holds s3rver's success until the body's checksum is known: answers it and calls `stored`
   * when the body matched, else replaces it with BadDigest (a PutObject's object is removed).
   */
  const afterChecksum = (
    req: IncomingMessage,
    res: ServerResponse,
    upstreamRes: IncomingMessage,
    checksum: ChecksumCheck,
    stored: () => void,
  ): boolean => {
    if (!isSuccess(upstreamRes)) return false;
    upstreamRes.resume();
    void checksum.verdict().then(async (error) => {
      if (!error) {
        // Matched after all: answer as s3rver did (its body, if any, was an empty 200).
        res.writeHead(upstreamRes.statusCode ?? 200, endToEndHeaders(upstreamRes.headers));
        res.end();
        stored();
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

const isSuccess = (res: IncomingMessage): boolean =>
  (res.statusCode ?? 500) >= 200 && (res.statusCode ?? 500) < 300;

/** GET/HEAD → NoSuchKey, DELETE → 204: what S3 answers for a key that holds no object. */
function answerAbsent(req: IncomingMessage, res: ServerResponse, target: ObjectTarget): void {
  if (req.method === 'DELETE') {
    req.resume();
    res.writeHead(204, corsHeaders(req));
    res.end();
    return;
  }
  writeS3Error(req, res, {
    status: 404,
    code: 'NoSuchKey',
    message: 'The specified key does not exist.',
    details: { Key: target.key },
  });
}
