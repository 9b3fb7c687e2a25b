import type { Schemas } from '@enclave/api-contract';
import { formatShareTable } from './share-table';

const base = {
  file_id: '0190a0a0-0000-7000-8000-000000000001',
  created_at: '2025-01-01T00:00:00.000Z',
  expires_at: '2025-01-08T00:00:00.000Z',
};

describe('formatShareTable', () => {
  it('shows id, file, recipient or link, state, downloads (of max), expiry and last access', () => {
    const shares: Schemas['Share'][] = [
      {
        ...base,
        share_id: 'share-email-1',
        file_name: 'report final.pdf',
        kind: 'EMAIL',
        recipient: 'ada@example.com',
        downloads: 1,
        last_access_at: '2025-01-02T03:04:05.000Z',
        state: 'ACTIVE',
      },
      {
        ...base,
        share_id: 'share-link-22',
        file_name: 'a-very-long-file-name-that-goes-on-and-on.tar.gz',
        kind: 'LINK',
        downloads: 3,
        max_downloads: 3,
        password_protected: true,
        state: 'EXHAUSTED',
      },
    ];
    expect(formatShareTable(shares).split('\n')).toEqual([
      'SHARE ID       FILE                              TO               STATE      DOWNLOADS  EXPIRES              LAST ACCESS',
      'share-email-1  report final.pdf                  ada@example.com  ACTIVE             1  2025-01-08 00:00:00  2025-01-02 03:04:05',
      'share-link-22  a-very-long-file-name-that-goes…  link (password)  EXHAUSTED        3/3  2025-01-08 00:00:00  -',
    ]);
    expect(formatShareTable([])).toBe('No shares.');
  });
});
