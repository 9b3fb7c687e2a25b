import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { freePort, localDynamoClient, localS3Client } from '@enclave/local-stack';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevstack } from './devstack';
import { readSettings } from './settings';

describe('startDevstack (no service bundles built)', () => {
  let root: string;
  const lines: string[] = [];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'enclave-devstack-spec-'));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** Every port moved off its default, as a newcomer whose 3000 is taken would do. */
  async function movedPorts(): Promise<Record<string, string>> {
    const env: Record<string, string> = {};
    for (const name of [
      'GATEWAY',
      'AUTH',
      'S3',
      'DYNAMODB',
      'SES',
      'UPLOADS',
      'SHARING',
      'KEYS',
      'KMS',
      'PORTAL',
    ]) {
      env[`ENCLAVE_${name}_PORT`] = String(await freePort());
    }
    return env;
  }

  it('starts the stand-ins and the gateway with the share page, provisions both tables idempotently, stops, and keeps data', async () => {
    const settings = readSettings(await movedPorts(), root);

    const first = await startDevstack(settings, (line) => lines.push(line));
    try {
      expect(lines).toContain(
        'skipping uploads: dist/apps/uploads-api/main.js is not built (nx run uploads-api:build)',
      );
      expect(lines).toContain(
        'skipping sharing: dist/apps/sharing-api/main.js is not built (nx run sharing-api:build)',
      );
      expect(first.banner).toMatch(
        new RegExp(`mailbox viewer +http://127\\.0\\.0\\.1:${settings.ses.port}/`),
      );
      // The portal's row comes first: a newcomer's first click.
      expect(first.banner.split('\n')[3]).toMatch(/^ {2}portal +- +\(not built/);
      for (const port of [
        settings.gateway,
        settings.auth,
        settings.s3,
        settings.dynamodb,
        settings.ses,
      ]) {
        expect(first.banner).toContain(`http://127.0.0.1:${port.port}`);
      }
      const gateway = `http://127.0.0.1:${settings.gateway.port}`;
      const unavailable = await fetch(`${gateway}/v1/users/u1/files`);
      expect(unavailable.status).toBe(503);
      expect(await unavailable.json()).toMatchObject({
        status: 503,
        detail: 'The uploads service is not running.',
      });
      const token = 'A'.repeat(43);
      const sharing = await fetch(`${gateway}/v1/shares/${token}`);
      expect(sharing.status).toBe(503);
      expect(await sharing.json()).toMatchObject({
        detail: 'The sharing service is not running.',
      });
      // Share links point at the gateway (SHARE_LINK_BASE), which serves their page.
      const page = await fetch(`${gateway}/s/${token}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    } finally {
      await first.stop();
    }
    await expect(fetch(`http://127.0.0.1:${settings.gateway.port}/health`)).rejects.toThrow();

    // Second start on the same data: provisioning finds bucket and table and leaves them.
    const second = await startDevstack(settings, (line) => lines.push(line));
    const s3 = localS3Client(`http://127.0.0.1:${settings.s3.port}`);
    const dynamo = localDynamoClient(`http://127.0.0.1:${settings.dynamodb.port}`);
    try {
      await expect(
        s3.send(new HeadBucketCommand({ Bucket: settings.bucket })),
      ).resolves.toBeDefined();
      const { Table } = await dynamo.send(
        new DescribeTableCommand({ TableName: settings.filesTable }),
      );
      expect(Table?.TableStatus).toBe('ACTIVE');
      const { Table: shares } = await dynamo.send(
        new DescribeTableCommand({ TableName: settings.sharesTable }),
      );
      expect(shares?.TableStatus).toBe('ACTIVE');
      expect(shares?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual([
        'shares_by_file',
        'shares_by_owner',
      ]);
    } finally {
      s3.destroy();
      dynamo.destroy();
      await second.stop();
    }
  });

  it('points a portal built for the usual ports at the ports it was given, and answers its origin', async () => {
    const site = await mkdtemp(join(tmpdir(), 'enclave-devstack-portal-'));
    try {
      await mkdir(join(site, 'dist/apps/web/browser'), { recursive: true });
      await writeFile(
        join(site, 'dist/apps/web/browser/index.html'),
        '<!doctype html><head><title>portal</title></head>',
      );
      const settings = readSettings({ ...(await movedPorts()), ENCLAVE_DATA_DIR: root }, site);
      const stack = await startDevstack(settings, () => undefined);
      try {
        const portal = `http://127.0.0.1:${settings.portal.port.port}`;
        const html = await (await fetch(`${portal}/files`)).text();
        expect(html).toContain(
          `<meta name="enclave-auth-url" content="http://127.0.0.1:${settings.auth.port}">`,
        );
        expect(html).toContain(
          `<meta name="enclave-file-url" content="http://127.0.0.1:${settings.gateway.port}">`,
        );
        // The browser calls the API from the portal's origin, on its moved port.
        const preflight = await fetch(
          `http://127.0.0.1:${settings.gateway.port}/v1/users/u1/files`,
          {
            method: 'OPTIONS',
            headers: { origin: portal, 'access-control-request-method': 'GET' },
          },
        );
        expect(preflight.headers.get('access-control-allow-origin')).toBe(portal);
      } finally {
        await stack.stop();
      }
    } finally {
      await rm(site, { recursive: true, force: true });
    }
  });
});
