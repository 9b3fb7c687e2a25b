import { objectKey, parseObjectKey } from './object-key';

describe('objectKey', () => {
  it('lays keys out as user/file, whatever the file is called', () => {
    expect(objectKey('u1', 'f1')).toBe('u1/f1');
  });
});

describe('parseObjectKey', () => {
  it('reads the owner and the file back from a key', () => {
    expect(parseObjectKey('u1/f1')).toEqual({ userId: 'u1', fileId: 'f1' });
  });

  it('reads keys of the earlier user/file/name layout', () => {
    expect(parseObjectKey('u1/f1/report ☂.pdf')).toEqual({ userId: 'u1', fileId: 'f1' });
  });

  it.each(['', 'u1', 'u1/', '/f1', 'u1/f1/'])('refuses %j, which no file of ours has', (key) => {
    expect(parseObjectKey(key)).toBeUndefined();
  });
});
