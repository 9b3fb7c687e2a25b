import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';

/**
 * A stand-in's state in one JSON file (local auth's users, local KMS's keys): read and checked
 * once at start, written whole after each change. Only the stand-ins use it; never deployed.
 */
export class JsonFileStore<T> {
  // Writes are chained, so the file always ends with the latest state.
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    readonly data: T,
    private readonly file: string | undefined,
  ) {}

  /**
   * The state in `file` (`empty()` when it does not exist yet, or always without a file: in
   * memory only). A file that is not JSON, or not `schema`, is an error naming it and `owner`.
   */
  static async open<T>(
    file: string | undefined,
    schema: z.ZodType<T>,
    empty: () => T,
    owner: string,
  ): Promise<JsonFileStore<T>> {
    if (!file) return new JsonFileStore(empty(), undefined);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return new JsonFileStore(empty(), file);
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`${file} is not valid JSON; fix or delete it`);
    }
    const result = schema.safeParse(parsed);
    if (!result.success)
      throw new Error(`${file} does not hold ${owner} data: ${result.error.issues[0]?.message}`);
    return new JsonFileStore(result.data, file);
  }

  /**
   * Writes the current state to a temporary file renamed over the old one (mode 0600: stand-ins
   * keep keys and password hashes here), so a crash leaves old or new, never half.
   */
  save(): Promise<void> {
    const file = this.file;
    if (!file) return Promise.resolve();
    const next = this.writing.then(() => writeAtomically(file, JSON.stringify(this.data, null, 2)));
    // A failed write must not poison the chain for the writes after it.
    this.writing = next.catch(() => undefined);
    return next;
  }

  /** Resolves once every write started so far has finished. */
  flush(): Promise<void> {
    return this.writing;
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
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
