import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { ByteSource } from '../byte-source';

/** A local file as a ByteSource: reads ranges through one FileHandle, never the whole file. */
export class FileByteSource implements ByteSource {
  private constructor(
    private readonly handle: FileHandle,
    readonly name: string,
    readonly size: number,
    readonly lastModified: number,
  ) {}

  /** Opens `filePath`; call `close()` when the upload is over. */
  static async open(filePath: string, name = path.basename(filePath)): Promise<FileByteSource> {
    const handle = await open(filePath, 'r');
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) throw new Error(`${filePath} is not a regular file`);
      return new FileByteSource(handle, name, stats.size, stats.mtimeMs);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async read(start: number, end: number): Promise<Uint8Array> {
    const length = Math.max(0, end - start);
    const buffer = new Uint8Array(length);
    let filled = 0;
    // One read may return fewer bytes than asked; loop until the range is full.
    while (filled < length) {
      const { bytesRead } = await this.handle.read(buffer, filled, length - filled, start + filled);
      if (bytesRead === 0) throw new Error(`${this.name} shrank while being uploaded`);
      filled += bytesRead;
    }
    return buffer;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
