// Create-upload baseline: the work the uploads service does per POST /v1/users/{user_id}/files,
// on a bare node:http server with no framework. Same auth (bearer → SHA-256 → warm in-memory
// cache, one userinfo call on a miss), same DynamoDB writes (quota UpdateItem, conditional
// PutItem), same presigned PUT, same clients configured the same way. bench/create-upload.ts
// divides the service's figures by this one's: what is left is what the framework and our own
// layers cost.
//
// Reads the service's environment: S3_ENDPOINT, S3_BUCKET, DYNAMODB_ENDPOINT, FILES_TABLE,
// AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AUTH_ENDPOINT, PORT, HOST.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { v7 as uuidv7 } from 'uuid';

// The service's defaults (apps/uploads-api/src/config.ts, libs/config).
const UPLOAD_URL_EXPIRES_SECONDS = 900;
const UPLOAD_TTL_SECONDS = 7 * 24 * 3600;
const AUTH_CACHE_TTL_MS = 60_000;
const AUTH_TIMEOUT_MS = 3000;
const MAX_BODY_BYTES = 2 * 1024 * 1024;

function setting(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

function required(name: string): string {
  const value = setting(name);
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

const bucket = required('S3_BUCKET');
const table = setting('FILES_TABLE') ?? 'enclave-files';
const userinfoUrl = `${required('AUTH_ENDPOINT')}/v1/userinfo`;
const region = setting('AWS_REGION') ?? 'us-east-1';
const accessKeyId = setting('AWS_ACCESS_KEY_ID');
const secretAccessKey = setting('AWS_SECRET_ACCESS_KEY');
const credentials = accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined;
const s3Endpoint = setting('S3_ENDPOINT');

// As libs/storage/src/lib/s3-client.factory.ts and libs/metadata/src/lib/dynamo-client.factory.ts.
const s3 = new S3Client({
  region,
  endpoint: s3Endpoint,
  credentials,
  forcePathStyle: !!s3Endpoint,
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});
const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region, endpoint: setting('DYNAMODB_ENDPOINT'), credentials }),
  { marshallOptions: { removeUndefinedValues: true } },
);

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const BEARER = /^Bearer +(\S+)$/i;
const CREATE_PATH = /^\/v1\/users\/([^/]+)\/files$/;

/** Token hash → the caller's user id; concurrent misses share one userinfo call. */
const users = new Map<string, { userId: Promise<string>; expiresAt: number }>();

function userFor(token: string): Promise<string> {
  const key = createHash('sha256').update(token).digest('hex');
  const hit = users.get(key);
  if (hit && hit.expiresAt > Date.now()) return hit.userId;
  const userId = fetchUserId(token);
  users.set(key, { userId, expiresAt: Date.now() + AUTH_CACHE_TTL_MS });
  // Failures are not cached.
  void userId.catch(() => {
    if (users.get(key)?.userId === userId) users.delete(key);
  });
  return userId;
}

async function fetchUserId(token: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(userinfoUrl, {
      headers: { accept: 'application/json', authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(AUTH_TIMEOUT_MS),
    });
  } catch {
    throw new HttpError(503, 'Auth service unavailable; try again shortly.');
  }
  if (response.status === 401 || response.status === 403)
    throw new HttpError(401, 'The bearer token is invalid or expired.');
  if (!response.ok) throw new HttpError(503, 'Auth service unavailable; try again shortly.');
  const body = (await response.json()) as { user_id?: unknown; sub?: unknown };
  const userId = body.user_id ?? body.sub;
  if (typeof userId !== 'string' || !userId)
    throw new HttpError(503, 'Auth service answered no user.');
  return userId;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > MAX_BODY_BYTES) throw new HttpError(413, 'The body is too large.');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'The body is not JSON.');
  }
}

interface CreateInput {
  file_name: string;
  size: number;
  content_type: string;
}

function validate(body: unknown): CreateInput {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new HttpError(400, 'The body must be an object.');
  const b = body as Record<string, unknown>;
  const fileName = b['file_name'];
  const size = b['size'];
  const contentType = b['content_type'] ?? 'application/octet-stream';
  if (typeof fileName !== 'string' || fileName.length === 0)
    throw new HttpError(400, 'body.file_name must be a non-empty string.');
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 0)
    throw new HttpError(400, 'body.size must be a non-negative integer.');
  if (typeof contentType !== 'string') throw new HttpError(400, 'body.content_type is a string.');
  return { file_name: fileName, size, content_type: contentType };
}

async function addUsedBytes(userId: string, bytes: number): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: table,
      Key: { user_id: userId, file_id: '#usage' },
      UpdateExpression: 'ADD used_bytes :bytes',
      ExpressionAttributeValues: { ':bytes': bytes },
    }),
  );
}

async function createFile(req: IncomingMessage, pathUserId: string): Promise<unknown> {
  const token = BEARER.exec(req.headers.authorization?.trim() ?? '')?.[1];
  if (!token) throw new HttpError(401, 'Send the ID token as "Authorization: Bearer <token>".');
  const body = await readJson(req);
  if ((await userFor(token)) !== pathUserId)
    throw new HttpError(403, 'This resource belongs to another user.');
  const input = validate(body);

  await addUsedBytes(pathUserId, input.size);
  const now = new Date();
  const fileId = uuidv7({ msecs: now.getTime() });
  const key = `${pathUserId}/${fileId}`;
  let uploadUrl: string;
  try {
    uploadUrl = await getSignedUrl(
      s3,
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        ContentType: input.content_type,
        ContentLength: input.size,
        IfNoneMatch: '*',
      }),
      {
        expiresIn: UPLOAD_URL_EXPIRES_SECONDS,
        signableHeaders: new Set(['content-type', 'content-length', 'if-none-match']),
      },
    );
    await db.send(
      new PutCommand({
        TableName: table,
        Item: {
          user_id: pathUserId,
          file_id: fileId,
          file_name: input.file_name,
          content_type: input.content_type,
          size: input.size,
          status: 'UPLOADING',
          object_key: key,
          created_at: now.toISOString(),
          uploaded_at: now.toISOString(),
          live_file_id: fileId,
          upload_expires_at: Math.floor(now.getTime() / 1000) + UPLOAD_TTL_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(file_id)',
      }),
    );
  } catch (error) {
    // Nothing half-made: give the bytes back.
    await addUsedBytes(pathUserId, -input.size);
    throw error;
  }
  return {
    file_id: fileId,
    file_name: input.file_name,
    content_type: input.content_type,
    size: input.size,
    status: 'UPLOADING',
    upload_url: uploadUrl,
    upload_method: 'PUT',
    upload_headers: { 'Content-Type': input.content_type, 'If-None-Match': '*' },
    expires_at: new Date(now.getTime() + UPLOAD_URL_EXPIRES_SECONDS * 1000).toISOString(),
  };
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
  try {
    if (req.method === 'GET' && path === '/health') {
      send(res, 200, { status: 'ok' });
      return;
    }
    const userId = req.method === 'POST' ? CREATE_PATH.exec(path)?.[1] : undefined;
    if (!userId) throw new HttpError(404, `No route for ${req.method} ${path}.`);
    send(res, 201, await createFile(req, decodeURIComponent(userId)));
  } catch (error) {
    const status = error instanceof HttpError ? error.status : 500;
    const detail = error instanceof Error ? error.message : 'Internal error.';
    send(res, status, { status, title: detail }, 'application/problem+json');
  }
}

const server = createServer((req, res) => void handle(req, res));
server.listen(Number(setting('PORT') ?? 3001), setting('HOST') ?? '127.0.0.1');

// Stop cleanly on SIGTERM (the harness's stop), so a --cpu-prof run writes its profile.
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  process.exit(0);
});
