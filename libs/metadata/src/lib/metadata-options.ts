export const METADATA_OPTIONS = Symbol('METADATA_OPTIONS');

export interface MetadataOptions {
  region: string;
  /** Only for stand-ins such as dynalite; empty on AWS. */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  filesTable: string;
  sharesTable: string;
}
