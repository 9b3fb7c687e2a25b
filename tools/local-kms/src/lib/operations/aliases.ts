import { KmsError, validationError } from '../errors';
import { optionalInteger, optionalString, requiredString } from '../input';
import { aliasArn, type Operation, resolveKey } from '../context';

const ALIAS_NAME = /^alias\/[a-zA-Z0-9/_-]+$/;

const createAlias: Operation = async (input, context) => {
  const aliasName = requiredString(input, 'AliasName', 256);
  if (!ALIAS_NAME.test(aliasName))
    throw validationError(
      'AliasName',
      aliasName,
      'Member must satisfy regular expression pattern: ^alias/[a-zA-Z0-9/_-]+$',
    );
  // The alias/aws/ prefix is reserved for AWS managed keys.
  if (aliasName.startsWith('alias/aws/'))
    throw validationError('AliasName', aliasName, 'Member must not begin with alias/aws/');
  if (context.store.alias(aliasName))
    throw new KmsError(
      'AlreadyExistsException',
      `An alias with the name ${aliasArn(context, aliasName)} already exists`,
    );
  const target = requiredString(input, 'TargetKeyId');
  // KMS does not let an alias point at another alias.
  if (target.startsWith('alias/') || target.includes(':alias/'))
    throw validationError('TargetKeyId', target, 'Member must be a key id or key ARN');
  const key = resolveKey(context, target);
  const now = context.nowSeconds();
  context.store.insertAlias({
    aliasName,
    targetKeyId: key.keyId,
    creationDate: now,
    lastUpdatedDate: now,
  });
  await context.store.save();
  return {};
};

/** Pages by alias name: the marker is the last name of the previous page. */
const listAliases: Operation = (input, context) => {
  const limit = optionalInteger(input, 'Limit', 1, 100) ?? 50;
  const marker = optionalString(input, 'Marker', 1024);
  const keyReference = optionalString(input, 'KeyId');
  const keyId = keyReference === undefined ? undefined : resolveKey(context, keyReference).keyId;
  const matching = context.store.aliases.filter(
    (alias) =>
      (keyId === undefined || alias.targetKeyId === keyId) &&
      (marker === undefined || alias.aliasName > marker),
  );
  const page = matching.slice(0, limit);
  const truncated = matching.length > limit;
  return {
    Aliases: page.map((alias) => ({
      AliasName: alias.aliasName,
      AliasArn: aliasArn(context, alias.aliasName),
      TargetKeyId: alias.targetKeyId,
      CreationDate: alias.creationDate,
      LastUpdatedDate: alias.lastUpdatedDate,
    })),
    Truncated: truncated,
    ...(truncated ? { NextMarker: page[page.length - 1]?.aliasName } : {}),
  };
};

// KMS refuses to delete the aliases of AWS managed keys; any other unknown name is NotFound.
const deleteAlias: Operation = async (input, context) => {
  const aliasName = requiredString(input, 'AliasName', 256);
  if (aliasName.startsWith('alias/aws/'))
    throw validationError('AliasName', aliasName, 'Member must not begin with alias/aws/');
  if (!context.store.removeAlias(aliasName))
    throw new KmsError('NotFoundException', `Alias ${aliasArn(context, aliasName)} is not found.`);
  await context.store.save();
  return {};
};

export const aliasOperations = {
  CreateAlias: createAlias,
  DeleteAlias: deleteAlias,
  ListAliases: listAliases,
};
