import type { IncomingMessage, ServerResponse } from 'node:http';
import { endToEndHeaders } from '../hop-by-hop';
import {
  type ChecksumCheck,
  checkSha256,
  checksumAlgorithmOf,
  declaredSha256,
} from './checksum-check';
import { type ListedPart, parseCompleteRequest } from './complete-request';
import {
  conditionalConflict,
  ifNoneMatchStar,
  type InFlightKeys,
  preconditionFailed,
} from './conditional-write';
import type { ObjectEvents } from './object-events';
import { readSmallBody } from './read-small-body';
import { objectTarget } from './object-target';
import { corsHeaders, type S3Error, writeInternalError, writeS3Error, xmlEscape } from './s3-error';
import type { S3rverUploads, StoredPart, Upload } from './s3rver-uploads';

/**
 * The multipart calls the proxy answers or checks itself, in front of s3rver (see s3rver-uploads.ts
 * for why and how): S3's rules for UploadPart, CompleteMultipartUpload, ListParts and
 * AbortMultipartUpload on `/{bucket}/{key}?uploadId=…`.
 */
export type MultipartOperation =
  'UploadPart' | 'CompleteMultipartUpload' | 'ListParts' | 'AbortMultipartUpload';

export interface MultipartRequest {
  operation: MultipartOperation;
  bucket: string;
  key: string;
  uploadId: string;
  query: Record<string, string | string[]>;
}

/** How the handlers reach s3rver; the proxy owns the connections. */
export interface Upstream {
  /** Streams the request on; `intercept` sees s3rver's answer first, as in `forward`. */
  pass(
    req: IncomingMessage,
    res: ServerResponse,
    intercept?: (upstreamRes: IncomingMessage) => boolean,
  ): void;
  /** Sends `body` on in place of the request's (already read) body. */
  passBody(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    intercept?: (upstreamRes: IncomingMessage) => boolean,
  ): void;
  /** Whether s3rver holds an object at the request's path. */
  exists(req: IncomingMessage): Promise<boolean>;
}

export interface MultipartContext {
  uploads: S3rverUploads;
  upstream: Upstream;
  /** Verify a part's body against its x-amz-checksum-sha256 (BadDigest), as S3 does. */
  verifyChecksums: boolean;
  /** Keys with a conditional write under way (conditional-write.ts). */
  inFlight: InFlightKeys;
  events: ObjectEvents;
}

const OPERATIONS: Record<string, MultipartOperation> = {
  PUT: 'UploadPart',
  POST: 'CompleteMultipartUpload',
  GET: 'ListParts',
  DELETE: 'AbortMultipartUpload',
};

export const MIN_PART_SIZE = 5 * 1024 * 1024;
const MAX_PARTS_PER_PAGE = 1000;
// 10,000 parts with ETags and checksums are well under 4 MiB of XML.
const MAX_COMPLETE_BODY = 4 * 1024 * 1024;
// s3rver's fixed account (lib/models/account.js), owner of every upload.
const OWNER = { id: '123456789000', displayName: 'S3rver' };
const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** The multipart call a request is, or undefined for anything the proxy leaves to s3rver. */
export function multipartRequest(method: string, url: string): MultipartRequest | undefined {
  const operation = OPERATIONS[method];
  const target = objectTarget(url);
  const uploadId = target?.query['uploadId'];
  // `?uploads&uploadId` is s3rver's to refuse (conflicting sub-resources).
  if (!operation || !target || uploadId === undefined || 'uploads' in target.query)
    return undefined;
  // Repeated, the upload id matches no upload.
  return { operation, ...target, uploadId: Array.isArray(uploadId) ? '' : uploadId };
}

export async function handleMultipart(
  req: IncomingMessage,
  res: ServerResponse,
  request: MultipartRequest,
  context: MultipartContext,
): Promise<void> {
  if (request.operation === 'UploadPart') {
    // Checked before the upload is looked up, as S3 does; nothing of the body is read yet.
    const partNumber = partNumberOf(request.query['partNumber']);
    if (typeof partNumber !== 'number') return writeS3Error(req, res, partNumber);
    const upload = await findUpload(request, context);
    if ('code' in upload) return writeS3Error(req, res, upload);
    return uploadPart(req, res, upload, partNumber, context);
  }
  const upload = await findUpload(request, context);
  if ('code' in upload) return writeS3Error(req, res, upload);
  switch (request.operation) {
    case 'CompleteMultipartUpload':
      return completeUpload(req, res, upload, context);
    case 'ListParts':
      return listParts(req, res, upload, request.query, context);
    case 'AbortMultipartUpload':
      await context.uploads.remove(upload);
      req.resume();
      res.writeHead(204, corsHeaders(req));
      res.end();
      return;
  }
}

async function findUpload(
  { bucket, key, uploadId }: MultipartRequest,
  { uploads }: MultipartContext,
): Promise<Upload | S3Error> {
  const found = await uploads.find(bucket, key, uploadId);
  if ('upload' in found) return found.upload;
  return found.missing === 'NoSuchBucket'
    ? {
        status: 404,
        code: 'NoSuchBucket',
        message: 'The specified bucket does not exist',
        details: { BucketName: bucket },
      }
    : noSuchUpload(uploadId);
}

const noSuchUpload = (uploadId: string): S3Error => ({
  status: 404,
  code: 'NoSuchUpload',
  message:
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
  details: { UploadId: uploadId },
});

function partNumberOf(value: string | string[] | undefined): number | S3Error {
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  const number = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (number >= 1 && number <= 10000) return number;
  return {
    status: 400,
    code: 'InvalidArgument',
    message: 'Part number must be an integer between 1 and 10000, inclusive',
    details: { ArgumentName: 'partNumber', ArgumentValue: text },
  };
}

/**
 * UploadPart (and UploadPartCopy, which s3rver then refuses as not implemented): only into an
 * upload that exists, with the upload's checksum algorithm. The body streams through to s3rver;
 * once s3rver has stored it, the proxy checks its SHA-256 (BadDigest: the part is removed again)
 * and records the verified checksum beside the part for ListParts and CompleteMultipartUpload.
 */
async function uploadPart(
  req: IncomingMessage,
  res: ServerResponse,
  upload: Upload,
  partNumber: number,
  { uploads, upstream, verifyChecksums }: MultipartContext,
): Promise<void> {
  const copy = req.headers['x-amz-copy-source'] !== undefined;
  const algorithm = checksumAlgorithmOf(req);
  if (!copy && upload.checksumAlgorithm && algorithm !== upload.checksumAlgorithm) {
    return writeS3Error(req, res, {
      status: 400,
      code: 'InvalidRequest',
      message: `Checksum Type mismatch occurred, expected checksum Type: ${upload.checksumAlgorithm}, actual checksum Type: ${algorithm ?? 'null'}`,
    });
  }
  // A part sent again replaces the earlier one, and its checksum with it.
  await uploads.recordSha256(upload, partNumber, undefined);

  // Everything below runs in this tick: hashing starts with the forwarding, so no byte is missed.
  const checked = verifyChecksums ? checkSha256(req) : undefined;
  if (checked && 'code' in checked) return writeS3Error(req, res, checked);
  const sha256 = copy ? undefined : declaredSha256(req);
  // s3rver names the part file after the query's partNumber as written: make it canonical (`01` → `1`).
  req.url = canonicalPartNumber(req.url ?? '/', partNumber);
  upstream.pass(req, res, (upstreamRes) => {
    const status = upstreamRes.statusCode ?? 500;
    if (status < 200 || status >= 300) return false;
    upstreamRes.resume();
    storedPart(req, res, upstreamRes, { upload, partNumber, checked, sha256, uploads }).catch(
      (error: unknown) => writeInternalError(req, res, error),
    );
    return true;
  });
}

async function storedPart(
  req: IncomingMessage,
  res: ServerResponse,
  upstreamRes: IncomingMessage,
  part: {
    upload: Upload;
    partNumber: number;
    checked: ChecksumCheck | undefined;
    sha256: string | undefined;
    uploads: S3rverUploads;
  },
): Promise<void> {
  const { upload, partNumber, checked, sha256, uploads } = part;
  const error = await checked?.verdict();
  if (error) {
    await uploads.discardPart(upload, partNumber);
    return writeS3Error(req, res, error);
  }
  // Aborted or completed while the part streamed in: s3rver made a folder for it again.
  if (!(await uploads.isOpen(upload))) {
    await uploads.remove(upload);
    return writeS3Error(req, res, noSuchUpload(upload.uploadId));
  }
  if (sha256 !== undefined) await uploads.recordSha256(upload, partNumber, sha256);
  res.writeHead(upstreamRes.statusCode ?? 200, {
    ...endToEndHeaders(upstreamRes.headers),
    ...(sha256 !== undefined ? { 'x-amz-checksum-sha256': sha256 } : {}),
  });
  res.end();
}

function canonicalPartNumber(url: string, partNumber: number): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  const query = url
    .slice(queryStart + 1)
    .replace(
      /(^|&)partNumber=[^&]*/,
      (_, separator: string) => `${separator}partNumber=${partNumber}`,
    );
  return `${url.slice(0, queryStart)}?${query}`;
}

/**
 * CompleteMultipartUpload: `If-None-Match: *` (refused while an object is stored under the key;
 * the upload stays, as on S3), S3's checks on the listed parts, then s3rver assembles them (only
 * the listed ones; it drops the others with the upload), and the new object is announced.
 */
async function completeUpload(
  req: IncomingMessage,
  res: ServerResponse,
  upload: Upload,
  { uploads, upstream, inFlight, events }: MultipartContext,
): Promise<void> {
  const conditional = ifNoneMatchStar(req);
  if (typeof conditional === 'object') return writeS3Error(req, res, conditional);
  if (conditional) {
    const release = inFlight.take(upload.bucket, upload.key);
    if (!release) return writeS3Error(req, res, conditionalConflict);
    res.once('close', release);
    if (await upstream.exists(req)) return writeS3Error(req, res, preconditionFailed);
  }
  const body = await readSmallBody(req, MAX_COMPLETE_BODY);
  if (body === undefined) {
    return writeS3Error(req, res, {
      status: 400,
      code: 'MaxMessageLengthExceeded',
      message: 'Your request was too big.',
    });
  }
  const listed = parseCompleteRequest(body.toString('utf8'));
  if (!Array.isArray(listed)) return writeS3Error(req, res, listed);
  const stored = new Map((await uploads.parts(upload)).map((part) => [part.partNumber, part]));
  const refusal = checkListedParts(upload, listed, stored);
  if (refusal) return writeS3Error(req, res, refusal);
  const size = listed.reduce((sum, part) => sum + (stored.get(part.partNumber)?.size ?? 0), 0);
  upstream.passBody(req, res, body, (upstreamRes) => {
    const status = upstreamRes.statusCode ?? 500;
    if (status < 200 || status >= 300) return false;
    // The answer is a short document; read it for the ETag, then pass it on as it was.
    const chunks: Buffer[] = [];
    upstreamRes.on('data', (chunk: Buffer) => chunks.push(chunk));
    upstreamRes.once('end', () => {
      const document = Buffer.concat(chunks);
      res.writeHead(status, endToEndHeaders(upstreamRes.headers));
      res.end(document);
      const etag = /<ETag>([^<]*)<\/ETag>/.exec(document.toString('utf8'))?.[1] ?? '';
      events.emit({
        eventName: 'ObjectCreated:CompleteMultipartUpload',
        bucket: upload.bucket,
        key: upload.key,
        size,
        etag: etag.replace(/&quot;|&#34;/g, ''),
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
      });
    });
    upstreamRes.once('error', (error) => writeInternalError(req, res, error));
    return true;
  });
}

const unquoted = (etag: string): string => etag.replace(/"/g, '');

/** What S3 answers to a list of parts it will not assemble, or undefined when it will. */
export function checkListedParts(
  upload: Upload,
  listed: readonly ListedPart[],
  stored: ReadonlyMap<number, StoredPart>,
): S3Error | undefined {
  const { uploadId, checksumAlgorithm } = upload;
  const badOrder: S3Error = {
    status: 400,
    code: 'InvalidPartOrder',
    message: 'The list of parts was not in ascending order. Parts must be ordered by part number.',
    details: { UploadId: uploadId },
  };
  for (const [index, part] of listed.entries()) {
    const previous = listed[index - 1];
    if (previous && part.partNumber <= previous.partNumber) return badOrder;
    // With a checksum algorithm (a COMPOSITE checksum of the parts), parts run 1, 2, … with no gaps.
    if (checksumAlgorithm && part.partNumber !== index + 1) return badOrder;
  }

  const checksumElement = checksumAlgorithm && `Checksum${checksumAlgorithm.toUpperCase()}`;
  if (checksumAlgorithm) {
    const without = listed.find((part) => Object.keys(part.checksums).length === 0);
    if (without) {
      return {
        status: 400,
        code: 'InvalidRequest',
        message: `The upload was created using a ${checksumAlgorithm} checksum. The complete request must include the checksum for each part. It was missing for part ${without.partNumber} in the request.`,
      };
    }
  }

  for (const part of listed) {
    const held = stored.get(part.partNumber);
    const etag = unquoted(part.etag);
    const listedSha256 = part.checksums['ChecksumSHA256'];
    const checksumMatches =
      checksumElement === 'ChecksumSHA256'
        ? listedSha256 === held?.sha256
        : // Without a SHA-256 upload, a listed SHA-256 must still be the part's, when known.
          listedSha256 === undefined || held?.sha256 === undefined || listedSha256 === held.sha256;
    if (!held || etag !== held.md5 || !checksumMatches) {
      return {
        status: 400,
        code: 'InvalidPart',
        message:
          "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
        details: { UploadId: uploadId, PartNumber: String(part.partNumber), ETag: etag },
      };
    }
  }

  for (const part of listed.slice(0, -1)) {
    const held = stored.get(part.partNumber);
    if (held && held.size < MIN_PART_SIZE) {
      return {
        status: 400,
        code: 'EntityTooSmall',
        message: 'Your proposed upload is smaller than the minimum allowed size',
        details: {
          ProposedSize: String(held.size),
          MinSizeAllowed: String(MIN_PART_SIZE),
          PartNumber: String(part.partNumber),
          ETag: held.md5,
        },
      };
    }
  }
  return undefined;
}

function listArgument(
  query: Record<string, string | string[]>,
  name: string,
  absent: number,
): number | S3Error {
  const value = query[name];
  if (value === undefined) return absent;
  const text = Array.isArray(value) ? value.join(',') : value;
  const number = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  if (number <= 2147483647) return number;
  return {
    status: 400,
    code: 'InvalidArgument',
    message: `Argument ${name} must be an integer between 0 and 2147483647`,
    details: { ArgumentName: name, ArgumentValue: text },
  };
}

/** ListParts: S3's ListPartsResult, paged by part-number-marker and max-parts (at most 1000). */
async function listParts(
  req: IncomingMessage,
  res: ServerResponse,
  upload: Upload,
  query: Record<string, string | string[]>,
  { uploads }: MultipartContext,
): Promise<void> {
  const maxParts = listArgument(query, 'max-parts', MAX_PARTS_PER_PAGE);
  if (typeof maxParts !== 'number') return writeS3Error(req, res, maxParts);
  const marker = listArgument(query, 'part-number-marker', 0);
  if (typeof marker !== 'number') return writeS3Error(req, res, marker);

  const after = (await uploads.parts(upload)).filter((part) => part.partNumber > marker);
  const page = after.slice(0, Math.min(maxParts, MAX_PARTS_PER_PAGE));
  const last = page[page.length - 1];
  const owner = `<ID>${OWNER.id}</ID><DisplayName>${OWNER.displayName}</DisplayName>`;
  const element = (name: string, value: string | number): string =>
    `<${name}>${xmlEscape(String(value))}</${name}>`;
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<ListPartsResult xmlns="${S3_NAMESPACE}">` +
    element('Bucket', upload.bucket) +
    element('Key', upload.key) +
    element('UploadId', upload.uploadId) +
    element('PartNumberMarker', marker) +
    element('NextPartNumberMarker', last?.partNumber ?? marker) +
    element('MaxParts', maxParts) +
    element('IsTruncated', String(page.length > 0 && after.length > page.length)) +
    page
      .map(
        (part) =>
          '<Part>' +
          element('PartNumber', part.partNumber) +
          element('LastModified', part.lastModified.toISOString()) +
          element('ETag', `"${part.md5}"`) +
          element('Size', part.size) +
          (part.sha256 !== undefined ? element('ChecksumSHA256', part.sha256) : '') +
          '</Part>',
      )
      .join('') +
    `<Initiator>${owner}</Initiator><Owner>${owner}</Owner>` +
    element('StorageClass', upload.storageClass) +
    (upload.checksumAlgorithm
      ? element('ChecksumAlgorithm', upload.checksumAlgorithm.toUpperCase()) +
        element('ChecksumType', 'COMPOSITE')
      : '') +
    '</ListPartsResult>';
  req.resume();
  res.writeHead(200, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
    ...corsHeaders(req),
  });
  res.end(body);
}
