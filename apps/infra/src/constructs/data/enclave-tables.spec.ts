import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { keyAttributes, TABLE_SCHEMAS, type TableRole } from '@enclave/service-registry';
import { Testing } from 'cdktf';
import { naming } from '../../config/naming';
import { EnclaveTables } from './enclave-tables';

interface TableJson {
  name: string;
  billing_mode: string;
  hash_key: string;
  range_key?: string;
  attribute: { name: string; type: string }[];
  global_secondary_index?: {
    name: string;
    hash_key: string;
    range_key?: string;
    projection_type: string;
    non_key_attributes?: string[];
  }[];
  ttl?: { enabled: boolean; attribute_name: string };
  point_in_time_recovery: { enabled: boolean };
  deletion_protection_enabled: boolean;
}

const text = Testing.synthScope((scope) => {
  new EnclaveTables(scope, 'data', { names: naming('test') });
});
const json = JSON.parse(text) as { resource: { aws_dynamodb_table: Record<string, TableJson> } };
const byName = new Map(Object.values(json.resource.aws_dynamodb_table).map((t) => [t.name, t]));
const ROLES: readonly TableRole[] = ['files', 'shares', 'keys'];

describe('EnclaveTables', () => {
  it('declares exactly the files, shares and keys tables (not the local auth one)', () => {
    expect([...byName.keys()].sort()).toEqual([
      'enclave-test-files',
      'enclave-test-keys',
      'enclave-test-shares',
    ]);
  });

  describe.each(ROLES)('the %s table', (role) => {
    const schema = TABLE_SCHEMAS[role];
    const table = byName.get(`enclave-test-${role}`);

    it('has the keys and indexes of the shared description the repositories query', () => {
      expect(table?.hash_key).toBe(schema.hashKey.name);
      expect(table?.range_key).toBe(schema.rangeKey?.name);
      expect(table?.attribute).toEqual(keyAttributes(schema));
      expect(table?.global_secondary_index ?? []).toEqual(
        schema.globalIndexes.map((index) => ({
          name: index.name,
          hash_key: index.hashKey.name,
          ...(index.rangeKey ? { range_key: index.rangeKey.name } : {}),
          projection_type: index.projection.type,
          ...(index.projection.type === 'INCLUDE'
            ? { non_key_attributes: index.projection.nonKeyAttributes }
            : {}),
        })),
      );
    });

    it('is on demand, with point-in-time recovery, and destroy may delete it', () => {
      expect(text).toHaveResourceWithProperties(DynamodbTable, {
        name: `enclave-test-${role}`,
        billing_mode: 'PAY_PER_REQUEST',
        point_in_time_recovery: { enabled: true },
        deletion_protection_enabled: false,
      });
    });

    it('expires rows by the attribute the runtime writes as epoch seconds', () => {
      expect(table?.ttl).toEqual(
        schema.ttlAttribute ? { enabled: true, attribute_name: schema.ttlAttribute } : undefined,
      );
    });
  });

  it('expires files by expires_at and shares by purge_at (their expires_at is ISO text)', () => {
    expect(byName.get('enclave-test-files')?.ttl?.attribute_name).toBe('expires_at');
    expect(byName.get('enclave-test-shares')?.ttl?.attribute_name).toBe('purge_at');
    expect(byName.get('enclave-test-keys')?.ttl).toBeUndefined();
  });

  it('indexes files by live_file_id and by sweep work, shares by owner and by file', () => {
    const indexes = (name: string) =>
      (byName.get(name)?.global_secondary_index ?? []).map((i) => [
        i.name,
        i.hash_key,
        i.range_key,
      ]);
    expect(indexes('enclave-test-files')).toEqual([
      ['live_files', 'user_id', 'live_file_id'],
      ['sweep_work', 'sweep_shard', 'sweep_at'],
    ]);
    expect(indexes('enclave-test-shares')).toEqual([
      ['shares_by_owner', 'user_id', 'share_id'],
      ['shares_by_file', 'file_ref', 'share_id'],
    ]);
  });

  it('has no prevent_destroy', () => {
    expect(text).not.toContain('prevent_destroy');
  });
});
