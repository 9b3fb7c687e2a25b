import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { verifyPresignedV4 } from './verify-presigned';

const secretFor = (id: string): string | undefined => (id === 'S3RVER' ? 'S3RVER' : undefined);
const signer = new SignatureV4({
  service: 's3',
  region: 'us-east-1',
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  sha256: Sha256,
  uriEscapePath: false,
});

const target = (request: { path: string; query?: Record<string, unknown> }): string =>
  `${request.path}?${Object.entries(request.query ?? {})
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&')}`;

describe('verifyPresignedV4', () => {
  // The shape boto3 and the AWS CLI produce: UNSIGNED-PAYLOAD without an X-Amz-Content-Sha256 parameter.
  it('accepts a URL presigned without X-Amz-Content-Sha256 in the query', async () => {
    const presigned = await signer.presign(
      new HttpRequest({
        method: 'GET',
        protocol: 'http:',
        path: '/bucket/a%20b.txt',
        headers: { host: '127.0.0.1:4568', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      }),
      {
        expiresIn: 60,
        unsignableHeaders: new Set(['x-amz-content-sha256']),
        unhoistableHeaders: new Set(['x-amz-content-sha256']),
      },
    );
    const url = target(presigned);
    expect(url).not.toContain('Content-Sha256');
    const headers = { host: '127.0.0.1:4568' };
    await expect(
      verifyPresignedV4({ method: 'GET', url, headers }, secretFor),
    ).resolves.toBeUndefined();
    await expect(
      verifyPresignedV4({ method: 'DELETE', url, headers }, secretFor),
    ).resolves.toMatchObject({
      code: 'SignatureDoesNotMatch',
    });
  });

  it('names an unknown access key and malformed parameters', async () => {
    const base =
      '/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20260101T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=00';
    const headers = { host: 'h' };
    await expect(
      verifyPresignedV4(
        {
          method: 'GET',
          url: `${base}&X-Amz-Credential=NOPE/20260101/us-east-1/s3/aws4_request`,
          headers,
        },
        secretFor,
      ),
    ).resolves.toMatchObject({ status: 403, code: 'InvalidAccessKeyId' });
    await expect(
      verifyPresignedV4({ method: 'GET', url: base, headers }, secretFor),
    ).resolves.toMatchObject({
      status: 400,
      code: 'AuthorizationQueryParametersError',
    });
  });
});
