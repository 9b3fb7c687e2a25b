import {
  endToEndHeaders,
  forward,
  listenOnLoopback,
  runningServer,
  UPSTREAM_IDLE_MS,
} from '@enclave/local-stack';
import { Agent, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import {
  type ContractChecker,
  type ObservedExchange,
  sharedContractChecker,
} from './contract-checker';
import type { ContractViolation } from './contract-violation';

/** A loopback proxy in front of one service that checks each of its answers against the contract. */
export interface ContractProxy {
  /** Call this instead of the service: same answers, byte for byte. */
  endpoint: string;
  /** Every answer so far that openapi.yaml does not allow. */
  violations(): readonly ContractViolation[];
  stop(): Promise<void>;
}

/**
 * Service answers are small JSON documents (file bytes go to S3 directly, never through a
 * service); one larger than this is itself a finding, and is not held to be parsed.
 */
const MAX_CHECKED_BODY_BYTES = 8 * 1024 * 1024;

/**
 * Starts a proxy forwarding every request to `upstream` unchanged and relaying each answer
 * unchanged while keeping a copy of its body; once the answer is complete (and before the
 * client can see its end) the copy is checked, and a violation recorded. A proxy rather than a
 * fetch wrapper, so answers reach the checker whoever asks: a test, the gateway, a CLI child.
 */
export async function startContractProxy(
  upstream: string,
  checker: ContractChecker = sharedContractChecker(),
): Promise<ContractProxy> {
  const target = new URL(upstream);
  const violations: ContractViolation[] = [];
  const agent = new Agent({ keepAlive: true, timeout: UPSTREAM_IDLE_MS });
  const record = (violation: ContractViolation | undefined) => {
    if (violation) violations.push(violation);
  };

  const server = createServer((req, res) => {
    forward(req, res, {
      host: target.hostname,
      port: Number(target.port),
      agent,
      retryStaleConnection: true,
      // The service is gone: the client sees a failed connection, as it would without the proxy.
      onUnreachable: () => res.destroy(),
      intercept: (answer) => {
        relayChecked(req, res, answer, (exchange) => record(checker.check(exchange)));
        return true;
      },
    });
  });
  try {
    await listenOnLoopback(server);
  } catch (error) {
    agent.destroy();
    throw error;
  }
  const running = runningServer(server);
  return {
    endpoint: running.endpoint,
    violations: () => [...violations],
    stop: async () => {
      await running.stop();
      agent.destroy();
    },
  };
}

function relayChecked(
  req: IncomingMessage,
  res: ServerResponse,
  answer: IncomingMessage,
  check: (exchange: ObservedExchange) => void,
): void {
  const status = answer.statusCode ?? 502;
  res.writeHead(status, answer.statusMessage, endToEndHeaders(answer.headers));
  const chunks: Buffer[] = [];
  let size = 0;
  answer.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_CHECKED_BODY_BYTES) chunks.push(chunk);
  });
  // Registered before pipeline's own listener, so the check runs before the client's end is sent.
  answer.on('end', () => {
    const exchange = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      status,
      contentType: answer.headers['content-type'],
    };
    const body =
      size > MAX_CHECKED_BODY_BYTES
        ? undefined
        : decoded(Buffer.concat(chunks), answer.headers['content-encoding']);
    check({ ...exchange, body });
  });
  // On failure either side is destroyed: a cut-off body must look cut off, and is not checked.
  pipeline(answer, res, () => undefined);
}

/** The body without its Content-Encoding (the services do not compress today; they may). */
function decoded(body: Buffer, encoding: string | undefined): Buffer {
  const name = encoding?.trim().toLowerCase();
  try {
    if (name === 'gzip' || name === 'x-gzip') return gunzipSync(body);
    if (name === 'deflate') return inflateSync(body);
    if (name === 'br') return brotliDecompressSync(body);
  } catch {
    // Left encoded: the checker then reports a body that is not what its Content-Type says.
  }
  return body;
}
