import {
  DeleteAliasCommand,
  DescribeKeyCommand,
  type KMSClient,
  KMSInvalidStateException,
  NotFoundException,
  paginateListAliases,
  paginateListKeys,
  paginateListResourceTags,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import {
  KEY_DELETION_WINDOW_DAYS,
  USER_KEY_TAGS,
  userKeyAliasPrefix,
} from '@enclave/service-registry';

export interface RuntimeKeysReport {
  /** User key aliases of the stage that were deleted now. */
  aliasesDeleted: number;
  /** Keys of the stage whose deletion was scheduled now. */
  keysScheduled: number;
  /** Keys of the stage already pending deletion (an earlier run, or a user's shred). */
  keysAlreadyPending: number;
}

/**
 * Removes what the keys service made at runtime for one stage, which Terraform never knew of:
 * every per-user key alias (`alias/enclave/{stage}/user/…`) goes, and every key tagged as that
 * stage's user key is scheduled for deletion after the shortest window KMS allows. Keys are found
 * by their tags as well as by alias, so a key whose creator died before aliasing it goes too.
 * Safe to run again: aliases already gone and keys already pending deletion count as done.
 */
export async function removeRuntimeKeys({
  kms,
  stage,
}: {
  kms: KMSClient;
  stage: string;
}): Promise<RuntimeKeysReport> {
  const aliases = await stageAliases(kms, stage);
  const keyIds = new Set([...aliases.values(), ...(await stageTaggedKeys(kms, stage))]);

  let aliasesDeleted = 0;
  for (const aliasName of aliases.keys())
    if (await ignoringNotFound(kms.send(new DeleteAliasCommand({ AliasName: aliasName }))))
      aliasesDeleted++;

  const report = { aliasesDeleted, keysScheduled: 0, keysAlreadyPending: 0 };
  for (const keyId of keyIds) {
    const outcome = await scheduleDeletion(kms, keyId);
    if (outcome === 'scheduled') report.keysScheduled++;
    if (outcome === 'pending') report.keysAlreadyPending++;
  }
  return report;
}

/** The stage's user key aliases, by name, with the key each points at. */
async function stageAliases(kms: KMSClient, stage: string): Promise<Map<string, string>> {
  const prefix = userKeyAliasPrefix(stage);
  const found = new Map<string, string>();
  for await (const page of paginateListAliases({ client: kms }, {}))
    for (const { AliasName, TargetKeyId } of page.Aliases ?? [])
      if (AliasName?.startsWith(prefix) && TargetKeyId) found.set(AliasName, TargetKeyId);
  return found;
}

/**
 * Keys tagged with this stage AND a user id: the stage tag alone is on every resource the stack
 * tags (a `shared` mode key among them), and those are Terraform's to destroy, not ours.
 */
async function stageTaggedKeys(kms: KMSClient, stage: string): Promise<string[]> {
  const found: string[] = [];
  for await (const page of paginateListKeys({ client: kms }, {}))
    for (const { KeyId } of page.Keys ?? []) {
      if (!KeyId) continue;
      const tags = await keyTags(kms, KeyId);
      if (tags?.get(USER_KEY_TAGS.stage) === stage && tags.has(USER_KEY_TAGS.userId))
        found.push(KeyId);
    }
  return found;
}

/**
 * A key's tags; undefined if the key went between listing and asking (its window ended), or if
 * its tags may not be read: ListKeys also lists keys this account does not manage (AWS-managed
 * keys, others' key policies), and none of those is a key Enclave made.
 */
async function keyTags(kms: KMSClient, keyId: string): Promise<Map<string, string> | undefined> {
  const tags = new Map<string, string>();
  try {
    for await (const page of paginateListResourceTags({ client: kms }, { KeyId: keyId }))
      for (const { TagKey, TagValue } of page.Tags ?? [])
        if (TagKey !== undefined) tags.set(TagKey, TagValue ?? '');
  } catch (error) {
    if (error instanceof NotFoundException) return undefined;
    if ((error as { name?: string }).name === 'AccessDeniedException') return undefined;
    throw error;
  }
  return tags;
}

async function scheduleDeletion(
  kms: KMSClient,
  keyId: string,
): Promise<'scheduled' | 'pending' | 'gone'> {
  try {
    await kms.send(
      new ScheduleKeyDeletionCommand({
        KeyId: keyId,
        PendingWindowInDays: KEY_DELETION_WINDOW_DAYS,
      }),
    );
    return 'scheduled';
  } catch (error) {
    if (error instanceof NotFoundException) return 'gone';
    // KMS answers an invalid state for a key already pending deletion; any other state is news.
    if (error instanceof KMSInvalidStateException && (await isPendingDeletion(kms, keyId)))
      return 'pending';
    throw error;
  }
}

async function isPendingDeletion(kms: KMSClient, keyId: string): Promise<boolean> {
  const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: keyId }));
  return KeyMetadata?.KeyState === 'PendingDeletion';
}

/** True once the call succeeded, false if what it names was already gone. */
async function ignoringNotFound(call: Promise<unknown>): Promise<boolean> {
  try {
    await call;
    return true;
  } catch (error) {
    if (error instanceof NotFoundException) return false;
    throw error;
  }
}
