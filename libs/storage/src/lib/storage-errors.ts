import { DomainError } from '@enclave/errors';

/** S3 refused to assemble the parts it was given (a part missing, too small, or corrupted). */
export class PartsRejected extends DomainError {
  readonly kind = 'conflict';

  constructor(
    readonly reason: 'invalid-part' | 'part-order' | 'too-small' | 'bad-digest' | 'refused',
  ) {
    super(
      {
        'invalid-part': 'S3 holds no part matching one of the given ETags: upload that part again.',
        'part-order': 'The parts must be listed in ascending order of part number.',
        'too-small': 'Every part but the last must be at least 5 MiB.',
        'bad-digest': "A part's SHA-256 does not match its bytes: upload that part again.",
        refused: 'S3 refused the parts as given (a checksum missing or wrong): upload them again.',
      }[reason],
    );
  }
}

/** The object store cannot do this (s3rver has no ListParts or AbortMultipartUpload). */
export class MultipartCallUnsupported extends DomainError {
  readonly kind = 'notImplemented';

  constructor(readonly call: string) {
    super(`The object store behind this deployment does not support ${call}.`);
  }
}

/** The multipart upload no longer exists: it was completed or aborted. */
export class UploadGone extends DomainError {
  readonly kind = 'conflict';

  constructor() {
    super('The multipart upload is gone: it was completed or cancelled.');
  }
}
