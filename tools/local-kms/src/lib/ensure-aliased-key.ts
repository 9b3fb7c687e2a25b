import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { LOCAL_ACCESS_KEY_ID, LOCAL_SECRET_ACCESS_KEY } from '@enclave/local-stack';

/**
 * A key at the local KMS under `alias`: made once, found again on every later call (so on every
 * start of the stack). Returns its ARN. `shared` mode's one customer-managed key is made so
 * locally (on AWS, infra makes it).
 */
export async function ensureAliasedKey(
  endpoint: string,
  alias: string,
  description = 'Enclave shared key (local stand-in)',
): Promise<string> {
  const kms = new KMSClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: LOCAL_ACCESS_KEY_ID, secretAccessKey: LOCAL_SECRET_ACCESS_KEY },
  });
  try {
    const found = await kms
      .send(new DescribeKeyCommand({ KeyId: alias }))
      .catch((error: unknown) => {
        if ((error as { name?: string }).name === 'NotFoundException') return undefined;
        throw error;
      });
    if (found?.KeyMetadata?.Arn) return found.KeyMetadata.Arn;
    const created = await kms.send(new CreateKeyCommand({ Description: description }));
    const keyId = created.KeyMetadata?.KeyId;
    if (!keyId || !created.KeyMetadata?.Arn) throw new Error('local KMS made a key without an id');
    await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: keyId }));
    return created.KeyMetadata.Arn;
  } finally {
    kms.destroy();
  }
}
