import type { HttpMethod } from '@enclave/api-contract';

/** One request of the matrix, as sent through the gateway. */
export interface Probe {
  method: HttpMethod;
  /** Already filled and percent-encoded. */
  path: string;
  token?: string;
  body?: unknown;
}

export interface ProbeAnswer {
  status: number;
  contentType: string;
  headers: Headers;
  text: string;
  /** The parsed JSON body, or undefined when it is not JSON. */
  json: unknown;
}

export async function sendProbe(baseUrl: string, probe: Probe): Promise<ProbeAnswer> {
  const headers: Record<string, string> = {};
  if (probe.token) headers['authorization'] = `Bearer ${probe.token}`;
  if (probe.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${probe.path}`, {
    method: probe.method.toUpperCase(),
    headers,
    body: probe.body === undefined ? undefined : JSON.stringify(probe.body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    headers: response.headers,
    text,
    json,
  };
}

/** How a failed expectation shows the exchange: enough to reproduce it by hand. */
export function showExchange(probe: Probe, answer: ProbeAnswer): string {
  const path = probe.path.length > 200 ? `${probe.path.slice(0, 200)}…` : probe.path;
  const body = probe.body === undefined ? '' : ` ${JSON.stringify(probe.body)}`;
  const token = probe.token ? '' : ' (no token)';
  return `${probe.method.toUpperCase()} ${path}${body}${token} → ${answer.status} ${answer.contentType} ${answer.text.slice(0, 500)}`;
}

/**
 * The secrets an answer gives away: each value of `secrets` found in its body or headers,
 * except those the request itself named in its path (an echoed path tells the caller nothing).
 */
export function leakedSecrets(
  probe: Probe,
  answer: ProbeAnswer,
  secrets: readonly string[],
): string[] {
  const requestPath = decodeURIComponent(probe.path);
  const shown = [answer.text];
  answer.headers.forEach((value) => shown.push(value));
  return secrets.filter(
    (secret) => !requestPath.includes(secret) && shown.some((text) => text.includes(secret)),
  );
}
