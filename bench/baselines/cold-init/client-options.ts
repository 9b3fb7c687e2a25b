// What every cold-init baseline's AWS SDK clients are built with: the region and the static
// credentials the benchmark sets, as a service's config hands them to its clients.
const region = process.env['AWS_REGION'] ?? 'us-east-1';
const accessKeyId = process.env['AWS_ACCESS_KEY_ID'];
const secretAccessKey = process.env['AWS_SECRET_ACCESS_KEY'];

export const clientOptions = {
  region,
  credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
};

/** The S3 options the services use (no checksum on presigned URLs), so S3 costs what it costs them. */
export const s3Options = {
  ...clientOptions,
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
} as const;
