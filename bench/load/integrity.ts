import { createEnclaveClient, type Schemas } from '@enclave/api-contract';
import { objectKey } from '@enclave/storage';
import type { TestUser } from '@enclave/testing';
import { ApiError, createFilesApi, type FilesApi } from '@enclave/upload-client';
import type { UserLedger } from './ledger';

export interface IntegrityInput {
  apiBase: string;
  user: TestUser;
  ledger: UserLedger;
  fetch: typeof fetch;
  /** Every object key the bucket holds under the user's prefix. */
  objectKeys: (prefix: string) => Promise<string[]>;
}

/** Every page of the user's listing, by following next_cursor to the end. */
async function listAll(files: FilesApi): Promise<Map<string, Schemas['FileSummary']>> {
  const listed = new Map<string, Schemas['FileSummary']>();
  let cursor: string | undefined;
  do {
    const page = await files.listFiles({ limit: 100, ...(cursor ? { cursor } : {}) });
    for (const file of page.user_files) {
      if (listed.has(file.file_id)) throw new Error(`${file.file_id} is listed twice`);
      listed.set(file.file_id, file);
    }
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return listed;
}

/** 404 is what a deleted file must answer; anything else is a finding. */
async function getFileStatus(files: FilesApi, fileId: string): Promise<number> {
  try {
    await files.getFile(fileId);
    return 200;
  } catch (error) {
    if (error instanceof ApiError) return error.status;
    throw error;
  }
}

/**
 * What must hold for one user once the load is over and every object event is handled: each
 * file they saw READY is listed as READY with its size and has its object; each file they
 * deleted answers 404, is not listed and has no object; nothing else is listed, and no object is
 * left that no READY file owns; every download matched. Answers the findings (none when all holds).
 */
export async function checkUserIntegrity(input: IntegrityInput): Promise<string[]> {
  const { user, ledger } = input;
  const files = createFilesApi(
    createEnclaveClient({ baseUrl: input.apiBase, token: () => user.idToken, fetch: input.fetch }),
    user.user_id,
  );
  const findings: string[] = [];
  const listed = await listAll(files);
  const objects = new Set(await input.objectKeys(`${user.user_id}/`));
  for (const file of ledger.ready.values()) {
    const row = listed.get(file.fileId);
    if (!row) findings.push(`READY file ${file.fileId} is not listed`);
    else if (row.status !== 'READY' || row.size !== file.size)
      findings.push(`READY file ${file.fileId} is listed as ${row.status}, ${row.size} bytes`);
    if (!objects.has(objectKey(user.user_id, file.fileId)))
      findings.push(`READY file ${file.fileId} has no object`);
  }
  for (const file of ledger.deleted.values()) {
    if (listed.has(file.fileId)) findings.push(`deleted file ${file.fileId} is still listed`);
    const status = await getFileStatus(files, file.fileId);
    if (status !== 404) findings.push(`deleted file ${file.fileId}: getFile answered ${status}`);
    if (objects.has(objectKey(user.user_id, file.fileId)))
      findings.push(`deleted file ${file.fileId} still has its object`);
  }
  for (const [fileId, row] of listed)
    if (!ledger.ready.has(fileId))
      findings.push(`listed file ${fileId} (${row.status}) is unknown`);
  const owned = new Set([...ledger.ready.keys()].map((id) => objectKey(user.user_id, id)));
  for (const key of objects) if (!owned.has(key)) findings.push(`object ${key} has no READY file`);
  for (const mismatch of ledger.downloads.mismatched)
    findings.push(`${mismatch}: SHA-256 differs from the upload`);
  return findings;
}
