import { randomUUID } from 'node:crypto';
import { blobKeyId, newKeyMaterial, open, seal } from './crypto';

describe('ciphertext blobs', () => {
  const keyId = randomUUID();
  const material = newKeyMaterial();
  const plaintext = Buffer.from('a data key');

  it('name their key and open with the same material and context', () => {
    const blob = seal(keyId, material, plaintext, { file: 'f1', user: 'u1' });
    expect(blobKeyId(blob)).toBe(keyId);
    expect(open(blob, material, { user: 'u1', file: 'f1' })).toEqual(plaintext);
  });

  it('do not open with another context, other material or any byte changed', () => {
    const blob = seal(keyId, material, plaintext, { file: 'f1' });
    expect(open(blob, material, { file: 'f2' })).toBeUndefined();
    expect(open(blob, material, {})).toBeUndefined();
    expect(open(blob, newKeyMaterial(), { file: 'f1' })).toBeUndefined();
    for (const index of [0, 5, 40, 60, blob.length - 1]) {
      const tampered = Buffer.from(blob);
      tampered[index] = (tampered[index] ?? 0) ^ 1;
      expect(open(tampered, material, { file: 'f1' })).toBeUndefined();
    }
  });

  it('are told apart from bytes that are not a blob', () => {
    expect(blobKeyId(Buffer.from('short'))).toBeUndefined();
    expect(open(Buffer.alloc(100), material, {})).toBeUndefined();
  });
});
