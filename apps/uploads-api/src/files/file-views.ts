import type { Schemas } from '@enclave/api-contract';
import type { FileRecord } from '@enclave/metadata';

/** What the API shows of a file row (never its object key or upload id). */
export function toFileSummary(record: FileRecord): Schemas['FileSummary'] {
  return {
    file_id: record.file_id,
    file_name: record.file_name,
    content_type: record.content_type,
    size: record.size,
    uploaded_at: record.uploaded_at,
    status: record.status,
    ...(record.sha256 ? { sha256: record.sha256 } : {}),
    ...(record.kms_mode
      ? {
          encryption: {
            kms_mode: record.kms_mode,
            ...(record.kms_key_id ? { key_id: record.kms_key_id } : {}),
          },
        }
      : {}),
  };
}

export function toDeleted(record: FileRecord): Schemas['DeleteFileResponse'] {
  return { file_id: record.file_id, file_name: record.file_name, file_status: 'DELETED' };
}

export function toCompleted(record: FileRecord): Schemas['CompleteFileResponse'] {
  return {
    file_id: record.file_id,
    file_name: record.file_name,
    size: record.size,
    status: 'READY',
  };
}

/** Cursors are opaque to clients: the last file_id of a page, base64url-encoded. */
export function encodeCursor(fileId: string): string {
  return Buffer.from(fileId, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  return Buffer.from(cursor, 'base64url').toString('utf8');
}
