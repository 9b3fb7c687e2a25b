import type { ProblemKind } from './problem';

/**
 * An error the domain names: adapters translate what AWS raises into one of these, so services
 * and the problem filter never need to know an AWS error name. `kind` says how a request that
 * ends in it is answered.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: ProblemKind;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export type Dependency = 'S3' | 'DynamoDB' | 'SES' | 'KMS' | 'the auth service';

/**
 * A dependency is down, throttling or timing out: the request may succeed if repeated shortly.
 * Answered as 503 with Retry-After, never as 500 (an outage is not a bug).
 */
export class DependencyUnavailable extends DomainError {
  readonly kind = 'unavailable';

  constructor(
    readonly dependency: Dependency,
    cause?: unknown,
    readonly retryAfterSeconds = 1,
  ) {
    super(`${dependency} is unavailable; try again shortly.`, { cause });
  }
}

/** A dependency failed in a way no retry fixes (denied, misconfigured): a 500, logged. */
export class DependencyFailed extends DomainError {
  readonly kind = 'internal';

  constructor(
    readonly dependency: Dependency,
    cause: unknown,
  ) {
    super(`${dependency} refused the request.`, { cause });
  }
}

/** The caller has used up an allowance (e-mails per hour, password tries): 429 with Retry-After. */
export class TooManyRequests extends DomainError {
  readonly kind = 'tooManyRequests';

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
