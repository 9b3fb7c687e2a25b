import { ProblemException } from '@enclave/errors';

/**
 * The auth service (or our own shape check) refused the token: answered as 401. `definitive`
 * when the refusal is about the token itself (a 401 from userinfo, a token that cannot be sent),
 * so it may be remembered briefly; a 403 is not, because an API gateway in front of the service
 * also answers 403 for a missing or wrong API key, which says nothing about the token.
 */
export class TokenRejected extends ProblemException {
  constructor(readonly definitive: boolean) {
    super('unauthenticated', 'The bearer token is invalid or expired.');
  }
}
