import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { KmsContext } from './context';
import { KmsError } from './errors';
import type { KmsInput } from './input';
import { OPERATIONS } from './operations';

const TARGET_PREFIX = 'TrentService.';
const CONTENT_TYPE = 'application/x-amz-json-1.1';
// KMS request bodies are small (blobs of at most 6 KiB, base64); anything far larger is an error.
const MAX_BODY_BYTES = 64 * 1024;

/** How an outage looks: an answer KMS gives when it fails, or a connection dropped mid-request. */
export type OutageMode = 'refuse' | 'reset';

/** What the handle changes and reads while the server runs. */
export interface ServerState {
  outage: OutageMode | undefined;
  readonly calls: Map<string, number>;
}

/**
 * The KMS JSON 1.1 endpoint: POST / with `X-Amz-Target: TrentService.<Op>`. Signatures are not
 * verified (a dev stand-in holds no secrets worth guarding); only their presence is checked.
 * Each operation does its reads and changes before its first await, so no two interleave.
 */
export function kmsRequestListener(context: KmsContext, state: ServerState): RequestListener {
  return (request, response) => {
    const operation = operationName(request);
    state.calls.set(operation, (state.calls.get(operation) ?? 0) + 1);
    if (state.outage === 'reset') {
      // A TCP RST, as a dropped connection looks: the client reads ECONNRESET. A plain destroy
      // would send FIN and read as "socket hang up", whose code the SDK loses under jest's VM.
      request.socket.resetAndDestroy();
      return;
    }
    handle(request, operation, context, state).then(
      (body) => reply(response, 200, body),
      (error: unknown) => replyError(response, error),
    );
  };
}

async function handle(
  request: IncomingMessage,
  operation: string,
  context: KmsContext,
  state: ServerState,
): Promise<KmsInput> {
  if (state.outage === 'refuse')
    throw new KmsError('KMSInternalException', 'local-kms is down (simulated outage).');
  if (!request.headers.authorization)
    throw new KmsError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const input = await readJson(request);
  const run = OPERATIONS[operation];
  if (!run)
    throw new KmsError(
      'UnsupportedOperationException',
      `local-kms does not implement ${operation}.`,
    );
  if (context.store.purgeDeleted(context.nowSeconds())) await context.store.save();
  return run(input, context);
}

function operationName(request: IncomingMessage): string {
  const target = request.headers['x-amz-target'];
  const value = Array.isArray(target) ? target[0] : target;
  if (!value) return '(no target)';
  return value.startsWith(TARGET_PREFIX) ? value.slice(TARGET_PREFIX.length) : value;
}

async function readJson(request: IncomingMessage): Promise<KmsInput> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new KmsError('ValidationException', 'Request body is too large.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as KmsInput;
  } catch {
    // Answered below, as KMS answers any body that is not a JSON object.
  }
  throw new KmsError('SerializationException', 'Request body is not a JSON object.');
}

function reply(
  response: ServerResponse,
  status: number,
  body: KmsInput,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
    ...headers,
  });
  response.end(text);
}

/** KMS's error shape; KMSInternalException is its one server fault (500), the rest are 400. */
function replyError(response: ServerResponse, error: unknown): void {
  const kmsError =
    error instanceof KmsError
      ? error
      : new KmsError(
          'KMSInternalException',
          error instanceof Error ? error.message : String(error),
        );
  if (!(error instanceof KmsError)) console.error('local-kms: operation failed', error);
  const status = kmsError.type === 'KMSInternalException' ? 500 : 400;
  reply(
    response,
    status,
    { __type: kmsError.type, ...(kmsError.message ? { message: kmsError.message } : {}) },
    { 'x-amzn-ErrorType': kmsError.type },
  );
}
