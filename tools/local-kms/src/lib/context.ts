import { KmsError } from './errors';
import type { KmsInput } from './input';
import type { KeyRecord, KeyStore } from './key-store';

export const ACCOUNT_ID = '000000000000';

/** What every operation gets. */
export interface KmsContext {
  store: KeyStore;
  region: string;
  /** Epoch seconds, KMS's date format. */
  nowSeconds(): number;
}

/** One KMS operation: a JSON body in, a JSON body out (blobs already base64). */
export type Operation = (input: KmsInput, context: KmsContext) => Promise<KmsInput> | KmsInput;

export function keyArn(context: KmsContext, keyId: string): string {
  return `arn:aws:kms:${context.region}:${ACCOUNT_ID}:key/${keyId}`;
}

export function aliasArn(context: KmsContext, aliasName: string): string {
  return `arn:aws:kms:${context.region}:${ACCOUNT_ID}:${aliasName}`;
}

const KEY_ARN = /^arn:aws:kms:[^:]*:[^:]*:key\/(.+)$/;
const ALIAS_ARN = /^arn:aws:kms:[^:]*:[^:]*:(alias\/.+)$/;

/** Resolves a KeyId parameter in any form KMS accepts: key id, key ARN, alias name, alias ARN. */
export function resolveKey(context: KmsContext, reference: string): KeyRecord {
  const aliasName =
    ALIAS_ARN.exec(reference)?.[1] ?? (reference.startsWith('alias/') ? reference : undefined);
  if (aliasName !== undefined) {
    const alias = context.store.alias(aliasName);
    const key = alias && context.store.key(alias.targetKeyId);
    if (!key)
      throw new KmsError(
        'NotFoundException',
        `Alias ${aliasArn(context, aliasName)} is not found.`,
      );
    return key;
  }
  const keyId = KEY_ARN.exec(reference)?.[1] ?? reference;
  const key = context.store.key(keyId);
  if (!key)
    throw new KmsError('NotFoundException', `Key '${keyArn(context, keyId)}' does not exist`);
  return key;
}

/** KMS refuses cryptography with a key that is not Enabled, naming the state. */
export function assertUsable(context: KmsContext, key: KeyRecord): void {
  if (key.keyState === 'Disabled')
    throw new KmsError('DisabledException', `${keyArn(context, key.keyId)} is disabled.`);
  if (key.keyState === 'PendingDeletion')
    throw new KmsError(
      'KMSInvalidStateException',
      `${keyArn(context, key.keyId)} is pending deletion.`,
    );
}

/** DescribeKey's KeyMetadata, as KMS sends it. */
export function keyMetadata(context: KmsContext, key: KeyRecord): KmsInput {
  return {
    AWSAccountId: ACCOUNT_ID,
    KeyId: key.keyId,
    Arn: keyArn(context, key.keyId),
    CreationDate: key.creationDate,
    Enabled: key.keyState === 'Enabled',
    Description: key.description,
    KeyUsage: key.keyUsage,
    KeyState: key.keyState,
    ...(key.deletionDate === undefined ? {} : { DeletionDate: key.deletionDate }),
    Origin: 'AWS_KMS',
    KeyManager: 'CUSTOMER',
    CustomerMasterKeySpec: key.keySpec,
    KeySpec: key.keySpec,
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    MultiRegion: false,
  };
}
