import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** An S3 error as S3 itself would phrase it; the proxy answers with these before s3rver sees the request. */
export interface S3Error {
  status: number;
  code: string;
  message: string;
  /** Further elements S3 puts after Message (UploadId, PartNumber, ArgumentName, …), in order. */
  details?: Readonly<Record<string, string>>;
}

export const xmlEscape = (text: string): string =>
  text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function s3ErrorXml({ code, message, details = {} }: S3Error): string {
  const extra = Object.entries(details)
    .map(([name, value]) => `<${name}>${xmlEscape(value)}</${name}>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message>${extra}</Error>`
  );
}

/**
 * A browser can only read a cross-origin answer when it names the request's origin, and
 * s3rver's CORS middleware never runs for requests the proxy answers itself, so the proxy echoes
 * the request Origin (the preflight, which s3rver answers from the bucket's CORS rules, has
 * already decided whether the browser may send the request at all).
 */
export function corsHeaders(req: IncomingMessage): OutgoingHttpHeaders {
  const origin = req.headers.origin;
  return origin
    ? {
        'access-control-allow-origin': origin,
        'access-control-expose-headers': 'ETag',
        vary: 'Origin',
      }
    : {};
}

/** Writes an S3-style XML error, readable by a browser (see corsHeaders). */
export function writeS3Error(req: IncomingMessage, res: ServerResponse, error: S3Error): void {
  const body = s3ErrorXml(error);
  // The body of a rejected upload is not wanted; drain it so the connection stays usable.
  req.resume();
  res.writeHead(error.status, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
    ...corsHeaders(req),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** A failure of the proxy itself: a 500 while nothing was sent, else the connection is cut. */
export function writeInternalError(
  req: IncomingMessage,
  res: ServerResponse,
  error: unknown,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  writeS3Error(req, res, {
    status: 500,
    code: 'InternalError',
    message: error instanceof Error ? error.message : String(error),
  });
}
