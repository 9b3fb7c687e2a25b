import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  KMSClient,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import {
  awsErrorName,
  DependencyFailed,
  DependencyUnavailable,
  isAwsOutage,
} from '@enclave/errors';
import { type AwsCallLimits, awsClientLimits } from '@enclave/config';
import { USER_KEY_TAGS } from '@enclave/service-registry';
import { KmsKeyStateInvalid } from './key-errors';
import type { KeyDescription, KeyManagement } from './key-management';
import type { UserKey } from './user-key';

export interface KmsClientOptions {
  region: string;
  /** Only for a local stand-in; empty on AWS. */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  limits?: AwsCallLimits;
}

export function createKmsClient(options: KmsClientOptions): KMSClient {
  return new KMSClient({
    region: options.region,
    endpoint: options.endpoint,
    credentials: options.credentials,
    ...awsClientLimits(options.limits),
  });
}

/** KeyManagement over the AWS KMS API; speaks the domain about every failure. */
export class KmsKeyManagement implements KeyManagement {
  constructor(private readonly kms: KMSClient) {}

  async createKey({ userId, stage }: { userId: string; stage: string }): Promise<UserKey> {
    const { KeyMetadata } = await kmsCall(`a new key of user ${userId}`, () =>
      this.kms.send(
        new CreateKeyCommand({
          Description: `Enclave ${stage} key of user ${userId}`,
          Tags: [
            { TagKey: USER_KEY_TAGS.userId, TagValue: userId },
            { TagKey: USER_KEY_TAGS.stage, TagValue: stage },
          ],
        }),
      ),
    );
    if (!KeyMetadata?.KeyId || !KeyMetadata.Arn)
      throw new DependencyFailed('KMS', new Error('CreateKey answered without a key id or ARN'));
    return { keyId: KeyMetadata.KeyId, arn: KeyMetadata.Arn };
  }

  async createAlias(aliasName: string, keyId: string): Promise<'created' | 'exists'> {
    try {
      await this.kms.send(new CreateAliasCommand({ AliasName: aliasName, TargetKeyId: keyId }));
      return 'created';
    } catch (error) {
      if (awsErrorName(error) === 'AlreadyExistsException') return 'exists';
      throw translate(keyId, error);
    }
  }

  async describeKey(keyIdOrAlias: string): Promise<KeyDescription | undefined> {
    try {
      const { KeyMetadata } = await this.kms.send(new DescribeKeyCommand({ KeyId: keyIdOrAlias }));
      if (!KeyMetadata?.KeyId || !KeyMetadata.Arn) return undefined;
      return {
        keyId: KeyMetadata.KeyId,
        arn: KeyMetadata.Arn,
        state: KeyMetadata.KeyState ?? 'Unknown',
        deletionDate: KeyMetadata.DeletionDate,
      };
    } catch (error) {
      if (awsErrorName(error) === 'NotFoundException') return undefined;
      throw translate(keyIdOrAlias, error);
    }
  }

  async disableKey(keyId: string): Promise<void> {
    await kmsCall(keyId, () => this.kms.send(new DisableKeyCommand({ KeyId: keyId })));
  }

  async scheduleKeyDeletion(
    keyId: string,
    pendingWindowInDays: number,
  ): Promise<{ deletionDate: Date }> {
    const { DeletionDate } = await kmsCall(keyId, () =>
      this.kms.send(
        new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: pendingWindowInDays }),
      ),
    );
    if (!DeletionDate)
      throw new DependencyFailed('KMS', new Error('ScheduleKeyDeletion answered without a date'));
    return { deletionDate: DeletionDate };
  }
}

async function kmsCall<T>(keyId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw translate(keyId, error);
  }
}

function translate(keyId: string, error: unknown): Error {
  if (awsErrorName(error) === 'KMSInvalidStateException')
    return new KmsKeyStateInvalid(keyId, error);
  if (isAwsOutage(error)) return new DependencyUnavailable('KMS', error);
  return new DependencyFailed('KMS', error);
}
