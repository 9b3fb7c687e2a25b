import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
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
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly data: StoreData,
    private readonly dataFile: string | undefined,
  ) {}

  static async open(dataDir?: string): Promise<KeyStore> {
    if (!dataDir) return new KeyStore(emptyData(), undefined);
    const dataFile = path.join(dataDir, DATA_FILE_NAME);
    let text: string;
    try {
      text = await readFile(dataFile, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return new KeyStore(emptyData(), dataFile);
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`${dataFile} is not valid JSON; fix or delete it`);
    }
    const result = StoreData.safeParse(parsed);
    if (!result.success)
      throw new Error(
        `${dataFile} does not hold local-kms data: ${result.error.issues[0]?.message}`,
      );
    return new KeyStore(result.data, dataFile);
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

  /**
   * Writes the current state. Writes are chained, so the file always ends with the latest state,
   * and each goes to a temporary file renamed over the old one: a crash leaves old or new, never half.
   */
  save(): Promise<void> {
    const dataFile = this.dataFile;
    if (!dataFile) return Promise.resolve();
    const next = this.writing.then(() =>
      writeAtomically(dataFile, JSON.stringify(this.data, null, 2)),
    );
    // A failed write must not poison the chain for the writes after it.
    this.writing = next.catch(() => undefined);
    return next;
  }

  /** Resolves once every write started so far has finished. */
  flush(): Promise<void> {
    return this.writing;
  }
}

function emptyData(): StoreData {
  return { version: 1, keys: [], aliases: [] };
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    // 0600: the file holds key material.
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
