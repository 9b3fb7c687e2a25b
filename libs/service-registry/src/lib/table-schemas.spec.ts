import { keyAttributes, SHARE_SUMMARY_ATTRIBUTES, TABLE_SCHEMAS } from './table-schemas';

describe('TABLE_SCHEMAS', () => {
  it('names each key attribute once, typed, table keys first', () => {
    expect(keyAttributes(TABLE_SCHEMAS.shares)).toEqual([
      { name: 'token_hash', type: 'S' },
      { name: 'user_id', type: 'S' },
      { name: 'share_id', type: 'S' },
      { name: 'file_ref', type: 'S' },
    ]);
    expect(keyAttributes(TABLE_SCHEMAS.keys)).toEqual([{ name: 'user_id', type: 'S' }]);
  });

  it('projects the share summary into both shares indexes, less the keys DynamoDB adds itself', () => {
    for (const index of TABLE_SCHEMAS.shares.globalIndexes) {
      const expected = SHARE_SUMMARY_ATTRIBUTES.filter(
        (a) => a !== index.hashKey.name && a !== 'share_id',
      );
      expect(index.projection).toEqual({ type: 'INCLUDE', nonKeyAttributes: expected });
    }
  });

  it('puts the TTL only on attributes the runtime writes as epoch seconds', () => {
    expect(TABLE_SCHEMAS.files.ttlAttribute).toBe('expires_at');
    expect(TABLE_SCHEMAS.shares.ttlAttribute).toBe('purge_at');
    expect(TABLE_SCHEMAS.keys.ttlAttribute).toBeUndefined();
  });
});
