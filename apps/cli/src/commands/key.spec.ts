import type { Schemas } from '@enclave/api-contract';
import { ApiError } from '@enclave/upload-client';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { Session } from '../config/session';
import type { KeysApi } from '../keys/keys-api';
import { ExitCode } from '../output/cli-error';
import { toCliError } from '../output/error-message';
import { CliContext } from './context';
import { key, shredKey } from './key';

const EMAIL = 'ada@example.com';
const KEY_ARN = 'arn:aws:kms:eu-west-1:000000000000:key/7a1b2c3d-0000-4000-8000-000000000001';

/** A typed fake of the key routes that counts the shreds asked for. */
class FakeKeys implements KeysApi {
  shreds = 0;
  constructor(
    private readonly current: Schemas['KeyStatus'],
    private readonly refusal?: string,
  ) {}
  async status(): Promise<Schemas['KeyStatus']> {
    return this.current;
  }
  async shred(): Promise<Schemas['ShredResponse']> {
    this.shreds++;
    if (this.refusal !== undefined)
      throw new ApiError(
        409,
        {
          type: 'urn:enclave:problem:conflict',
          title: 'Conflict',
          status: 409,
          detail: this.refusal,
        },
        'shredKey',
      );
    return {
      kms_mode: 'per_user',
      state: 'SHREDDED',
      key_id: KEY_ARN,
      deletion_date: '2026-12-09T10:00:00.000Z',
      files_removed: 3,
    };
  }
}

const perUserReady: Schemas['KeyStatus'] = {
  kms_mode: 'per_user',
  state: 'READY',
  key_id: KEY_ARN,
  created_at: '2026-11-02T08:30:00.000Z',
};

let dir: string;
let stdout: string;
let stderr: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'enclave-key-'));
  stdout = '';
  stderr = '';
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A context whose key routes are `api`, logged in as EMAIL, with `stdinText` piped in. */
function contextWith(api: KeysApi, options: { json?: boolean; stdinText?: string } = {}) {
  const stdin = new PassThrough();
  stdin.end(options.stdinText ?? '');
  const out = new PassThrough();
  const err = new PassThrough();
  out.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  err.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const context = new CliContext(
    { json: options.json ?? false },
    { stdout: out, stderr: err, stdin, env: { ENCLAVE_CONFIG_DIR: dir } },
    new AbortController().signal,
  );
  const session = new Session(
    {
      email: EMAIL,
      user_id: 'user-1',
      id_token: 'id',
      access_token: 'access',
      refresh_token: 'refresh',
      expires_at: Date.now() + 3_600_000,
    },
    context.credentials,
    context.auth,
  );
  context.keysApi = async () => ({ api, session });
  return context;
}

describe('enclave key', () => {
  it('names a key of your own, its state, id and creation time', async () => {
    await key(contextWith(new FakeKeys(perUserReady)));
    expect(stdout).toBe(
      [
        'Encryption:  one KMS key of your own (per_user)',
        'State:       READY (in use)',
        `Key:         ${KEY_ARN}`,
        'Created:     2026-11-02 08:30:00 UTC',
        '',
      ].join('\n'),
    );
  });

  it('says S3 holds the keys in s3 mode, with no key of your own', async () => {
    await key(contextWith(new FakeKeys({ kms_mode: 's3', state: 'NONE' })));
    expect(stdout).toBe(
      [
        'Encryption:  S3-managed keys (SSE-S3): no key of your own',
        'State:       NONE (no key of your own)',
        '',
      ].join('\n'),
    );
  });

  it('names the shared key in shared mode', async () => {
    await key(contextWith(new FakeKeys({ kms_mode: 'shared', state: 'READY', key_id: KEY_ARN })));
    expect(stdout).toContain('Encryption:  one KMS key shared by every user (shared)\n');
    expect(stdout).toContain(`Key:         ${KEY_ARN}\n`);
  });

  it('says a per_user key is made at the first upload before there is one', async () => {
    await key(contextWith(new FakeKeys({ kms_mode: 'per_user', state: 'NONE' })));
    expect(stdout).toContain('State:       NONE (no key yet: one is made at your first upload)\n');
  });

  it.each([
    ['CREATING', 'State:       CREATING (being created)'],
    [
      'SHREDDING',
      'State:       SHREDDING (unfinished: files are left to remove; run `enclave key shred` again)',
    ],
  ] as const)('describes the %s state', async (state, line) => {
    await key(contextWith(new FakeKeys({ ...perUserReady, state })));
    expect(stdout).toContain(`${line}\n`);
  });

  it('says when KMS destroys a shredded key', async () => {
    const shredded = {
      ...perUserReady,
      state: 'SHREDDED' as const,
      deletion_date: '2026-12-09T10:00:00.000Z',
    };
    await key(contextWith(new FakeKeys(shredded)));
    expect(stdout).toContain('State:       SHREDDED (disabled; your files were removed)\n');
    expect(stdout).toContain(
      'Destroyed:   2026-12-09 10:00:00 UTC (by KMS, after its waiting period)\n',
    );
  });

  it('prints the KeyStatus itself with --json', async () => {
    await key(contextWith(new FakeKeys(perUserReady), { json: true }));
    expect(JSON.parse(stdout)).toEqual(perUserReady);
  });
});

describe('enclave key shred', () => {
  it('shreds once the e-mail is typed exactly, then says what was removed and when', async () => {
    const api = new FakeKeys(perUserReady);
    await shredKey(contextWith(api, { stdinText: `${EMAIL}\n` }), {});
    expect(api.shreds).toBe(1);
    expect(stderr).toContain('every file you have stored is removed');
    expect(stderr).toContain(`Type your e-mail (${EMAIL}) to shred:`);
    expect(stdout).toBe(
      `Shredded: 3 file(s) removed. KMS destroys the key ${KEY_ARN} on 2026-12-09 10:00:00 UTC; ` +
        'from then on no copy of your files can be decrypted.\n',
    );
  });

  it.each(['ada@example.org', ' ada@example.com', 'ADA@example.com', 'shred', ''])(
    'refuses the confirmation %j (exit 1) and sends no DELETE',
    async (typed) => {
      const api = new FakeKeys(perUserReady);
      await expect(
        shredKey(contextWith(api, { stdinText: `${typed}\n` }), {}),
      ).rejects.toMatchObject({
        exitCode: ExitCode.Failure,
        message: `that is not ${EMAIL}: nothing was shredded`,
      });
      expect(api.shreds).toBe(0);
    },
  );

  it('takes the exact e-mail from --confirm without reading standard input', async () => {
    const api = new FakeKeys(perUserReady);
    // Standard input says otherwise: --confirm is the answer.
    await shredKey(contextWith(api, { json: true, stdinText: 'wrong\n' }), { confirm: EMAIL });
    expect(api.shreds).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ state: 'SHREDDED', files_removed: 3 });
  });

  it('refuses a --confirm that is not the e-mail, and sends no DELETE', async () => {
    const api = new FakeKeys(perUserReady);
    await expect(shredKey(contextWith(api), { confirm: 'ada@example.co' })).rejects.toMatchObject({
      exitCode: ExitCode.Failure,
    });
    expect(api.shreds).toBe(0);
  });

  it.each(['s3', 'shared'] as const)(
    "shows the API's 409 explanation as the error in %s mode",
    async (kmsMode) => {
      const refusal = `KMS_MODE is ${kmsMode}: there is no key of your own to shred.`;
      const api = new FakeKeys({ kms_mode: kmsMode, state: 'NONE' }, refusal);
      const error = await shredKey(contextWith(api), {}).catch((e: unknown) => e);
      expect(toCliError(error)).toMatchObject({ message: refusal, exitCode: ExitCode.Failure });
    },
  );
});
