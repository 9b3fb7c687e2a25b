import { createEnclaveClient, type EnclaveClient } from '@enclave/api-contract';
import { sha256Hex, type TestUser } from '@enclave/testing';
import { BlobByteSource, createFilesApi, type FilesApi, Upload } from '@enclave/upload-client';
import { type KnownFile, UserLedger } from './ledger';
import { randomFile } from './random-file';
import type { LoadSettings } from './settings';

export interface SessionOptions {
  apiBase: string;
  user: TestUser;
  /** Every request goes through it (API and S3 alike), so each one is timed and counted. */
  fetch: typeof fetch;
  /** Date.now() after which the user starts no new step. */
  deadline: number;
  settings: LoadSettings;
}

type Step = 'upload' | 'list' | 'download' | 'share' | 'delete';

/** How often each step is picked, when it can run: a mix weighted towards transfers. */
const WEIGHTS: readonly (readonly [Step, number])[] = [
  ['upload', 3],
  ['list', 2],
  ['download', 3],
  ['share', 1],
  ['delete', 1],
];

function why(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One simulated user: picks a step at random, runs it, and repeats until the deadline. */
export async function runUserSession(options: SessionOptions): Promise<UserLedger> {
  const session = new UserSession(options);
  while (Date.now() < options.deadline) await session.runOneStep();
  return session.ledger;
}

class UserSession {
  readonly ledger = new UserLedger();
  private readonly files: FilesApi;
  private readonly owner: EnclaveClient;
  /** The recipient's side of a share: no bearer token, as whoever holds a link calls it. */
  private readonly anonymous: EnclaveClient;
  private uploadsMade = 0;

  constructor(private readonly options: SessionOptions) {
    const { apiBase, user, fetch } = options;
    const owner = createEnclaveClient({ baseUrl: apiBase, token: () => user.idToken, fetch });
    this.owner = owner;
    this.files = createFilesApi(owner, user.user_id);
    this.anonymous = createEnclaveClient({ baseUrl: apiBase, fetch });
  }

  async runOneStep(): Promise<void> {
    const step = this.pickStep();
    try {
      await this[step]();
    } catch (error) {
      this.ledger.failures.push(`${step}: ${why(error)}`);
    }
  }

  private pickStep(): Step {
    // Uploads until there is something to work on; deletes leave a few files to download.
    const ready = this.ledger.ready.size;
    const possible = WEIGHTS.filter(([step]) =>
      step === 'upload' || step === 'list' ? true : step === 'delete' ? ready > 3 : ready > 0,
    );
    if (ready === 0) return 'upload';
    const total = possible.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = Math.random() * total;
    for (const [step, weight] of possible) {
      roll -= weight;
      if (roll < 0) return step;
    }
    return 'upload';
  }

  private async upload(): Promise<void> {
    const bytes = randomFile(this.options.settings);
    const multipart = bytes.length > this.options.settings.multipartThresholdBytes;
    const name = `load-${++this.uploadsMade}.bin`;
    const upload = new Upload({
      api: this.files,
      source: new BlobByteSource(new Blob([bytes]), name),
      contentType: 'application/octet-stream',
      fetch: this.options.fetch,
      // A few retries, quickly: every answer (retried or not) is still counted by the fetch.
      retry: { retries: 2, baseDelayMs: 100 },
    });
    const result = await upload.start();
    if (result.status !== 'READY')
      throw new Error(`${result.file_id} completed as ${result.status}`);
    if (result.size !== bytes.length)
      throw new Error(`${result.file_id} completed with size ${result.size}, not ${bytes.length}`);
    this.ledger.ready.set(result.file_id, {
      fileId: result.file_id,
      size: bytes.length,
      sha256: sha256Hex(bytes),
      multipart,
    });
    this.ledger.uploads[multipart ? 'multipart' : 'single']++;
  }

  private async list(): Promise<void> {
    const page = await this.files.listFiles({ limit: 50 });
    for (const file of page.user_files) {
      if (this.ledger.deleted.has(file.file_id))
        throw new Error(`deleted file ${file.file_id} is listed as ${file.status}`);
    }
  }

  private async download(): Promise<void> {
    const file = this.ledger.anyReady() as KnownFile;
    const { download_url } = await this.files.getDownloadUrl(file.fileId);
    await this.fetchAndCompare(download_url, file, 'download');
  }

  private async share(): Promise<void> {
    const file = this.ledger.anyReady() as KnownFile;
    const link = await this.owner.POST('/v1/users/{user_id}/files/{file_id}/links', {
      params: { path: { user_id: this.options.user.user_id, file_id: file.fileId } },
      body: { expires_in: 3600 },
    });
    if (!link.data) throw new Error(`createShareLink answered ${link.response.status}`);
    const path = { token: link.data.token };
    const described = await this.anonymous.GET('/v1/shares/{token}', { params: { path } });
    if (!described.data) throw new Error(`getPublicShare answered ${described.response.status}`);
    if (described.data.size !== file.size)
      throw new Error(
        `share of ${file.fileId} says ${described.data.size} bytes, not ${file.size}`,
      );
    const granted = await this.anonymous.POST('/v1/shares/{token}/download', {
      params: { path },
      body: {},
    });
    if (!granted.data) throw new Error(`downloadPublicShare answered ${granted.response.status}`);
    await this.fetchAndCompare(granted.data.download_url, file, 'share download');
    this.ledger.shares++;
  }

  private async delete(): Promise<void> {
    const file = this.ledger.anyReady() as KnownFile;
    const answer = await this.files.deleteFile(file.fileId);
    if (answer.file_status !== 'DELETED')
      throw new Error(`delete of ${file.fileId} answered ${answer.file_status}`);
    this.ledger.ready.delete(file.fileId);
    this.ledger.deleted.set(file.fileId, file);
  }

  /** GETs a presigned URL and checks the bytes are the ones uploaded (SHA-256). */
  private async fetchAndCompare(url: string, file: KnownFile, what: string): Promise<void> {
    const response = await this.options.fetch(url);
    if (response.status !== 200)
      throw new Error(`${what} of ${file.fileId} answered ${response.status}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    this.ledger.downloads.checked++;
    if (sha256Hex(bytes) !== file.sha256)
      this.ledger.downloads.mismatched.push(
        `${what} of ${file.fileId} (${bytes.length} of ${file.size} bytes)`,
      );
  }
}
