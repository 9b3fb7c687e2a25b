import type { IncomingMessage } from 'node:http';

/**
 * Reads a small request body whole (a CompleteMultipartUpload document, never a part). Resolves
 * undefined as soon as it grows past `limit`; the rest is then drained and dropped.
 */
export function readSmallBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk: Buffer) => {
      if (tooBig) return;
      size += chunk.length;
      if (size > limit) {
        tooBig = true;
        chunks.length = 0;
        resolve(undefined);
      } else {
        chunks.push(chunk);
      }
    });
    req.once('end', () => resolve(tooBig ? undefined : Buffer.concat(chunks)));
    req.once('error', reject);
    req.once('close', () => {
      if (!req.readableEnded) reject(new Error('The request was cut off before its body ended.'));
    });
  });
}
