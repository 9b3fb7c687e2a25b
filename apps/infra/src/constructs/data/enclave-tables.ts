import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import {
  keyAttributes,
  TABLE_SCHEMAS,
  type TableRole,
  type TableSchema,
} from '@enclave/service-registry';
import { Construct } from 'constructs';
import type { Naming } from '../../config/naming';

export interface EnclaveTablesProps {
  names: Naming;
}

/** Each table's Terraform, from the description libs/metadata's CreateTable input also derives from. */
function tableConfig(name: string, schema: TableSchema, tags: Record<string, string>) {
  return {
    name,
    // On demand: an idle deployment costs nothing, and no capacity needs planning.
    billingMode: 'PAY_PER_REQUEST',
    hashKey: schema.hashKey.name,
    rangeKey: schema.rangeKey?.name,
    attribute: keyAttributes(schema),
    globalSecondaryIndex: schema.globalIndexes.map((index) => ({
      name: index.name,
      hashKey: index.hashKey.name,
      rangeKey: index.rangeKey?.name,
      projectionType: index.projection.type,
      nonKeyAttributes:
        index.projection.type === 'INCLUDE' ? [...index.projection.nonKeyAttributes] : undefined,
    })),
    ttl: schema.ttlAttribute ? { enabled: true, attributeName: schema.ttlAttribute } : undefined,
    pointInTimeRecovery: { enabled: true },
    // Off, so destroy removes the tables with everything else; PITR covers mistakes meanwhile.
    deletionProtectionEnabled: false,
    tags,
  };
}

/**
 * The files, shares and keys tables, named `enclave-{stage}-{role}`. The local auth's table is
 * not deployed: in AWS, users sign in with the auth service at auth_endpoint.
 */
export class EnclaveTables extends Construct {
  readonly tables: Readonly<Record<TableRole, DynamodbTable>>;

  constructor(scope: Construct, id: string, props: EnclaveTablesProps) {
    super(scope, id);
    const table = (role: TableRole) =>
      new DynamodbTable(
        this,
        role,
        tableConfig(props.names.resource(role), TABLE_SCHEMAS[role], { ...props.names.tags }),
      );
    this.tables = { files: table('files'), shares: table('shares'), keys: table('keys') };
  }
}
