import { formatBytes, formatEta, formatFileTable, formatRate } from './format';

describe('formatting', () => {
  it('formats sizes in binary units, exact below 1 KiB', () => {
    expect([0, 1023, 1024, 1536, 5 * 1024 ** 3].map(formatBytes)).toEqual([
      '0 B',
      '1023 B',
      '1.0 KiB',
      '1.5 KiB',
      '5.0 GiB',
    ]);
    expect(formatRate(2.5 * 1024 * 1024)).toBe('2.5 MiB/s');
  });

  it('formats an ETA, or -- while unknown', () => {
    expect([undefined, 0, 9.2, 75, 7300].map(formatEta)).toEqual([
      '--',
      '0s',
      '10s',
      '1m15s',
      '2h01m',
    ]);
  });

  it('lays files out in aligned columns with the name last', () => {
    const table = formatFileTable([
      {
        file_id: '0190a0a0-0000-7000-8000-000000000001',
        file_name: 'report final.pdf',
        content_type: 'application/pdf',
        size: 2048,
        uploaded_at: '2025-01-02T03:04:05.678Z',
        status: 'READY',
      },
      {
        file_id: '0190a0a0-0000-7000-8000-000000000002',
        file_name: 'a',
        content_type: 'text/plain',
        size: 5,
        uploaded_at: '2025-01-01T00:00:00.000Z',
        status: 'UPLOADING',
      },
    ]);
    expect(table.split('\n')).toEqual([
      'FILE ID                                  SIZE  STATUS     UPLOADED             NAME',
      '0190a0a0-0000-7000-8000-000000000001  2.0 KiB  READY      2025-01-02 03:04:05  report final.pdf',
      '0190a0a0-0000-7000-8000-000000000002      5 B  UPLOADING  2025-01-01 00:00:00  a',
    ]);
    expect(formatFileTable([])).toBe('No files.');
  });
});
