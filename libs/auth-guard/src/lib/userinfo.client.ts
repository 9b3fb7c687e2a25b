import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DependencyChecks, ProblemException } from '@enclave/errors';
import { AUTH_GUARD_OPTIONS, type ResolvedAuthGuardOptions } from './auth-guard.options';
import type { AuthenticatedUser } from './authenticated-user';
import { isBearerToken } from './bearer';
import { TokenRejected } from './token-rejected';

/**
 * The one place that talks to the auth microservice (`GET /v1/userinfo`, see auth-contract.md).
 * A rejected token becomes 401; anything that stops us from getting an answer becomes 503, so an
 * auth outage never looks like "you are logged out". The token is never logged, nor any error
 * message that could quote it.
 */
@Injectable()
export class UserinfoClient {
  private readonly logger = new Logger(UserinfoClient.name);
  private readonly url: string;

  constructor(
    @Inject(AUTH_GUARD_OPTIONS) private readonly options: ResolvedAuthGuardOptions,
    @Optional() @Inject(DependencyChecks) checks?: DependencyChecks,
  ) {
    this.url = `${options.endpoint}/v1/userinfo`;
    checks?.register('auth', () => this.probe());
  }

  /** Whether the auth service answers at all: without a token, its 401 is the healthy answer. */
  private async probe(): Promise<void> {
    const response = await fetch(this.url, { signal: AbortSignal.timeout(this.options.timeoutMs) });
    await discard(response);
    if (response.status >= 500) throw new Error(`userinfo answered HTTP ${response.status}`);
  }

  async getUser(token: string): Promise<AuthenticatedUser> {
    if (!isBearerToken(token)) throw new TokenRejected(true);
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: `Bearer ${token}`,
    };
    if (this.options.apiKey) headers['x-api-key'] = this.options.apiKey;
    // One signal covers connecting, the status line and the body.
    const signal = AbortSignal.timeout(this.options.timeoutMs);

    let response: Response;
    try {
      response = await fetch(this.url, { headers, signal });
    } catch (error) {
      this.logger.warn(`userinfo request failed: ${this.describe(error)}`);
      throw unavailable();
    }

    if (response.status === 401 || response.status === 403) {
      await discard(response);
      throw new TokenRejected(response.status === 401);
    }
    if (!response.ok) {
      await discard(response);
      this.logger.warn(`userinfo answered HTTP ${response.status}`);
      throw unavailable();
    }

    let body: unknown;
    try {
      body = JSON.parse(await response.text());
    } catch (error) {
      this.logger.warn(`userinfo answer unreadable: ${this.describe(error)}`);
      throw unavailable();
    }
    const user = toUser(body);
    if (!user) {
      this.logger.warn('userinfo answer has no user_id or sub');
      throw unavailable();
    }
    return user;
  }

  // Names and codes only: messages (e.g. undici's invalid-header errors) may quote header values.
  private describe(error: unknown): string {
    const err = error as {
      name?: unknown;
      code?: unknown;
      cause?: { code?: unknown; name?: unknown };
    };
    if (err?.name === 'TimeoutError') return `no answer within ${this.options.timeoutMs} ms`;
    const cause = err?.cause?.code ?? err?.cause?.name;
    return [String(err?.name ?? 'Error'), err?.code, cause].filter(Boolean).join(' ');
  }
}

function unavailable(): ProblemException {
  return new ProblemException('unavailable', 'Auth service unavailable; try again shortly.');
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

function toUser(body: unknown): AuthenticatedUser | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const b = body as Record<string, unknown>;
  const userId = nonEmpty(b['user_id']) ?? nonEmpty(b['sub']);
  if (!userId) return undefined;
  const groups = Array.isArray(b['groups'])
    ? b['groups'].filter((g): g is string => typeof g === 'string')
    : [];
  return Object.freeze({
    user_id: userId,
    email: nonEmpty(b['email']) ?? null,
    name: nonEmpty(b['name']) ?? null,
    groups: Object.freeze(groups),
  });
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
