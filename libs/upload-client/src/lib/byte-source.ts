/**
 * What an upload reads from: a size, a name and random access to byte ranges, so a part is read
 * only when it is about to be sent and memory stays bounded whatever the file's size.
 */
export interface ByteSource {
  readonly size: number;
  readonly name: string;
  /** Last modification time, when known; part of the file's identity for resume. */
  readonly lastModified?: number;
  /** MIME type, when known. */
  readonly type?: string;
  /** Bytes [start, end). */
  read(start: number, end: number): Promise<Uint8Array>;
}

/** A Blob or a browser File as a ByteSource. */
export class BlobByteSource implements ByteSource {
  readonly size: number;
  readonly name: string;
  readonly lastModified?: number;
  readonly type?: string;

  constructor(
    private readonly blob: Blob,
    name?: string,
  ) {
    this.size = blob.size;
    const file = blob as Partial<File>;
    this.name = name ?? file.name ?? 'blob';
    this.lastModified = file.lastModified;
    this.type = blob.type || undefined;
  }

  async read(start: number, end: number): Promise<Uint8Array> {
    return new Uint8Array(await this.blob.slice(start, end).arrayBuffer());
  }
}
