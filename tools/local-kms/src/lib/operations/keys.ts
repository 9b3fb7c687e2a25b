import { randomUUID } from 'node:crypto';
import { newKeyMaterial } from '../crypto';
import { KmsError } from '../errors';
import { optionalInteger, optionalString, requiredString, tags } from '../input';
import { type KmsContext, keyArn, keyMetadata, type Operation, resolveKey } from '../context';
import type { KeyRecord } from '../key-store';

const DAY_SECONDS = 86_400;

// The stand-in holds symmetric keys only: what Enclave uses envelope encryption with.
const createKey: Operation = async (input, context) => {
  const keyUsage = optionalString(input, 'KeyUsage') ?? 'ENCRYPT_DECRYPT';
  const keySpec = optionalString(input, 'KeySpec') ?? 'SYMMETRIC_DEFAULT';
  if (keyUsage !== 'ENCRYPT_DECRYPT' || keySpec !== 'SYMMETRIC_DEFAULT')
    throw new KmsError(
      'UnsupportedOperationException',
      `local-kms supports only SYMMETRIC_DEFAULT ENCRYPT_DECRYPT keys, not ${keySpec} ${keyUsage}`,
    );
  const key: KeyRecord = {
    keyId: randomUUID(),
    creationDate: context.nowSeconds(),
    description: optionalString(input, 'Description', 8192) ?? '',
    keyUsage,
    keySpec,
    keyState: 'Enabled',
    material: newKeyMaterial().toString('base64'),
    tags: tags(input),
  };
  context.store.insertKey(key);
  await context.store.save();
  return { KeyMetadata: keyMetadata(context, key) };
};

const describeKey: Operation = (input, context) => ({
  KeyMetadata: keyMetadata(context, resolveKey(context, requiredString(input, 'KeyId'))),
});

const enableKey: Operation = async (input, context) => {
  const key = resolveKey(context, requiredString(input, 'KeyId'));
  refusePendingDeletion(context, key);
  key.keyState = 'Enabled';
  await context.store.save();
  return {};
};

const disableKey: Operation = async (input, context) => {
  const key = resolveKey(context, requiredString(input, 'KeyId'));
  refusePendingDeletion(context, key);
  key.keyState = 'Disabled';
  await context.store.save();
  return {};
};

const scheduleKeyDeletion: Operation = async (input, context) => {
  const key = resolveKey(context, requiredString(input, 'KeyId'));
  const pendingWindowInDays = optionalInteger(input, 'PendingWindowInDays', 7, 30) ?? 30;
  refusePendingDeletion(context, key);
  key.keyState = 'PendingDeletion';
  key.deletionDate = context.nowSeconds() + pendingWindowInDays * DAY_SECONDS;
  await context.store.save();
  return {
    KeyId: keyArn(context, key.keyId),
    DeletionDate: key.deletionDate,
    KeyState: key.keyState,
    PendingWindowInDays: pendingWindowInDays,
  };
};

// KMS leaves a key whose deletion was cancelled Disabled; the owner enables it on purpose.
const cancelKeyDeletion: Operation = async (input, context) => {
  const key = resolveKey(context, requiredString(input, 'KeyId'));
  if (key.keyState !== 'PendingDeletion')
    throw new KmsError(
      'KMSInvalidStateException',
      `${keyArn(context, key.keyId)} is ${key.keyState}, not pending deletion.`,
    );
  key.keyState = 'Disabled';
  delete key.deletionDate;
  await context.store.save();
  return { KeyId: keyArn(context, key.keyId) };
};

function refusePendingDeletion(context: KmsContext, key: KeyRecord): void {
  if (key.keyState === 'PendingDeletion')
    throw new KmsError(
      'KMSInvalidStateException',
      `${keyArn(context, key.keyId)} is pending deletion.`,
    );
}

/** Every key in any state, as KMS lists them; pages by position, the marker is the next index. */
const listKeys: Operation = (input, context) => {
  const limit = optionalInteger(input, 'Limit', 1, 1000) ?? 100;
  const start = Number(optionalString(input, 'Marker') ?? 0) || 0;
  const page = context.store.keys.slice(start, start + limit);
  const truncated = start + limit < context.store.keys.length;
  return {
    Keys: page.map((key) => ({ KeyId: key.keyId, KeyArn: keyArn(context, key.keyId) })),
    Truncated: truncated,
    ...(truncated ? { NextMarker: String(start + limit) } : {}),
  };
};

export const keyOperations = {
  CreateKey: createKey,
  DescribeKey: describeKey,
  ListKeys: listKeys,
  EnableKey: enableKey,
  DisableKey: disableKey,
  ScheduleKeyDeletion: scheduleKeyDeletion,
  CancelKeyDeletion: cancelKeyDeletion,
};
