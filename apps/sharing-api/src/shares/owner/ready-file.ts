import { ProblemException } from '@enclave/errors';
import type { FileRecord, FilesRepository } from '@enclave/metadata';

/** The caller's file when it can be shared: 404 when unknown or deleted, 409 while uploading. */
export async function readyFile(
  files: Pick<FilesRepository, 'get'>,
  userId: string,
  fileId: string,
): Promise<FileRecord> {
  const file = await files.get(userId, fileId);
  if (!file || file.status === 'DELETED')
    throw new ProblemException('notFound', `No file ${fileId}.`);
  if (file.status !== 'READY')
    throw new ProblemException(
      'conflict',
      `The file ${fileId} is still uploading; share it once its upload is complete.`,
    );
  return file;
}
