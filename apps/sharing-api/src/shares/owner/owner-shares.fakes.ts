import type { AuthenticatedUser } from '@enclave/auth-guard';
import type { FileRecord, ShareRecord, SharesRepository } from '@enclave/metadata';
import { FakeFilesRepository } from '@enclave/metadata/testing';
import type { SharingSettings } from '../sharing-settings';

/**
 * The part of the shares table creating shares uses, in memory: rows and the hourly e-mail
 * counters. The real repository's conditional writes are tested against dynalite.
 */
export class FakeShareRows implements Pick<
  SharesRepository,
  'create' | 'markSent' | 'delete' | 'reserveEmails' | 'releaseEmails'
> {
  readonly rows = new Map<string, ShareRecord>();
  readonly emailsSent = new Map<string, number>();

  async create(record: ShareRecord): Promise<void> {
    if (this.rows.has(record.token_hash)) throw new Error('token hash clash');
    this.rows.set(record.token_hash, structuredClone(record));
  }

  async markSent(tokenHash: string): Promise<void> {
    const row = this.rows.get(tokenHash);
    if (row) row.delivery = 'SENT';
  }

  async delete(tokenHash: string): Promise<void> {
    this.rows.delete(tokenHash);
  }

  async reserveEmails(
    userId: string,
    hour: number,
    count: number,
    limit: number,
  ): Promise<boolean> {
    const key = `${userId}#${hour}`;
    const sent = this.emailsSent.get(key) ?? 0;
    if (sent + count > limit) return false;
    this.emailsSent.set(key, sent + count);
    return true;
  }

  async releaseEmails(userId: string, hour: number, count: number): Promise<void> {
    const key = `${userId}#${hour}`;
    this.emailsSent.set(key, Math.max(0, (this.emailsSent.get(key) ?? 0) - count));
  }

  asRepository(): SharesRepository {
    return this as unknown as SharesRepository;
  }
}

export const OWNER: AuthenticatedUser = {
  user_id: 'user-1',
  email: 'alice@example.test',
  name: 'Alice Example',
  groups: [],
};

export const SETTINGS: SharingSettings = {
  linkBase: 'http://portal.test',
  defaultExpiresSeconds: 3600,
  maxExpiresSeconds: 30 * 24 * 3600,
  downloadUrlExpiresSeconds: 300,
  emailsPerUserPerHour: 5,
  passwordAttempts: 10,
  passwordWindowSeconds: 900,
  retentionSeconds: 90 * 24 * 3600,
};

/** A files table holding one file of OWNER's in `status`. */
export async function filesWith(
  status: FileRecord['status'],
  fileId = '01900000-0000-7000-8000-000000000001',
): Promise<{ files: FakeFilesRepository; file: FileRecord }> {
  const files = new FakeFilesRepository();
  const file: FileRecord = {
    user_id: OWNER.user_id,
    file_id: fileId,
    file_name: 'report.pdf',
    content_type: 'application/pdf',
    size: 2 * 1024 ** 2,
    status,
    object_key: `users/${OWNER.user_id}/${fileId}`,
    created_at: '2026-11-23T09:00:00.000Z',
    uploaded_at: '2026-11-23T09:00:00.000Z',
    ...(status === 'DELETED' ? { deleted_at: '2026-11-23T09:30:00.000Z' } : {}),
  };
  files.putRow(file);
  return { files, file };
}
