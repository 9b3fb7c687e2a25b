/**
 * A failure the caller can act on; rendered as `{"error_message": ...}` with its status, the shape
 * the contract uses for everything except schema failures.
 */
export class AuthError extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 503,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

/** A request that does not match its schema; rendered as `{"message": ...}` with status 400. */
export class SchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaError';
  }
}

// One wording for every credential failure, so answers do not reveal which part was wrong.
export const INCORRECT_CREDENTIALS = 'Incorrect username or password.';

export const incorrectCredentials = (): AuthError => new AuthError(401, INCORRECT_CREDENTIALS);
