/**
 * An error KMS itself would send: rendered as HTTP 400 (500 for KMSInternalException) with
 * `{"__type": name, "message": ...}` and the `x-amzn-ErrorType` header, which the SDK turns
 * into its modeled exception of that name.
 */
export class KmsError extends Error {
  constructor(
    readonly type: KmsErrorType,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

export type KmsErrorType =
  | 'AlreadyExistsException'
  | 'DisabledException'
  | 'IncorrectKeyException'
  | 'InvalidCiphertextException'
  | 'InvalidKeyUsageException'
  | 'KMSInternalException'
  | 'KMSInvalidStateException'
  | 'MissingAuthenticationTokenException'
  | 'NotFoundException'
  | 'SerializationException'
  | 'UnsupportedOperationException'
  | 'ValidationException';

/** KMS's wording for a bad field: `1 validation error detected: Value … at 'keyId' …`. */
export function validationError(field: string, value: unknown, constraint: string): KmsError {
  const shown = value === undefined || value === null ? 'null' : `'${String(value)}'`;
  const member = field.charAt(0).toLowerCase() + field.slice(1);
  return new KmsError(
    'ValidationException',
    `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}
