import { JsonFileStore } from '@enclave/local-stack';
import path from 'node:path';
import { z } from 'zod';

const TagRecord = z.object({ TagKey: z.string(), TagValue: z.string() });

const KeyRecord = z.object({
  keyId: z.string(),
  /** Epoch seconds, as KMS sends dates. */
  creationDate: z.number(),
  description: z.string(),
  keyUsage: z.literal('ENCRYPT_DECRYPT'),
  keySpec: z.literal('SYMMETRIC_DEFAULT'),
  keyState: z.enum(['Enabled', 'Disabled', 'PendingDeletion']),
  deletionDate: z.number().optional(),
  /** The AES-256 key, base64. */
  material: z.string(),
  tags: z.array(TagRecord),
});
export type KeyRecord = z.infer<typeof KeyRecord>;

const AliasRecord = z.object({
  aliasName: z.string(),
  targetKeyId: z.string(),
  creationDate: z.number(),
  lastUpdatedDate: z.number(),
});
export type AliasRecord = z.infer<typeof AliasRecord>;

const StoreData = z.object({
  version: z.literal(1),
  keys: z.array(KeyRecord),
  aliases: z.array(AliasRecord),
});
type StoreData = z.infer<typeof StoreData>;

export const DATA_FILE_NAME = 'kms.json';

/**
 * Keys (with their material and tags) and aliases, in memory and, with a data dir, written
 * through to `<dataDir>/kms.json` after every change. Lookups and changes are synchronous, so
 * concurrent requests cannot interleave inside one operation. Records handed out are the stored
 * objects: change them, then call save().
 */
export class KeyStore {
  private constructor(private readonly file: JsonFileStore<StoreData>) {}

  static async open(dataDir?: string): Promise<KeyStore> {
    return new KeyStore(
      await JsonFileStore.open(
        dataDir && path.join(dataDir, DATA_FILE_NAME),
        StoreData,
        emptyData,
        'local-kms',
      ),
    );
  }

  private get data(): StoreData {
    return this.file.data;
  }

  get keys(): readonly KeyRecord[] {
    return this.data.keys;
  }

  /** Sorted by name, the order ListAliases pages through. */
  get aliases(): readonly AliasRecord[] {
    return this.data.aliases;
  }

  key(keyId: string): KeyRecord | undefined {
    return this.data.keys.find((key) => key.keyId === keyId);
  }

  alias(aliasName: string): AliasRecord | undefined {
    return this.data.aliases.find((alias) => alias.aliasName === aliasName);
  }

  insertKey(key: KeyRecord): void {
    this.data.keys.push(key);
  }

  insertAlias(alias: AliasRecord): void {
    this.data.aliases.push(alias);
    this.data.aliases.sort((a, b) => (a.aliasName < b.aliasName ? -1 : 1));
  }

  /** Returns whether the alias was there. */
  removeAlias(aliasName: string): boolean {
    const before = this.data.aliases.length;
    this.data.aliases = this.data.aliases.filter((alias) => alias.aliasName !== aliasName);
    return this.data.aliases.length !== before;
  }

  /**
   * Deletes keys whose deletion date has passed, with their aliases, as KMS does once the
   * waiting period ends. Returns whether anything went.
   */
  purgeDeleted(nowSeconds: number): boolean {
    const gone = new Set(
      this.data.keys
        .filter((key) => key.deletionDate !== undefined && key.deletionDate <= nowSeconds)
        .map((key) => key.keyId),
    );
    if (gone.size === 0) return false;
    this.data.keys = this.data.keys.filter((key) => !gone.has(key.keyId));
    this.data.aliases = this.data.aliases.filter((alias) => !gone.has(alias.targetKeyId));
    return true;
  }

  /** Writes the current state through to the file, if any (see JsonFileStore). */
  save(): Promise<void> {
    return this.file.save();
  }

  /** Resolves once every write started so far has finished. */
  flush(): Promise<void> {
    return this.file.flush();
  }
}

function emptyData(): StoreData {
  return { version: 1, keys: [], aliases: [] };
}
