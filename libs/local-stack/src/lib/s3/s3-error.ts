import type { IncomingMessage, ServerResponse } from 'node:http';

/** An S3 error as S3 itself would phrase it; the proxy answers with these before s3rver sees the request. */
export interface S3Error {
  status: number;
  code: string;
  message: string;
}

const xmlEscape = (text: string): string =>
  text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function s3ErrorXml({ code, message }: S3Error): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message></Error>`
  );
}

/**
 * Writes an S3-style XML error. A browser can only read a cross-origin error body when the
 * response names its origin, and s3rver's CORS middleware never runs for requests the proxy
 * rejects, so the proxy echoes the request Origin itself.
 */
export function writeS3Error(req: IncomingMessage, res: ServerResponse, error: S3Error): void {
  const body = s3ErrorXml(error);
  const headers: Record<string, string | number> = {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
  };
  const origin = req.headers.origin;
  if (origin) {
    headers['access-control-allow-origin'] = origin;
    headers['vary'] = 'Origin';
  }
  // The body of a rejected upload is not wanted; drain it so the connection stays usable.
  req.resume();
  res.writeHead(error.status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}
