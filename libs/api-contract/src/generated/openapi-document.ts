// Generated from openapi.yaml by libs/api-contract/generate.mjs. Do not edit.
export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Enclave API',
    version: '1.0.0',
    summary:
      'Serverless file sharing on AWS. File bytes go straight to and from S3 through presigned URLs.',
    description:
      "The API authorises, signs and keeps metadata; it never carries file bytes.\n\n* **Auth** is delegated to a separate auth service: send its ID token as `Authorization: Bearer <token>`.\n  Every `/v1/users/{user_id}/…` path belongs to that user alone; another user's path answers 403.\n* **Errors** are `application/problem+json` (RFC 9457): `type`, `title`, `status`, `detail`, and\n  `errors` (field + message) for validation problems. A dependency outage answers 503.\n* Each operation names the service that answers it in `x-enclave-service`; the API gateway routes by it.\n",
    license: { name: 'MIT', identifier: 'MIT' },
  },
  servers: [{ url: 'http://127.0.0.1:3000', description: 'Local gateway started by `npm start`' }],
  security: [{ bearerAuth: [] }],
  tags: [
    {
      name: 'files',
      description:
        'Upload (single PUT or multipart), list, download and delete files. Answered by uploads-api.',
    },
    {
      name: 'sharing',
      description:
        'Share files by e-mail or link; revoke and audit shares. Answered by sharing-api.',
    },
    {
      name: 'keys',
      description: 'Per-user encryption keys and crypto-shredding. Answered by keys-api.',
    },
    { name: 'health', description: 'Liveness.' },
  ],
  paths: {
    '/health': {
      get: {
        operationId: 'getHealth',
        summary: 'Liveness of the service behind the gateway',
        tags: ['health'],
        'x-enclave-service': 'uploads',
        security: [],
        parameters: [
          {
            name: 'deep',
            in: 'query',
            required: false,
            description:
              '`1` also checks each dependency the service uses (S3, DynamoDB, KMS, SES, the auth service) and answers 503 naming those that failed.',
            schema: { type: 'string', enum: ['0', '1'] },
          },
        ],
        responses: {
          '200': {
            description:
              'The service is up (and, with `deep=1`, so is every dependency it checked).',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '429': { $ref: '#/components/responses/TooManyRequests' },
          '503': { $ref: '#/components/responses/Unavailable' },
        },
      },
    },
    '/v1/users/{user_id}/files': {
      parameters: [{ $ref: '#/components/parameters/UserId' }],
      post: {
        operationId: 'createFile',
        summary: 'Start an upload',
        description:
          "Creates the file's record (status `UPLOADING`) and answers how to send the bytes straight to S3:\nsmall files get one presigned `upload_url` (PUT, bound to the declared `content_type` and `size`);\nfiles above the multipart threshold get `multipart` instead and request part URLs from\n`POST …/parts`. Call `complete` once the bytes are stored.\n",
        tags: ['files'],
        'x-enclave-service': 'uploads',
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/CreateFileRequest' } },
          },
        },
        responses: {
          '201': {
            description: 'Upload started.',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/CreateFileResponse' } },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '409': { $ref: '#/components/responses/Conflict' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '429': { $ref: '#/components/responses/TooManyRequests' },
          '503': { $ref: '#/components/responses/Unavailable' },
          default: { $ref: '#/components/responses/Error' },
        },
      },
      get: {
        operationId: 'listFiles',
        summary: "List the caller's files, newest first",
        tags: ['files'],
        'x-enclave-service': 'uploads',
        parameters: [
          { $ref: '#/components/parameters/Limit' },
          { $ref: '#/components/parameters/Cursor' },
        ],
        responses: {
          '200': {
            description: 'One page of files.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/FileList' } } },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '429': { $ref: '#/components/responses/TooManyRequests' },
          '503': { $ref: '#/components/responses/Unavailable' },
          default: { $ref: '#/components/responses/Error' },
        },
      },
    },
    '/v1/users/{user_id}/files/{file_id}': {
      parameters: [
        { $ref: '#/components/parameters/UserId' },
        { $ref: '#/components/parameters/FileId' },
      ],
      get: {
        operationId: 'getFile',
        summary: "One file's metadata",
        tags: ['files'],
        'x-enclave-service': 'uploads',
        responses: {
          '200': {
            description: 'The file.',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/FileSummary' } },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': { $ref: '#/components/responses/NotFound' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '429': { $ref: '#/components/responses/TooManyRequests' },
          '503': { $ref: '#/components/responses/Unavailable' },
          default: { $ref: '#/components/responses/Error' },
        },
      },
      delete: {
        operationId: 'deleteFile',
        summary: 'Delete a file, or cancel its unfinished upload',
        description:
          "Removes the object and marks the record `DELETED`. Idempotent: deleting again answers the same.\nDeleting an `UPLOADING` file cancels the upload. Revokes the file's shares.\n",
        tags: ['files'],
        'x-enclave-service': 'uploads',
        responses: {
          '200': {
            description: 'Deleted.',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/DeleteFileResponse' } },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': { $ref: '#/components/responses/NotFound' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '429': { $ref: '#/components/responses/TooManyRequests' },
          '503': { $ref: '#/components/responses/Unavailable' },
          default: { $ref: '#/components/responses/Error' },
        },
      },
    },
    '/v1/users/{user_id}/files/{file_id}/parts': {
      parameters: [
        { $ref: '#/components/parameters/UserId' },
        { $ref: '#/components/parameters/FileId' },
      ],
      post: {
        operationId: 'presignParts',
        summary: 'Presigned UploadPart URLs for a multipart upload',
        description:
          'Asks for up to 100 part URLs at a time, on demand. Each URL is short-lived and bound to one part.',
        tags: ['files'],
        'x-enclave-service': 'uploads',
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/PresignPartsRequest' } },
          },
        },
        responses: {
          '200': {
            description: 'One URL per requested part.',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/PresignPartsResponse' } },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': { $ref: '#/components/responses/NotFound' },
          '409': { $ref: '#/components/responses/Conflict' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '429': { $ref: '#/components/responses/TooManyRequests' },
          '503': { $ref: '#/components/responses/Unavailable' },
          default: { $ref: '#/components/responses/Error' },
        },
      },
      get: {
        operationId: 'listUploadedParts',
        summary: 'Parts already stored, to resume an interrupted upload',
        tags: ['files'],
        'x-enclave-service': 'uploads',
        responses: {
          '200': {
            description: 'The parts S3 holds so far.',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/UploadedParts' } },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': { $ref: '#/components/responses/NotFound' },
          '409': { $ref: '#/components/responses/Conflict' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '429': { $ref: '#/components/responses/TooManyRequests' },
          '501': { $ref: '#/components/responses/NotImplemented' },
          '503': { $ref: '#/components/responses/Unavailable' },
          default: { $ref: '#/components/responses/Error' },
        },
      },
    },
    '/v1/users/{user_id}/files/{file_id}/complete': {
      parameters: [
        { $ref: '#/components/parameters/UserId' },
        { $ref: '#/components/parameters/FileId' },
      ],
      post: {
        operationId: 'completeFile',
        summary: 'Finish an upload once the bytes are in S3',
        description:
          "Checks with S3 that the object exists with exactly the declared size, then marks the file `READY`.\nBefore the bytes arrive it answers 409 and the file stays `UPLOADING`. Completing a `READY` file\nagain answers the same as the first time. Multipart uploads may send the parts' ETags.\n",
        tags: ['files'],
        'x-enclave-service': 'uploads',
        requestBody: {
          required: false,
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/CompleteFileRequest' } },
          },
        },
        responses: {
          '200': {
            description: 'The file is ready.',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/CompleteFileResponse' } },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': { $ref: '#/components/responses/NotFound' },
          '409': { $ref: '#/components/responses/Conflict' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '429': { $ref: '#/components/responses/TooManyRequests' },
          '503': { $ref: '#/components/responses/Unavailable' },
          default: { $ref: '#/components/responses/Error' },
        },
      },
    },
    '/v1/users/{user_id}/files/{file_id}/download': {
      parameters: [
        { $ref: '#/components/parameters/UserId' },
        { $ref: '#/components/parameters/FileId' },
      ],
      get: {
        operationId: 'getDownloadUrl',
        summary: 'A presigned GET for a ready file (valid one hour)',
        tags: ['files'],
        'x-enclave-service': 'uploads',
        parameters: [
          {
            name: 'disposition',
            in: 'query',
            required: false,
            description:
              '`attachment` (default) saves the file; `inline` lets a browser preview or stream it.\nInline is granted only to types a browser shows without running anything (raster\nimages, audio, video, PDF, plain text). HTML, SVG, XML, JavaScript and other markup\nasked for inline are served as `text/plain; charset=utf-8`; any other type is served\nas an attachment.\n',
            schema: { type: 'string', enum: ['attachment', 'inline'], default: 'attachment' },
          },
        ],
        responses: {
          '200': {
            description: 'A link that downloads the file straight from S3.',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/DownloadResponse' } },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': { $ref: '#/components/responses/NotFound' },
          '409': { $ref: '#/components/responses/Conflict' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '429': { $ref: '#/components/responses/TooManyRequests' },
          '503': { $ref: '#/components/responses/Unavailable' },
          default: { $ref: '#/components/responses/Error' },
        },
      },
    },
    '/v1/users/{user_id}/files/{file_id}/share': {
      parameters: [
        { $ref: '#/components/parameters/UserId' },
        { $ref: '#/components/parameters/FileId' },
      ],
      post: {
        operationId: 'shareFileByEmail',
        summary: 'Share a ready file by e-mail',
        description:
          'E-mails each recipient a personal, expiring link (one share per recipient, so each can be\nrevoked alone). At most 20 recipients per request; each user may send a limited number of\nshare e-mails per hour (429 with Retry-After beyond it). Nothing is sent when the request is\nrefused; when SES is down the answer is 503 and no share is left claiming to have been sent.\n',
        tags: ['sharing'],
        'x-enclave-service': 'sharing',
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/ShareByEmailRequest' } },
          },
        },
        responses: {
          '201': {
            description: 'Shared.',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/ShareByEmailResponse' } },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': { $ref: '#/components/responses/NotFound' },
          '409': { $ref: '#/components/responses/Conflict' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '429': { $ref: '#/components/responses/TooManyRequests' },
          '503': { $ref: '#/components/responses/Unavailable' },
          default: { $ref: '#/components/responses/Error' },
        },
      },
    },
    '/v1/users/{user_id}/files/{file_id}/links': {
      parameters: [
        { $ref: '#/components/parameters/UserId' },
        { $ref: '#/components/parameters/FileId' },
      ],
      post: {
        operationId: 'createShareLink',
        summary: 'Create a share link to copy',
        description:
          'A link anyone holding it can open, until it expires, is revoked or has served\n`max_downloads` downloads. With `password`, each download asks for it (wrong answers are\nrate-limited per link). Only READY files can be shared.\n',
        tags: ['sharing'],
        'x-enclave-service': 'sharing',
        requestBody: {
          required: false,
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/CreateShareLinkRequest' } },
          },
        },
        responses: {
          '201': {
            description: 'The link. Its token is shown once and never stored.',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/ShareLinkResponse' } },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': { $ref: '#/components/responses/NotFound' },
          '409': { $ref: '#/components/responses/Conflict' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '429': { $ref: '#/components/responses/TooManyRequests' },
          '503': { $ref: '#/components/responses/Unavailable' },
          default: { $ref: '#/components/responses/Error' },
        },
      },
    },
    '/v1/users/{user_id}/shares': {
      parameters: [{ $ref: '#/components/parameters/UserId' }],
      get: {
        operationId: 'listShares',
        summary: "Who has access to the caller's files",
        tags: ['sharing'],
        'x-enclave-service': 'sharing',
        parameters: [
          {
            name: 'file_id',
            in: 'query',
            required: false,
            description: 'Only the shares of this file.',
            schema: { $ref: '#/components/schemas/FileId' },
          },
          { $ref: '#/components/parameters/Limit' },
          { $ref: '#/components/parameters/Cursor' },
        ],
        responses: {
          '200': {
            description: 'One page of shares, newest first.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ShareList' } } },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '429': { $ref: '#/components/responses/TooManyRequests' },
          '503': { $ref: '#/components/responses/Unavailable' },
          default: { $ref: '#/components/responses/Error' },
        },
      },
    },
    '/v1/users/{user_id}/shares/{share_id}': {
      parameters: [
        { $ref: '#/components/parameters/UserId' },
        { $ref: '#/components/parameters/ShareId' },
      ],
      get: {
        operationId: 'getShare',
        summary: 'One share with its access log',
        tags: ['sharing'],
        'x-enclave-service': 'sharing',
        responses: {
          '200': {
            description: 'The share.',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/ShareDetail' } },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': { $ref: '#/components/responses/NotFound' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '429': { $ref: '#/components/responses/TooManyRequests' },
          '503': { $ref: '#/components/responses/Unavailable' },
          default: { $ref: '#/components/responses/Error' },
        },
      },
      patch: {
        operationId: 'updateShare',
        summary: 'Change when a share expires or how many downloads it allows',
        description:
          '`expires_in` counts from now (an expired share can be extended); `max_downloads: null`\nremoves the limit. A revoked share cannot be changed (409).\n',
        tags: ['sharing'],
        'x-enclave-service': 'sharing',
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/UpdateShareRequest' } },
          },
        },
        responses: {
          '200': {
            description: 'The share as it now is.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Share' } } },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': { $ref: '#/components/responses/NotFound' },
          '409': { $ref: '#/components/responses/Conflict' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '429': { $ref: '#/components/responses/TooManyRequests' },
          '503': { $ref: '#/components/responses/Unavailable' },
          default: { $ref: '#/components/responses/Error' },
        },
      },
      delete: {
        operationId: 'revokeShare',
        summary: 'Revoke a share',
        description: 'The link stops working at once. Idempotent.',
        tags: ['sharing'],
        'x-enclave-service': 'sharing',
        responses: {
          '200': {
            description: 'Revoked.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Share' } } },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '404': { $ref: '#/components/responses/NotFound' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '429': { $ref: '#/components/responses/TooManyRequests' },
          '503': { $ref: '#/components/responses/Unavailable' },
          default: { $ref: '#/components/responses/Error' },
        },
      },
    },
    '/v1/shares/{token}': {
      parameters: [{ $ref: '#/components/parameters/ShareToken' }],
      get: {
        operationId: 'getPublicShare',
        summary: 'What a share link points at (public)',
        description:
          '404 for a token that never existed; 410 Gone for one that expired, was revoked, used up its\ndownloads or whose file was deleted. Both take the same time to answer.\n',
        tags: ['sharing'],
        'x-enclave-service': 'sharing',
        security: [],
        responses: {
          '200': {
            description: "The shared file's description.",
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/PublicShare' } },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '404': { $ref: '#/components/responses/NotFound' },
          '410': { $ref: '#/components/responses/Gone' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '429': { $ref: '#/components/responses/TooManyRequests' },
          '503': { $ref: '#/components/responses/Unavailable' },
          default: { $ref: '#/components/responses/Error' },
        },
      },
    },
    '/v1/shares/{token}/download': {
      parameters: [{ $ref: '#/components/parameters/ShareToken' }],
      post: {
        operationId: 'downloadPublicShare',
        summary: 'A fresh, short-lived download link for a share (public)',
        description:
          'Counts one download (atomically: a link with `max_downloads: 3` serves exactly three) and\nanswers a presigned GET valid for at most five minutes. A password-protected share needs\n`password`: missing or wrong answers 401, and too many wrong tries 429 with Retry-After.\n',
        tags: ['sharing'],
        'x-enclave-service': 'sharing',
        security: [],
        requestBody: {
          required: false,
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/PublicDownloadRequest' } },
          },
        },
        responses: {
          '200': {
            description: 'A presigned GET valid for minutes.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/PublicDownloadResponse' },
              },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '404': { $ref: '#/components/responses/NotFound' },
          '410': { $ref: '#/components/responses/Gone' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '429': { $ref: '#/components/responses/TooManyRequests' },
          '503': { $ref: '#/components/responses/Unavailable' },
          default: { $ref: '#/components/responses/Error' },
        },
      },
    },
    '/v1/users/{user_id}/key': {
      parameters: [{ $ref: '#/components/parameters/UserId' }],
      get: {
        operationId: 'getKey',
        summary: "The caller's encryption key status",
        tags: ['keys'],
        'x-enclave-service': 'keys',
        responses: {
          '200': {
            description: 'The key status.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/KeyStatus' } } },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '429': { $ref: '#/components/responses/TooManyRequests' },
          '503': { $ref: '#/components/responses/Unavailable' },
          default: { $ref: '#/components/responses/Error' },
        },
      },
      post: {
        operationId: 'ensureKey',
        summary: "Make sure the caller's key exists (idempotent)",
        description:
          "In `per_user` mode creates the user's KMS key exactly once, under a DynamoDB lock (the\nfirst upload does the same). Other modes have no key of the user's own: 409. A shredded\nkey is not made again: 409.\n",
        tags: ['keys'],
        'x-enclave-service': 'keys',
        responses: {
          '200': {
            description: 'The key exists.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/KeyStatus' } } },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '409': { $ref: '#/components/responses/Conflict' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '429': { $ref: '#/components/responses/TooManyRequests' },
          '503': { $ref: '#/components/responses/Unavailable' },
          default: { $ref: '#/components/responses/Error' },
        },
      },
      delete: {
        operationId: 'shredKey',
        summary: "Crypto-shred the caller's files",
        description:
          "`per_user` mode only (else 409). Disables the user's key and schedules its deletion with\nKMS's minimum waiting period (7 days); every file of the user is then removed (rows\n`DELETED`, objects gone, quota released, shares revoked). A call cut short resumes on the\nnext; once shredded, repeating it answers 200 with `files_removed: 0`. A user with no\nkey yet has nothing to shred: 409.\n",
        tags: ['keys'],
        'x-enclave-service': 'keys',
        responses: {
          '200': {
            description: 'Shredded.',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/ShredResponse' } },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '409': { $ref: '#/components/responses/Conflict' },
          '413': { $ref: '#/components/responses/PayloadTooLarge' },
          '415': { $ref: '#/components/responses/UnsupportedMediaType' },
          '429': { $ref: '#/components/responses/TooManyRequests' },
          '503': { $ref: '#/components/responses/Unavailable' },
          default: { $ref: '#/components/responses/Error' },
        },
      },
    },
  },
  components: {
    securitySchemes: {
      bearerAuth: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'The ID token from the auth service (`POST /v1/mfa-verify` there).',
      },
    },
    parameters: {
      UserId: {
        name: 'user_id',
        in: 'path',
        required: true,
        description: "The caller's id as the auth service reports it (`user_id`, a Cognito `sub`).",
        schema: { $ref: '#/components/schemas/UserId' },
      },
      FileId: {
        name: 'file_id',
        in: 'path',
        required: true,
        schema: { $ref: '#/components/schemas/FileId' },
      },
      ShareId: {
        name: 'share_id',
        in: 'path',
        required: true,
        schema: { $ref: '#/components/schemas/ShareId' },
      },
      ShareToken: {
        name: 'token',
        in: 'path',
        required: true,
        description: 'The secret part of a share link. Only its SHA-256 is stored.',
        'x-secret': true,
        schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{32,128}$' },
      },
      Limit: {
        name: 'limit',
        in: 'query',
        required: false,
        description: 'Page size.',
        schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
      },
      Cursor: {
        name: 'cursor',
        in: 'query',
        required: false,
        description: '`next_cursor` of the previous page.',
        schema: { type: 'string', minLength: 1, maxLength: 1024, pattern: '^[A-Za-z0-9_-]+$' },
      },
    },
    responses: {
      BadRequest: {
        description: 'The request is malformed; `errors` names each bad field.',
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        },
      },
      Unauthorized: {
        description: 'No valid bearer token.',
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        },
      },
      Forbidden: {
        description: 'The caller may not touch this resource.',
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        },
      },
      NotFound: {
        description: 'No such resource (for this caller).',
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        },
      },
      Conflict: {
        description: 'The resource is not in a state that allows this.',
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        },
      },
      Gone: {
        description: 'The share has expired, been revoked or used up.',
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        },
      },
      PayloadTooLarge: {
        description:
          "The declared size is over the per-file limit or the caller's storage quota, or the request body is over the body limit (2 MiB, for any operation).",
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        },
      },
      TooManyRequests: {
        description: 'Too many attempts; retry later.',
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        },
      },
      UnsupportedMediaType: {
        description:
          'The request carries a body that is not `application/json` (or one in an encoding other than gzip, deflate or br).',
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        },
      },
      NotImplemented: {
        description: 'The storage behind this deployment cannot do this.',
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        },
      },
      Unavailable: {
        description:
          'A dependency (auth service, S3, DynamoDB, KMS, SES) is unavailable; retry later.',
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        },
      },
      Error: {
        description: 'Any other error, as problem details.',
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        },
      },
    },
    schemas: {
      Problem: {
        type: 'object',
        description: 'RFC 9457 problem details.',
        required: ['type', 'title', 'status', 'detail'],
        properties: {
          type: {
            type: 'string',
            description: 'A URI naming the kind of problem, e.g. `urn:enclave:problem:validation`.',
          },
          title: { type: 'string' },
          status: { type: 'integer', minimum: 400, maximum: 599 },
          detail: { type: 'string' },
          instance: { type: 'string' },
          errors: {
            type: 'array',
            items: {
              type: 'object',
              required: ['field', 'message'],
              properties: {
                field: {
                  type: 'string',
                  description: 'Where, e.g. `body.file_name` or `path.file_id`.',
                },
                message: { type: 'string' },
              },
            },
          },
          checks: {
            type: 'array',
            description:
              '`GET /health?deep=1` only: each dependency checked, the failed ones included.',
            items: { $ref: '#/components/schemas/DependencyCheck' },
          },
        },
      },
      Health: {
        type: 'object',
        required: ['status', 'service'],
        properties: {
          status: { type: 'string', enum: ['ok'] },
          service: { type: 'string' },
          checks: {
            type: 'array',
            description: 'With `deep=1`, each dependency checked and how long it took.',
            items: { $ref: '#/components/schemas/DependencyCheck' },
          },
        },
      },
      DependencyCheck: {
        type: 'object',
        required: ['dependency', 'status', 'latency_ms'],
        properties: {
          dependency: { type: 'string', enum: ['s3', 'dynamodb', 'kms', 'ses', 'auth'] },
          status: { type: 'string', enum: ['ok', 'unavailable'] },
          latency_ms: { type: 'number', minimum: 0 },
        },
      },
      UserId: {
        type: 'string',
        minLength: 1,
        maxLength: 128,
        pattern: '^[A-Za-z0-9][A-Za-z0-9._:@+|-]*$',
      },
      FileId: {
        type: 'string',
        description: 'A UUIDv7, so ids sort by creation time.',
        pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$',
      },
      ShareId: {
        type: 'string',
        pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$',
      },
      FileName: {
        type: 'string',
        description:
          'The name the file is saved under, shown to people and sent back in Content-Disposition.\nIt is metadata only (objects are keyed by file id), but it must read as what it is: at most\n1024 bytes of UTF-8; well-formed Unicode (no lone UTF-16 surrogates); no control\ncharacters (C0 such as NUL, TAB, CR, LF; DEL; C1 U+0080–U+009F) or line/paragraph\nseparators (U+2028, U+2029); no bidirectional controls (U+061C, U+200E, U+200F,\nU+202A–U+202E, U+2066–U+2069), which can make `invoice` + U+202E + `fdp.exe`\ndisplay as `invoiceexe.pdf`; no `/` or `\\`, which downloads would turn into paths;\nnot `.` or `..`. Each rule is its own pattern (ECMAScript regular expressions with the\n`u` flag, as JSON Schema specifies), so a refusal names the rule broken.\n',
        minLength: 1,
        maxLength: 1024,
        'x-max-utf8-bytes': 1024,
        allOf: [
          {
            pattern: '^\\P{Cs}*$',
            'x-pattern-message':
              'must be well-formed Unicode (it contains a lone UTF-16 surrogate)',
          },
          {
            pattern: '^[^\\p{Cc}\\u2028\\u2029]*$',
            'x-pattern-message':
              'must not contain control characters or line breaks (e.g. NUL, TAB, CR, LF, DEL, U+0080–U+009F, U+2028)',
          },
          {
            pattern: '^\\P{Bidi_Control}*$',
            'x-pattern-message':
              'must not contain bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069)',
          },
          { pattern: '^[^/\\\\]*$', 'x-pattern-message': "must not contain '/' or '\\'" },
          { pattern: '^(?!\\.{1,2}$)', 'x-pattern-message': "must not be '.' or '..'" },
        ],
      },
      ContentType: {
        type: 'string',
        description:
          'A media type as RFC 9110 §8.3.1 defines it: `type/subtype` of token characters, then any\n`; name=value` parameters whose value is a token or a quoted string of printable ASCII\n(no leading or trailing spaces, no control characters, nothing outside ASCII). The upload\nURL is bound to it and downloads are served with it.\n',
        minLength: 3,
        maxLength: 255,
        format: 'media-type',
        'x-format-message':
          'must be a media type (RFC 9110) such as `text/plain`, `application/pdf` or `text/plain; charset=utf-8`, in printable ASCII',
      },
      Sha256Hex: {
        type: 'string',
        description: 'A SHA-256 digest as 64 hexadecimal characters.',
        pattern: '^[0-9a-fA-F]{64}$',
        'x-pattern-message': 'must be 64 hexadecimal characters (a SHA-256 digest)',
      },
      FileStatus: { type: 'string', enum: ['UPLOADING', 'READY', 'DELETED'] },
      Timestamp: { type: 'string', format: 'date-time' },
      CreateFileRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['file_name', 'size'],
        properties: {
          file_name: { $ref: '#/components/schemas/FileName' },
          content_type: {
            allOf: [{ $ref: '#/components/schemas/ContentType' }],
            default: 'application/octet-stream',
          },
          size: {
            type: 'integer',
            description:
              "Exact size in bytes. Up to 5 TiB (S3's object limit); deployments may set a lower cap.",
            minimum: 0,
            maximum: 5497558138880,
          },
          sha256: {
            allOf: [{ $ref: '#/components/schemas/Sha256Hex' }],
            description:
              'Single-PUT uploads; when given, S3 verifies the uploaded bytes against it.',
          },
          checksum_algorithm: {
            type: 'string',
            enum: ['SHA256'],
            description:
              'Multipart uploads: every part carries its own SHA-256, given when its URL is requested\n(`POST …/parts`, `sha256`) and again on `complete`; S3 then refuses a corrupted part.\n',
          },
        },
      },
      CreateFileResponse: {
        type: 'object',
        required: [
          'file_id',
          'file_name',
          'content_type',
          'size',
          'status',
          'upload_headers',
          'expires_at',
        ],
        properties: {
          file_id: { $ref: '#/components/schemas/FileId' },
          file_name: { type: 'string' },
          content_type: { type: 'string' },
          size: { type: 'integer' },
          status: { type: 'string', enum: ['UPLOADING'] },
          upload_url: {
            type: 'string',
            format: 'uri',
            description:
              "Single-PUT uploads only. PUT the bytes here with `upload_headers`; it is bound to this file's key, content type and size, and creates the object only (a PUT once the bytes are stored answers 412). Bytes PUT after the file was deleted are removed within seconds.",
          },
          upload_method: { type: 'string', enum: ['PUT'] },
          upload_headers: {
            type: 'object',
            description:
              'Headers the upload request must carry exactly: `Content-Type`, `If-None-Match: *`, and\n`x-amz-checksum-sha256` when a checksum was given.\n',
            additionalProperties: { type: 'string' },
          },
          expires_at: {
            allOf: [{ $ref: '#/components/schemas/Timestamp' }],
            description:
              'When `upload_url` stops working (multipart part URLs carry their own expiry).',
          },
          multipart: { $ref: '#/components/schemas/MultipartPlan' },
        },
      },
      MultipartPlan: {
        type: 'object',
        description: 'Present instead of `upload_url` for files above the multipart threshold.',
        required: ['part_size', 'part_count'],
        properties: {
          part_size: { type: 'integer', description: 'Bytes in every part but the last.' },
          part_count: { type: 'integer', minimum: 1, maximum: 10000 },
          checksum_algorithm: {
            type: 'string',
            enum: ['SHA256'],
            description: 'Present when every part must carry its SHA-256.',
          },
        },
      },
      PresignPartsRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['part_numbers'],
        properties: {
          part_numbers: {
            type: 'array',
            minItems: 1,
            maxItems: 100,
            uniqueItems: true,
            items: { type: 'integer', minimum: 1, maximum: 10000 },
          },
          sha256: {
            type: 'object',
            description:
              'Per-part SHA-256 (hex), keyed by part number; required for every part when the upload was created with `checksum_algorithm`.',
            propertyNames: { pattern: '^[1-9][0-9]{0,4}$' },
            additionalProperties: { $ref: '#/components/schemas/Sha256Hex' },
          },
        },
      },
      PresignPartsResponse: {
        type: 'object',
        required: ['file_id', 'parts'],
        properties: {
          file_id: { $ref: '#/components/schemas/FileId' },
          parts: {
            type: 'array',
            items: {
              type: 'object',
              required: ['part_number', 'url', 'headers', 'expires_at'],
              properties: {
                part_number: { type: 'integer' },
                url: { type: 'string', format: 'uri' },
                headers: { type: 'object', additionalProperties: { type: 'string' } },
                expires_at: { $ref: '#/components/schemas/Timestamp' },
              },
            },
          },
        },
      },
      UploadedParts: {
        type: 'object',
        required: ['file_id', 'part_size', 'part_count', 'parts'],
        properties: {
          file_id: { $ref: '#/components/schemas/FileId' },
          part_size: { type: 'integer' },
          part_count: { type: 'integer' },
          parts: {
            type: 'array',
            items: {
              type: 'object',
              required: ['part_number', 'etag', 'size'],
              properties: {
                part_number: { type: 'integer' },
                etag: { type: 'string' },
                size: { type: 'integer' },
                sha256: { $ref: '#/components/schemas/Sha256Hex' },
              },
            },
          },
        },
      },
      CompleteFileRequest: {
        type: 'object',
        additionalProperties: false,
        properties: {
          parts: {
            type: 'array',
            description:
              "Multipart only; the parts' ETags as S3 returned them. Omitted, the service asks S3.",
            minItems: 1,
            maxItems: 10000,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['part_number', 'etag'],
              properties: {
                part_number: { type: 'integer', minimum: 1, maximum: 10000 },
                etag: { type: 'string', minLength: 1, maxLength: 128 },
                sha256: {
                  allOf: [{ $ref: '#/components/schemas/Sha256Hex' }],
                  description: 'Required when the upload was created with `checksum_algorithm`.',
                },
              },
            },
          },
        },
      },
      CompleteFileResponse: {
        type: 'object',
        required: ['file_id', 'file_name', 'size', 'status'],
        properties: {
          file_id: { $ref: '#/components/schemas/FileId' },
          file_name: { type: 'string' },
          size: { type: 'integer' },
          status: { type: 'string', enum: ['READY'] },
        },
      },
      FileSummary: {
        type: 'object',
        required: ['file_id', 'file_name', 'content_type', 'size', 'uploaded_at', 'status'],
        properties: {
          file_id: { $ref: '#/components/schemas/FileId' },
          file_name: { type: 'string' },
          content_type: { type: 'string' },
          size: { type: 'integer' },
          uploaded_at: {
            allOf: [{ $ref: '#/components/schemas/Timestamp' }],
            description: 'When the upload completed (while `UPLOADING`, when it started).',
          },
          status: { $ref: '#/components/schemas/FileStatus' },
          sha256: { $ref: '#/components/schemas/Sha256Hex' },
          encryption: { $ref: '#/components/schemas/FileEncryption' },
        },
      },
      FileEncryption: {
        type: 'object',
        description: 'How S3 encrypts the file at rest, fixed when its upload was signed.',
        required: ['kms_mode'],
        properties: {
          kms_mode: { $ref: '#/components/schemas/KmsMode' },
          key_id: {
            type: 'string',
            description: 'The KMS key (ARN) for `shared` and `per_user`; absent for `s3` (SSE-S3).',
          },
        },
      },
      FileList: {
        type: 'object',
        required: ['user_id', 'user_files', 'next_cursor'],
        properties: {
          user_id: { $ref: '#/components/schemas/UserId' },
          user_files: { type: 'array', items: { $ref: '#/components/schemas/FileSummary' } },
          next_cursor: {
            type: ['string', 'null'],
            description: 'Pass as `cursor` for the next page; `null` on the last page.',
          },
        },
      },
      DownloadResponse: {
        type: 'object',
        required: ['file_id', 'file_name', 'download_url', 'expires_at'],
        properties: {
          file_id: { $ref: '#/components/schemas/FileId' },
          file_name: { type: 'string' },
          download_url: { type: 'string', format: 'uri' },
          expires_at: { $ref: '#/components/schemas/Timestamp' },
        },
      },
      DeleteFileResponse: {
        type: 'object',
        required: ['file_id', 'file_name', 'file_status'],
        properties: {
          file_id: { $ref: '#/components/schemas/FileId' },
          file_name: { type: 'string' },
          file_status: { type: 'string', enum: ['DELETED'] },
        },
      },
      ExpiresIn: {
        type: 'integer',
        description:
          "Seconds until the share stops working: one hour by default, at most the deployment's\n`SHARE_MAX_EXPIRES_SECONDS` (30 days unless configured; never more than a year).\n",
        minimum: 60,
        maximum: 31536000,
      },
      EmailAddress: {
        type: 'string',
        description:
          'One mailbox, `local@domain`: printable ASCII without spaces, quotes, angle brackets,\ncommas, semicolons or line breaks (so it can never add a header or a second recipient).\n',
        minLength: 3,
        maxLength: 254,
        format: 'email',
        'x-format-message': '{value} is not a valid e-mail address',
      },
      ShareByEmailRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['share_with'],
        properties: {
          share_with: {
            type: 'array',
            minItems: 1,
            maxItems: 20,
            uniqueItems: true,
            items: { $ref: '#/components/schemas/EmailAddress' },
          },
          expires_in: { $ref: '#/components/schemas/ExpiresIn' },
          message: {
            type: 'string',
            description:
              'A note for the recipients, sent as plain text (escaped in the HTML part).',
            maxLength: 2000,
            pattern: '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$',
            'x-pattern-message':
              'must not contain control characters other than line breaks and tabs',
          },
        },
      },
      ShareState: { type: 'string', enum: ['ACTIVE', 'EXPIRED', 'REVOKED', 'EXHAUSTED'] },
      Share: {
        type: 'object',
        required: [
          'share_id',
          'file_id',
          'file_name',
          'kind',
          'created_at',
          'expires_at',
          'downloads',
          'state',
        ],
        properties: {
          share_id: { $ref: '#/components/schemas/ShareId' },
          file_id: { $ref: '#/components/schemas/FileId' },
          file_name: { type: 'string' },
          kind: { type: 'string', enum: ['EMAIL', 'LINK'] },
          recipient: { type: 'string', description: 'E-mail shares: who received it.' },
          created_at: { $ref: '#/components/schemas/Timestamp' },
          expires_at: { $ref: '#/components/schemas/Timestamp' },
          max_downloads: { type: 'integer' },
          downloads: { type: 'integer' },
          password_protected: { type: 'boolean' },
          last_access_at: { $ref: '#/components/schemas/Timestamp' },
          revoked_at: { $ref: '#/components/schemas/Timestamp' },
          revoked_because: {
            type: 'string',
            enum: ['OWNER', 'FILE_DELETED'],
            description: "Who ended a revoked share (the owner, or the file's deletion).",
          },
          state: { $ref: '#/components/schemas/ShareState' },
        },
      },
      ShareByEmailResponse: {
        type: 'object',
        required: ['file_id', 'file_name', 'status', 'shares'],
        properties: {
          file_id: { $ref: '#/components/schemas/FileId' },
          file_name: { type: 'string' },
          status: { type: 'string', enum: ['SHARED'] },
          shares: { type: 'array', items: { $ref: '#/components/schemas/Share' } },
        },
      },
      CreateShareLinkRequest: {
        type: 'object',
        additionalProperties: false,
        properties: {
          expires_in: { $ref: '#/components/schemas/ExpiresIn' },
          max_downloads: { $ref: '#/components/schemas/MaxDownloads' },
          password: { type: 'string', minLength: 8, maxLength: 256 },
        },
      },
      MaxDownloads: { type: 'integer', minimum: 1, maximum: 100000 },
      UpdateShareRequest: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        properties: {
          expires_in: { $ref: '#/components/schemas/ExpiresIn' },
          max_downloads: {
            oneOf: [{ $ref: '#/components/schemas/MaxDownloads' }, { type: 'null' }],
          },
        },
      },
      ShareLinkResponse: {
        type: 'object',
        required: ['share_id', 'file_id', 'url', 'token', 'expires_at', 'password_protected'],
        properties: {
          share_id: { $ref: '#/components/schemas/ShareId' },
          file_id: { $ref: '#/components/schemas/FileId' },
          url: {
            type: 'string',
            format: 'uri',
            description:
              "The public share page, `…/s/{token}`. Shown once; only the token's SHA-256 is stored.",
          },
          token: { type: 'string', description: 'The secret part of `url`.' },
          expires_at: { $ref: '#/components/schemas/Timestamp' },
          max_downloads: { $ref: '#/components/schemas/MaxDownloads' },
          password_protected: { type: 'boolean' },
        },
      },
      ShareList: {
        type: 'object',
        required: ['user_id', 'shares', 'next_cursor'],
        properties: {
          user_id: { $ref: '#/components/schemas/UserId' },
          shares: { type: 'array', items: { $ref: '#/components/schemas/Share' } },
          next_cursor: { type: ['string', 'null'] },
        },
      },
      ShareDetail: {
        allOf: [
          { $ref: '#/components/schemas/Share' },
          {
            type: 'object',
            required: ['access_log'],
            properties: {
              access_log: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['at', 'outcome'],
                  properties: {
                    at: { $ref: '#/components/schemas/Timestamp' },
                    outcome: {
                      type: 'string',
                      enum: ['VIEWED', 'DOWNLOADED', 'WRONG_PASSWORD', 'REFUSED'],
                    },
                    ip: { type: 'string' },
                    user_agent: { type: 'string' },
                  },
                },
              },
            },
          },
        ],
      },
      PublicShare: {
        type: 'object',
        required: ['file_name', 'size', 'content_type', 'expires_at', 'password_required'],
        properties: {
          file_name: { type: 'string' },
          size: { type: 'integer' },
          content_type: { type: 'string' },
          expires_at: { $ref: '#/components/schemas/Timestamp' },
          password_required: { type: 'boolean' },
          downloads_left: { type: ['integer', 'null'] },
          shared_by: {
            type: ['string', 'null'],
            description: "The owner's name, when the auth service knows it.",
          },
          message: { type: 'string' },
        },
      },
      PublicDownloadRequest: {
        type: 'object',
        additionalProperties: false,
        properties: {
          password: { type: 'string', maxLength: 256 },
          disposition: {
            type: 'string',
            enum: ['attachment', 'inline'],
            default: 'attachment',
            description:
              '`inline` opens the file in the browser when its type is safe to show there.',
          },
        },
      },
      PublicDownloadResponse: {
        type: 'object',
        required: ['file_name', 'download_url', 'expires_at'],
        properties: {
          file_name: { type: 'string' },
          download_url: { type: 'string', format: 'uri' },
          expires_at: { $ref: '#/components/schemas/Timestamp' },
        },
      },
      KmsMode: {
        type: 'string',
        enum: ['s3', 'shared', 'per_user'],
        description:
          "How files are encrypted at rest: `s3` (SSE-S3, AES-256, keys S3 holds), `shared` (SSE-KMS\nwith one customer-managed key), `per_user` (SSE-KMS with a key of the user's own).\n",
      },
      KeyStatus: {
        type: 'object',
        required: ['kms_mode', 'state'],
        properties: {
          kms_mode: { $ref: '#/components/schemas/KmsMode' },
          state: {
            type: 'string',
            enum: ['NONE', 'CREATING', 'READY', 'SHREDDING', 'SHREDDED'],
            description:
              "`NONE`: no key of the user's own (always in `s3` mode; before the first upload in\n`per_user`). `shared` mode answers `READY` with the shared key. `SHREDDING`: a\ncrypto-shred started and has files left to remove (repeat `DELETE` to finish it).\n",
          },
          key_id: { type: 'string', description: 'The KMS key ARN.' },
          created_at: { $ref: '#/components/schemas/Timestamp' },
          deletion_date: {
            allOf: [{ $ref: '#/components/schemas/Timestamp' }],
            description: 'When KMS destroys the shredded key for good.',
          },
        },
      },
      ShredResponse: {
        type: 'object',
        required: ['kms_mode', 'state', 'key_id', 'deletion_date', 'files_removed'],
        properties: {
          kms_mode: { $ref: '#/components/schemas/KmsMode' },
          state: { type: 'string', enum: ['SHREDDED'] },
          key_id: { type: 'string' },
          deletion_date: {
            allOf: [{ $ref: '#/components/schemas/Timestamp' }],
            description:
              'When KMS destroys the key for good (after the minimum 7-day waiting period); from then no copy of the files can be decrypted.',
          },
          files_removed: {
            type: 'integer',
            description: 'Files this call removed; 0 when the key was already shredded.',
          },
        },
      },
    },
  },
} as const;
