import { objectKey, truncateUtf8 } from './object-key';

describe('objectKey', () => {
  it('lays keys out as user/file/name', () => {
    expect(objectKey('u1', 'f1', 'report.pdf')).toBe('u1/f1/report.pdf');
  });

  it('shortens long names to fit S3’s 1024-byte key limit', () => {
    const key = objectKey('u'.repeat(36), 'f'.repeat(36), 'n'.repeat(1024));
    expect(Buffer.byteLength(key)).toBe(1024);
    expect(key.startsWith(`${'u'.repeat(36)}/${'f'.repeat(36)}/nnn`)).toBe(true);
  });

  it('never splits a multi-byte character when shortening', () => {
    const key = objectKey('u', 'f', '😀'.repeat(300));
    expect(Buffer.byteLength(key)).toBeLessThanOrEqual(1024);
    expect(key).not.toContain('\uFFFD');
    expect([...key.slice(4)].every((c) => c === '😀')).toBe(true);
  });
});

describe('truncateUtf8', () => {
  it('keeps text that fits and cuts at character boundaries', () => {
    expect(truncateUtf8('héllo', 10)).toBe('héllo');
    expect(truncateUtf8('héllo', 2)).toBe('h');
    expect(truncateUtf8('héllo', 3)).toBe('hé');
  });
});
