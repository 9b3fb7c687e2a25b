import { optionalInteger, optionalString, requiredString, tags } from '../input';
import { type Operation, resolveKey } from '../context';

/** A tag key already on the key has its value replaced, as in KMS. */
const tagResource: Operation = async (input, context) => {
  const key = resolveKey(context, requiredString(input, 'KeyId'));
  for (const tag of tags(input)) {
    const existing = key.tags.find((candidate) => candidate.TagKey === tag.TagKey);
    if (existing) existing.TagValue = tag.TagValue;
    else key.tags.push(tag);
  }
  await context.store.save();
  return {};
};

/** Pages by position: the marker is the index of the first tag of the next page. */
const listResourceTags: Operation = (input, context) => {
  const key = resolveKey(context, requiredString(input, 'KeyId'));
  const limit = optionalInteger(input, 'Limit', 1, 50) ?? 50;
  const start = Number(optionalString(input, 'Marker') ?? 0) || 0;
  const page = key.tags.slice(start, start + limit);
  const truncated = start + limit < key.tags.length;
  return {
    Tags: page,
    Truncated: truncated,
    ...(truncated ? { NextMarker: String(start + limit) } : {}),
  };
};

export const tagOperations = { TagResource: tagResource, ListResourceTags: listResourceTags };
