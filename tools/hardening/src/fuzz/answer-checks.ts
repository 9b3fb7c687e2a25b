/** What the gateway answered one raw request: status, media type and the body as text and JSON. */
export interface Answer {
  status: number;
  contentType: string;
  text: string;
  /** The body parsed as JSON; undefined when it is not JSON. */
  json: unknown;
  /** The request as sent, for failure messages (its body cut short). */
  sent: string;
}

export const isAccepted = (answer: Answer): boolean => answer.status >= 200 && answer.status < 300;

function describe(answer: Answer): string {
  return `${answer.sent}\n→ ${answer.status} ${answer.contentType}\n${answer.text.slice(0, 600)}`;
}

/**
 * The property every fuzzed request must keep: a success, or a client error told as RFC 9457
 * problem details whose `status` is the HTTP status. Never a 5xx, never a bare 4xx.
 */
export function expectSuccessOrProblem(answer: Answer): void {
  if (isAccepted(answer)) return;
  if (answer.status < 400 || answer.status > 499)
    throw new Error(`expected a 2xx or a 4xx problem, got:\n${describe(answer)}`);
  const mediaType = answer.contentType.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/problem+json')
    throw new Error(
      `a ${answer.status} that is not application/problem+json:\n${describe(answer)}`,
    );
  const body = answer.json as { status?: unknown; title?: unknown; detail?: unknown } | undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new Error(`a problem whose body is not an object:\n${describe(answer)}`);
  if (body.status !== answer.status)
    throw new Error(`a problem whose status is not the HTTP status:\n${describe(answer)}`);
  if (typeof body.title !== 'string' || body.title === '')
    throw new Error(`a problem without a title:\n${describe(answer)}`);
  if (typeof body.detail !== 'string' || body.detail === '')
    throw new Error(`a problem without a detail:\n${describe(answer)}`);
}

/** Like expectSuccessOrProblem, and the answer must be exactly `status` (e.g. 413, or 400). */
export function expectProblemStatus(answer: Answer, status: number): void {
  expectSuccessOrProblem(answer);
  if (answer.status !== status) throw new Error(`expected ${status}, got:\n${describe(answer)}`);
}

/** The 2xx answer's JSON object, or a failure naming the answer. */
export function acceptedBody<T>(answer: Answer): T {
  if (!isAccepted(answer) || typeof answer.json !== 'object' || answer.json === null)
    throw new Error(`expected a 2xx JSON object, got:\n${describe(answer)}`);
  return answer.json as T;
}
