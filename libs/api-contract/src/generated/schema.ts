// Generated from openapi.yaml by libs/api-contract/generate.mjs. Do not edit.
/* eslint-disable */
export interface paths {
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness of the service behind the gateway */
    get: operations['getHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/users/{user_id}/files': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
        user_id: components['parameters']['UserId'];
      };
      cookie?: never;
    };
    /** List the caller's files, newest first */
    get: operations['listFiles'];
    put?: never;
    /**
     * Start an upload
     * @description Creates the file's record (status `UPLOADING`) and answers how to send the bytes straight to S3:
     *     small files get one presigned `upload_url` (PUT, bound to the declared `content_type` and `size`);
     *     files above the multipart threshold get `multipart` instead and request part URLs from
     *     `POST …/parts`. Call `complete` once the bytes are stored.
     */
    post: operations['createFile'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/users/{user_id}/files/{file_id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
        user_id: components['parameters']['UserId'];
        file_id: components['parameters']['FileId'];
      };
      cookie?: never;
    };
    /** One file's metadata */
    get: operations['getFile'];
    put?: never;
    post?: never;
    /**
     * Delete a file, or cancel its unfinished upload
     * @description Removes the object and marks the record `DELETED`. Idempotent: deleting again answers the same.
     *     Deleting an `UPLOADING` file cancels the upload. Revokes the file's shares.
     */
    delete: operations['deleteFile'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/users/{user_id}/files/{file_id}/parts': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
        user_id: components['parameters']['UserId'];
        file_id: components['parameters']['FileId'];
      };
      cookie?: never;
    };
    /** Parts already stored, to resume an interrupted upload */
    get: operations['listUploadedParts'];
    put?: never;
    /**
     * Presigned UploadPart URLs for a multipart upload
     * @description Asks for up to 100 part URLs at a time, on demand. Each URL is short-lived and bound to one part.
     */
    post: operations['presignParts'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/users/{user_id}/files/{file_id}/complete': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
        user_id: components['parameters']['UserId'];
        file_id: components['parameters']['FileId'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Finish an upload once the bytes are in S3
     * @description Checks with S3 that the object exists with exactly the declared size, then marks the file `READY`.
     *     Before the bytes arrive it answers 409 and the file stays `UPLOADING`. Completing a `READY` file
     *     again answers the same as the first time. Multipart uploads may send the parts' ETags.
     */
    post: operations['completeFile'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/users/{user_id}/files/{file_id}/download': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
        user_id: components['parameters']['UserId'];
        file_id: components['parameters']['FileId'];
      };
      cookie?: never;
    };
    /** A presigned GET for a ready file (valid one hour) */
    get: operations['getDownloadUrl'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/users/{user_id}/files/{file_id}/share': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
        user_id: components['parameters']['UserId'];
        file_id: components['parameters']['FileId'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Share a ready file by e-mail
     * @description E-mails each recipient a personal, expiring link (one share per recipient, so each can be
     *     revoked alone). At most 20 recipients per request; each user may send a limited number of
     *     share e-mails per hour (429 with Retry-After beyond it). Nothing is sent when the request is
     *     refused; when SES is down the answer is 503 and no share is left claiming to have been sent.
     */
    post: operations['shareFileByEmail'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/users/{user_id}/files/{file_id}/links': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
        user_id: components['parameters']['UserId'];
        file_id: components['parameters']['FileId'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create a share link to copy
     * @description A link anyone holding it can open, until it expires, is revoked or has served
     *     `max_downloads` downloads. With `password`, each download asks for it (wrong answers are
     *     rate-limited per link). Only READY files can be shared.
     */
    post: operations['createShareLink'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/users/{user_id}/shares': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
        user_id: components['parameters']['UserId'];
      };
      cookie?: never;
    };
    /** Who has access to the caller's files */
    get: operations['listShares'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/users/{user_id}/shares/{share_id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
        user_id: components['parameters']['UserId'];
        share_id: components['parameters']['ShareId'];
      };
      cookie?: never;
    };
    /** One share with its access log */
    get: operations['getShare'];
    put?: never;
    post?: never;
    /**
     * Revoke a share
     * @description The link stops working at once. Idempotent.
     */
    delete: operations['revokeShare'];
    options?: never;
    head?: never;
    /**
     * Change when a share expires or how many downloads it allows
     * @description `expires_in` counts from now (an expired share can be extended); `max_downloads: null`
     *     removes the limit. A revoked share cannot be changed (409).
     */
    patch: operations['updateShare'];
    trace?: never;
  };
  '/v1/shares/{token}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The secret part of a share link. Only its SHA-256 is stored. */
        token: components['parameters']['ShareToken'];
      };
      cookie?: never;
    };
    /**
     * What a share link points at (public)
     * @description 404 for a token that never existed; 410 Gone for one that expired, was revoked, used up its
     *     downloads or whose file was deleted. Both take the same time to answer.
     */
    get: operations['getPublicShare'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/shares/{token}/download': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The secret part of a share link. Only its SHA-256 is stored. */
        token: components['parameters']['ShareToken'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A fresh, short-lived download link for a share (public)
     * @description Counts one download (atomically: a link with `max_downloads: 3` serves exactly three) and
     *     answers a presigned GET valid for at most five minutes. A password-protected share needs
     *     `password`: missing or wrong answers 401, and too many wrong tries 429 with Retry-After.
     */
    post: operations['downloadPublicShare'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/users/{user_id}/key': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
        user_id: components['parameters']['UserId'];
      };
      cookie?: never;
    };
    /** The caller's encryption key status */
    get: operations['getKey'];
    put?: never;
    /**
     * Make sure the caller's key exists (idempotent)
     * @description In `per_user` mode creates the user's KMS key exactly once, under a DynamoDB lock (the
     *     first upload does the same). Other modes have no key of the user's own: 409. A shredded
     *     key is not made again: 409.
     */
    post: operations['ensureKey'];
    /**
     * Crypto-shred the caller's files
     * @description `per_user` mode only (else 409). Disables the user's key and schedules its deletion with
     *     KMS's minimum waiting period (7 days); every file of the user is then removed (rows
     *     `DELETED`, objects gone, quota released, shares revoked). A call cut short resumes on the
     *     next; once shredded, repeating it answers 200 with `files_removed: 0`. A user with no
     *     key yet has nothing to shred: 409.
     */
    delete: operations['shredKey'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /** @description RFC 9457 problem details. */
    Problem: {
      /** @description A URI naming the kind of problem, e.g. `urn:enclave:problem:validation`. */
      type: string;
      title: string;
      status: number;
      detail: string;
      instance?: string;
      errors?: {
        /** @description Where, e.g. `body.file_name` or `path.file_id`. */
        field: string;
        message: string;
      }[];
      /** @description `GET /health?deep=1` only: each dependency checked, the failed ones included. */
      checks?: components['schemas']['DependencyCheck'][];
    };
    Health: {
      /** @enum {string} */
      status: 'ok';
      service: string;
      /** @description With `deep=1`, each dependency checked and how long it took. */
      checks?: components['schemas']['DependencyCheck'][];
    };
    DependencyCheck: {
      /** @enum {string} */
      dependency: 's3' | 'dynamodb' | 'kms' | 'ses' | 'auth';
      /** @enum {string} */
      status: 'ok' | 'unavailable';
      latency_ms: number;
    };
    UserId: string;
    /** @description A UUIDv7, so ids sort by creation time. */
    FileId: string;
    ShareId: string;
    /**
     * @description The name the file is saved under, shown to people and sent back in Content-Disposition.
     *     It is metadata only (objects are keyed by file id), but it must read as what it is: at most
     *     1024 bytes of UTF-8; well-formed Unicode (no lone UTF-16 surrogates); no control
     *     characters (C0 such as NUL, TAB, CR, LF; DEL; C1 U+0080–U+009F) or line/paragraph
     *     separators (U+2028, U+2029); no bidirectional controls (U+061C, U+200E, U+200F,
     *     U+202A–U+202E, U+2066–U+2069), which can make `invoice` + U+202E + `fdp.exe`
     *     display as `invoiceexe.pdf`; no `/` or `\`, which downloads would turn into paths;
     *     not `.` or `..`. Each rule is its own pattern (ECMAScript regular expressions with the
     *     `u` flag, as JSON Schema specifies), so a refusal names the rule broken.
     */
    FileName: string & (unknown & unknown & unknown & unknown & unknown);
    /**
     * Format: media-type
     * @description A media type as RFC 9110 §8.3.1 defines it: `type/subtype` of token characters, then any
     *     `; name=value` parameters whose value is a token or a quoted string of printable ASCII
     *     (no leading or trailing spaces, no control characters, nothing outside ASCII). The upload
     *     URL is bound to it and downloads are served with it.
     */
    ContentType: string;
    /** @description A SHA-256 digest as 64 hexadecimal characters. */
    Sha256Hex: string;
    /** @enum {string} */
    FileStatus: 'UPLOADING' | 'READY' | 'DELETED';
    /** Format: date-time */
    Timestamp: string;
    CreateFileRequest: {
      file_name: components['schemas']['FileName'];
      /** @default application/octet-stream */
      content_type?: components['schemas']['ContentType'];
      /** @description Exact size in bytes. Up to 5 TiB (S3's object limit); deployments may set a lower cap. */
      size: number;
      /** @description Single-PUT uploads; when given, S3 verifies the uploaded bytes against it. */
      sha256?: components['schemas']['Sha256Hex'];
      /**
       * @description Multipart uploads: every part carries its own SHA-256, given when its URL is requested
       *     (`POST …/parts`, `sha256`) and again on `complete`; S3 then refuses a corrupted part.
       * @enum {string}
       */
      checksum_algorithm?: 'SHA256';
    };
    CreateFileResponse: {
      file_id: components['schemas']['FileId'];
      file_name: string;
      content_type: string;
      size: number;
      /** @enum {string} */
      status: 'UPLOADING';
      /**
       * Format: uri
       * @description Single-PUT uploads only. PUT the bytes here with `upload_headers`; it is bound to this file's key, content type and size, and creates the object only (a PUT once the bytes are stored answers 412). Bytes PUT after the file was deleted are removed within seconds.
       */
      upload_url?: string;
      /** @enum {string} */
      upload_method?: 'PUT';
      /**
       * @description Headers the upload request must carry exactly: `Content-Type`, `If-None-Match: *`, and
       *     `x-amz-checksum-sha256` when a checksum was given.
       */
      upload_headers: {
        [key: string]: string;
      };
      /** @description When `upload_url` stops working (multipart part URLs carry their own expiry). */
      expires_at: components['schemas']['Timestamp'];
      multipart?: components['schemas']['MultipartPlan'];
    };
    /** @description Present instead of `upload_url` for files above the multipart threshold. */
    MultipartPlan: {
      /** @description Bytes in every part but the last. */
      part_size: number;
      part_count: number;
      /**
       * @description Present when every part must carry its SHA-256.
       * @enum {string}
       */
      checksum_algorithm?: 'SHA256';
    };
    PresignPartsRequest: {
      part_numbers: number[];
      /** @description Per-part SHA-256 (hex), keyed by part number; required for every part when the upload was created with `checksum_algorithm`. */
      sha256?: {
        [key: string]: components['schemas']['Sha256Hex'];
      };
    };
    PresignPartsResponse: {
      file_id: components['schemas']['FileId'];
      parts: {
        part_number: number;
        /** Format: uri */
        url: string;
        headers: {
          [key: string]: string;
        };
        expires_at: components['schemas']['Timestamp'];
      }[];
    };
    UploadedParts: {
      file_id: components['schemas']['FileId'];
      part_size: number;
      part_count: number;
      parts: {
        part_number: number;
        etag: string;
        size: number;
        sha256?: components['schemas']['Sha256Hex'];
      }[];
    };
    CompleteFileRequest: {
      /** @description Multipart only; the parts' ETags as S3 returned them. Omitted, the service asks S3. */
      parts?: {
        part_number: number;
        etag: string;
        /** @description Required when the upload was created with `checksum_algorithm`. */
        sha256?: components['schemas']['Sha256Hex'];
      }[];
    };
    CompleteFileResponse: {
      file_id: components['schemas']['FileId'];
      file_name: string;
      size: number;
      /** @enum {string} */
      status: 'READY';
    };
    FileSummary: {
      file_id: components['schemas']['FileId'];
      file_name: string;
      content_type: string;
      size: number;
      /** @description When the upload completed (while `UPLOADING`, when it started). */
      uploaded_at: components['schemas']['Timestamp'];
      status: components['schemas']['FileStatus'];
      sha256?: components['schemas']['Sha256Hex'];
      encryption?: components['schemas']['FileEncryption'];
    };
    /** @description How S3 encrypts the file at rest, fixed when its upload was signed. */
    FileEncryption: {
      kms_mode: components['schemas']['KmsMode'];
      /** @description The KMS key (ARN) for `shared` and `per_user`; absent for `s3` (SSE-S3). */
      key_id?: string;
    };
    FileList: {
      user_id: components['schemas']['UserId'];
      user_files: components['schemas']['FileSummary'][];
      /** @description Pass as `cursor` for the next page; `null` on the last page. */
      next_cursor: string | null;
    };
    DownloadResponse: {
      file_id: components['schemas']['FileId'];
      file_name: string;
      /** Format: uri */
      download_url: string;
      expires_at: components['schemas']['Timestamp'];
    };
    DeleteFileResponse: {
      file_id: components['schemas']['FileId'];
      file_name: string;
      /** @enum {string} */
      file_status: 'DELETED';
    };
    /**
     * @description Seconds until the share stops working: one hour by default, at most the deployment's
     *     `SHARE_MAX_EXPIRES_SECONDS` (30 days unless configured; never more than a year).
     */
    ExpiresIn: number;
    /**
     * Format: email
     * @description One mailbox, `local@domain`: printable ASCII without spaces, quotes, angle brackets,
     *     commas, semicolons or line breaks (so it can never add a header or a second recipient).
     */
    EmailAddress: string;
    ShareByEmailRequest: {
      share_with: components['schemas']['EmailAddress'][];
      expires_in?: components['schemas']['ExpiresIn'];
      /** @description A note for the recipients, sent as plain text (escaped in the HTML part). */
      message?: string;
    };
    /** @enum {string} */
    ShareState: 'ACTIVE' | 'EXPIRED' | 'REVOKED' | 'EXHAUSTED';
    Share: {
      share_id: components['schemas']['ShareId'];
      file_id: components['schemas']['FileId'];
      file_name: string;
      /** @enum {string} */
      kind: 'EMAIL' | 'LINK';
      /** @description E-mail shares: who received it. */
      recipient?: string;
      created_at: components['schemas']['Timestamp'];
      expires_at: components['schemas']['Timestamp'];
      max_downloads?: number;
      downloads: number;
      password_protected?: boolean;
      last_access_at?: components['schemas']['Timestamp'];
      revoked_at?: components['schemas']['Timestamp'];
      /**
       * @description Who ended a revoked share (the owner, or the file's deletion).
       * @enum {string}
       */
      revoked_because?: 'OWNER' | 'FILE_DELETED';
      state: components['schemas']['ShareState'];
    };
    ShareByEmailResponse: {
      file_id: components['schemas']['FileId'];
      file_name: string;
      /** @enum {string} */
      status: 'SHARED';
      shares: components['schemas']['Share'][];
    };
    CreateShareLinkRequest: {
      expires_in?: components['schemas']['ExpiresIn'];
      max_downloads?: components['schemas']['MaxDownloads'];
      password?: string;
    };
    MaxDownloads: number;
    UpdateShareRequest: {
      expires_in?: components['schemas']['ExpiresIn'];
      max_downloads?: components['schemas']['MaxDownloads'] | null;
    };
    ShareLinkResponse: {
      share_id: components['schemas']['ShareId'];
      file_id: components['schemas']['FileId'];
      /**
       * Format: uri
       * @description The public share page, `…/s/{token}`. Shown once; only the token's SHA-256 is stored.
       */
      url: string;
      /** @description The secret part of `url`. */
      token: string;
      expires_at: components['schemas']['Timestamp'];
      max_downloads?: components['schemas']['MaxDownloads'];
      password_protected: boolean;
    };
    ShareList: {
      user_id: components['schemas']['UserId'];
      shares: components['schemas']['Share'][];
      next_cursor: string | null;
    };
    ShareDetail: components['schemas']['Share'] & {
      access_log: {
        at: components['schemas']['Timestamp'];
        /** @enum {string} */
        outcome: 'VIEWED' | 'DOWNLOADED' | 'WRONG_PASSWORD' | 'REFUSED';
        ip?: string;
        user_agent?: string;
      }[];
    };
    PublicShare: {
      file_name: string;
      size: number;
      content_type: string;
      expires_at: components['schemas']['Timestamp'];
      password_required: boolean;
      downloads_left?: number | null;
      /** @description The owner's name, when the auth service knows it. */
      shared_by?: string | null;
      message?: string;
    };
    PublicDownloadRequest: {
      password?: string;
      /**
       * @description `inline` opens the file in the browser when its type is safe to show there.
       * @default attachment
       * @enum {string}
       */
      disposition?: 'attachment' | 'inline';
    };
    PublicDownloadResponse: {
      file_name: string;
      /** Format: uri */
      download_url: string;
      expires_at: components['schemas']['Timestamp'];
    };
    /**
     * @description How files are encrypted at rest: `s3` (SSE-S3, AES-256, keys S3 holds), `shared` (SSE-KMS
     *     with one customer-managed key), `per_user` (SSE-KMS with a key of the user's own).
     * @enum {string}
     */
    KmsMode: 's3' | 'shared' | 'per_user';
    KeyStatus: {
      kms_mode: components['schemas']['KmsMode'];
      /**
       * @description `NONE`: no key of the user's own (always in `s3` mode; before the first upload in
       *     `per_user`). `shared` mode answers `READY` with the shared key. `SHREDDING`: a
       *     crypto-shred started and has files left to remove (repeat `DELETE` to finish it).
       * @enum {string}
       */
      state: 'NONE' | 'CREATING' | 'READY' | 'SHREDDING' | 'SHREDDED';
      /** @description The KMS key ARN. */
      key_id?: string;
      created_at?: components['schemas']['Timestamp'];
      /** @description When KMS destroys the shredded key for good. */
      deletion_date?: components['schemas']['Timestamp'];
    };
    ShredResponse: {
      kms_mode: components['schemas']['KmsMode'];
      /** @enum {string} */
      state: 'SHREDDED';
      key_id: string;
      /** @description When KMS destroys the key for good (after the minimum 7-day waiting period); from then no copy of the files can be decrypted. */
      deletion_date: components['schemas']['Timestamp'];
      /** @description Files this call removed; 0 when the key was already shredded. */
      files_removed: number;
    };
  };
  responses: {
    /** @description The request is malformed; `errors` names each bad field. */
    BadRequest: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description No valid bearer token. */
    Unauthorized: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The caller may not touch this resource. */
    Forbidden: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description No such resource (for this caller). */
    NotFound: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The resource is not in a state that allows this. */
    Conflict: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The share has expired, been revoked or used up. */
    Gone: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The declared size is over the per-file limit or the caller's storage quota, or the request body is over the body limit (2 MiB, for any operation). */
    PayloadTooLarge: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description Too many attempts; retry later. */
    TooManyRequests: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The request carries a body that is not `application/json` (or one in an encoding other than gzip, deflate or br). */
    UnsupportedMediaType: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The storage behind this deployment cannot do this. */
    NotImplemented: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description A dependency (auth service, S3, DynamoDB, KMS, SES) is unavailable; retry later. */
    Unavailable: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description Any other error, as problem details. */
    Error: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
  };
  parameters: {
    /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
    UserId: components['schemas']['UserId'];
    FileId: components['schemas']['FileId'];
    ShareId: components['schemas']['ShareId'];
    /** @description The secret part of a share link. Only its SHA-256 is stored. */
    ShareToken: string;
    /** @description Page size. */
    Limit: number;
    /** @description `next_cursor` of the previous page. */
    Cursor: string;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getHealth: {
    parameters: {
      query?: {
        /** @description `1` also checks each dependency the service uses (S3, DynamoDB, KMS, SES, the auth service) and answers 503 naming those that failed. */
        deep?: '0' | '1';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The service is up (and, with `deep=1`, so is every dependency it checked). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
      400: components['responses']['BadRequest'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      503: components['responses']['Unavailable'];
    };
  };
  listFiles: {
    parameters: {
      query?: {
        /** @description Page size. */
        limit?: components['parameters']['Limit'];
        /** @description `next_cursor` of the previous page. */
        cursor?: components['parameters']['Cursor'];
      };
      header?: never;
      path: {
        /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
        user_id: components['parameters']['UserId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of files. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FileList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      503: components['responses']['Unavailable'];
      default: components['responses']['Error'];
    };
  };
  createFile: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
        user_id: components['parameters']['UserId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateFileRequest'];
      };
    };
    responses: {
      /** @description Upload started. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreateFileResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      503: components['responses']['Unavailable'];
      default: components['responses']['Error'];
    };
  };
  getFile: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
        user_id: components['parameters']['UserId'];
        file_id: components['parameters']['FileId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FileSummary'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      503: components['responses']['Unavailable'];
      default: components['responses']['Error'];
    };
  };
  deleteFile: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
        user_id: components['parameters']['UserId'];
        file_id: components['parameters']['FileId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DeleteFileResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      503: components['responses']['Unavailable'];
      default: components['responses']['Error'];
    };
  };
  listUploadedParts: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
        user_id: components['parameters']['UserId'];
        file_id: components['parameters']['FileId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The parts S3 holds so far. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UploadedParts'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      501: components['responses']['NotImplemented'];
      503: components['responses']['Unavailable'];
      default: components['responses']['Error'];
    };
  };
  presignParts: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
        user_id: components['parameters']['UserId'];
        file_id: components['parameters']['FileId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PresignPartsRequest'];
      };
    };
    responses: {
      /** @description One URL per requested part. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PresignPartsResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      503: components['responses']['Unavailable'];
      default: components['responses']['Error'];
    };
  };
  completeFile: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
        user_id: components['parameters']['UserId'];
        file_id: components['parameters']['FileId'];
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['CompleteFileRequest'];
      };
    };
    responses: {
      /** @description The file is ready. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CompleteFileResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      503: components['responses']['Unavailable'];
      default: components['responses']['Error'];
    };
  };
  getDownloadUrl: {
    parameters: {
      query?: {
        /**
         * @description `attachment` (default) saves the file; `inline` lets a browser preview or stream it.
         *     Inline is granted only to types a browser shows without running anything (raster
         *     images, audio, video, PDF, plain text). HTML, SVG, XML, JavaScript and other markup
         *     asked for inline are served as `text/plain; charset=utf-8`; any other type is served
         *     as an attachment.
         */
        disposition?: 'attachment' | 'inline';
      };
      header?: never;
      path: {
        /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
        user_id: components['parameters']['UserId'];
        file_id: components['parameters']['FileId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A link that downloads the file straight from S3. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DownloadResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      503: components['responses']['Unavailable'];
      default: components['responses']['Error'];
    };
  };
  shareFileByEmail: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
        user_id: components['parameters']['UserId'];
        file_id: components['parameters']['FileId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ShareByEmailRequest'];
      };
    };
    responses: {
      /** @description Shared. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ShareByEmailResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      503: components['responses']['Unavailable'];
      default: components['responses']['Error'];
    };
  };
  createShareLink: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
        user_id: components['parameters']['UserId'];
        file_id: components['parameters']['FileId'];
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['CreateShareLinkRequest'];
      };
    };
    responses: {
      /** @description The link. Its token is shown once and never stored. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ShareLinkResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      503: components['responses']['Unavailable'];
      default: components['responses']['Error'];
    };
  };
  listShares: {
    parameters: {
      query?: {
        /** @description Only the shares of this file. */
        file_id?: components['schemas']['FileId'];
        /** @description Page size. */
        limit?: components['parameters']['Limit'];
        /** @description `next_cursor` of the previous page. */
        cursor?: components['parameters']['Cursor'];
      };
      header?: never;
      path: {
        /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
        user_id: components['parameters']['UserId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of shares, newest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ShareList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      503: components['responses']['Unavailable'];
      default: components['responses']['Error'];
    };
  };
  getShare: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
        user_id: components['parameters']['UserId'];
        share_id: components['parameters']['ShareId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The share. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ShareDetail'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      503: components['responses']['Unavailable'];
      default: components['responses']['Error'];
    };
  };
  revokeShare: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
        user_id: components['parameters']['UserId'];
        share_id: components['parameters']['ShareId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Share'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      503: components['responses']['Unavailable'];
      default: components['responses']['Error'];
    };
  };
  updateShare: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
        user_id: components['parameters']['UserId'];
        share_id: components['parameters']['ShareId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateShareRequest'];
      };
    };
    responses: {
      /** @description The share as it now is. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Share'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      503: components['responses']['Unavailable'];
      default: components['responses']['Error'];
    };
  };
  getPublicShare: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The secret part of a share link. Only its SHA-256 is stored. */
        token: components['parameters']['ShareToken'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The shared file's description. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PublicShare'];
        };
      };
      400: components['responses']['BadRequest'];
      404: components['responses']['NotFound'];
      410: components['responses']['Gone'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      503: components['responses']['Unavailable'];
      default: components['responses']['Error'];
    };
  };
  downloadPublicShare: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The secret part of a share link. Only its SHA-256 is stored. */
        token: components['parameters']['ShareToken'];
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['PublicDownloadRequest'];
      };
    };
    responses: {
      /** @description A presigned GET valid for minutes. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PublicDownloadResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      410: components['responses']['Gone'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      503: components['responses']['Unavailable'];
      default: components['responses']['Error'];
    };
  };
  getKey: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
        user_id: components['parameters']['UserId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The key status. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['KeyStatus'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      503: components['responses']['Unavailable'];
      default: components['responses']['Error'];
    };
  };
  ensureKey: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
        user_id: components['parameters']['UserId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The key exists. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['KeyStatus'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      503: components['responses']['Unavailable'];
      default: components['responses']['Error'];
    };
  };
  shredKey: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The caller's id as the auth service reports it (`user_id`, a Cognito `sub`). */
        user_id: components['parameters']['UserId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Shredded. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ShredResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      503: components['responses']['Unavailable'];
      default: components['responses']['Error'];
    };
  };
}
